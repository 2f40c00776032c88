/**
 * @module Request and answer shapes of the consent ledger's API (issue 16): purposes
 * (admins configure them), a contact's ledger (agents read it and record on the
 * customer's behalf), and the web chat widget's opt-in checkbox.
 */
import { z } from "zod";
import { ConsentAction, ConsentChannel, ConsentPurpose, ConsentRecord, ConsentState, MAX_CONSENT_EVIDENCE_CHARS, MAX_CONSENT_TEXT_CHARS, MAX_PURPOSE_DESCRIPTION_CHARS, MAX_PURPOSE_KEY_CHARS, MAX_PURPOSE_NAME_CHARS } from "./consent";
import { UserName, UserText } from "./text";
import { Locale } from "./webchat";

/** A purpose's key: a lowercase slug ("avisos-de-pedido"). WhatsApp template opt-in
 * buttons name the purpose by it (`sb-consent:<key>`, worker/consent/template-button.ts),
 * so it stays ASCII and short. */
export const PurposeKey = z
  .string()
  .max(MAX_PURPOSE_KEY_CHARS)
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "lowercase letters, digits and single hyphens, like avisos-de-pedido");

const PurposeName = UserName.trim().min(1).max(MAX_PURPOSE_NAME_CHARS);
const PurposeDescription = UserText.trim().max(MAX_PURPOSE_DESCRIPTION_CHARS);

export const CreateConsentPurposeBody = z.strictObject({
  key: PurposeKey,
  name: PurposeName,
  description: PurposeDescription.default(""),
  /** STOP/SAIR on a channel revokes every marketing purpose there. */
  marketing: z.boolean().default(false),
});
export type CreateConsentPurposeBody = z.input<typeof CreateConsentPurposeBody>;

/** Any of the fields; `archived: true` archives (never deletes: records point at it),
 * `false` brings it back. */
export const UpdateConsentPurposeBody = z
  .strictObject({
    key: PurposeKey.optional(),
    name: PurposeName.optional(),
    description: PurposeDescription.optional(),
    marketing: z.boolean().optional(),
    archived: z.boolean().optional(),
  })
  .refine((b) => Object.keys(b).length > 0, { message: "Send at least one field to change.", path: [] });
export type UpdateConsentPurposeBody = z.input<typeof UpdateConsentPurposeBody>;

export const ConsentPurposeList = z.object({ purposes: z.array(ConsentPurpose) });
export type ConsentPurposeList = z.infer<typeof ConsentPurposeList>;

/** How an agent or an API client may say a consent was given or withdrawn. The sources
 * the system itself records (`keyword`, `list_unsubscribe`, `template_button`,
 * `widget_checkbox`) are not accepted here: a client cannot claim the customer ticked a
 * box or tapped a button. */
export const RecordedConsentSource = z.enum(["api", "agent", "web_form", "import", "whatsapp_reply"]);
export type RecordedConsentSource = z.infer<typeof RecordedConsentSource>;

/** `POST /api/v1/contacts/{id}/consent`: one grant or revocation. */
export const RecordConsentBody = z.strictObject({
  channel: ConsentChannel,
  purposeId: z.string().min(1).max(64),
  action: ConsentAction,
  source: RecordedConsentSource,
  /** The exact text the customer saw when they consented (a form's sentence). */
  textShown: UserText.trim().min(1).max(MAX_CONSENT_TEXT_CHARS).optional(),
  /** What the record rests on: a form submission id, an import file's name and line… */
  evidence: UserText.trim().min(1).max(MAX_CONSENT_EVIDENCE_CHARS).optional(),
});
export type RecordConsentBody = z.input<typeof RecordConsentBody>;

/** A contact's ledger: the purposes (archived too, since old records name them), the
 * current state per channel and purpose, and every record, newest first. */
export const ContactConsent = z.object({
  purposes: z.array(ConsentPurpose),
  states: z.array(ConsentState),
  records: z.array(ConsentRecord),
});
export type ContactConsent = z.infer<typeof ContactConsent>;

/** `POST /api/v1/widget/consent`: the visitor ticked the pre-chat form's opt-in box. */
export const WidgetConsentBody = z.strictObject({
  /** The form's id, made by the widget once per form: a resend of the same form records
   * nothing new. Also the record's evidence. */
  formId: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/),
  /** The language the widget showed the sentence in. */
  locale: Locale,
  /** The sentence exactly as shown; the server records only the inbox's own. */
  textShown: UserText.max(MAX_CONSENT_TEXT_CHARS),
});
export type WidgetConsentBody = z.input<typeof WidgetConsentBody>;
