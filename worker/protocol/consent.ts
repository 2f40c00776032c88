/**
 * @module Wire shapes of the LGPD consent ledger (issue 16). Consent is recorded per
 * contact, channel (or "any") and purpose as append-only grant/revoke records; the
 * current state is derived from them (worker/consent/ledger.ts), never stored apart.
 * LGPD art. 5 XII: consent is "free, informed, unequivocal and for a determined purpose";
 * art. 8 §2 puts the burden of proof on the company, hence who/when/how/evidence per record.
 */
import { z } from "zod";
import { ChannelKind } from "./summary";

/** The channel a record covers: one channel kind, or every channel. */
export const ConsentChannel = z.union([ChannelKind, z.literal("any")]);
export type ConsentChannel = z.infer<typeof ConsentChannel>;

export const ConsentAction = z.enum(["grant", "revoke"]);
export type ConsentAction = z.infer<typeof ConsentAction>;

/** How the record came to be. `keyword`: the customer wrote STOP/SAIR/… on the channel;
 * `list_unsubscribe`: an RFC 8058 one-click unsubscribe; `template_button`: the answer to
 * a WhatsApp template's opt-in button. */
export const ConsentSource = z.enum(["widget_checkbox", "whatsapp_reply", "template_button", "keyword", "list_unsubscribe", "web_form", "import", "api", "agent"]);
export type ConsentSource = z.infer<typeof ConsentSource>;

/** Who recorded it: the customer themself (`contact`), an agent, an API token, or the system. */
export const ConsentRecorder = z.enum(["contact", "agent", "token", "system"]);
export type ConsentRecorder = z.infer<typeof ConsentRecorder>;

export const MAX_PURPOSE_NAME_CHARS = 80;
export const MAX_PURPOSE_KEY_CHARS = 40;
export const MAX_PURPOSE_DESCRIPTION_CHARS = 500;
/** The exact text the customer saw: an opt-in sentence, not an essay. */
export const MAX_CONSENT_TEXT_CHARS = 2_000;
export const MAX_CONSENT_EVIDENCE_CHARS = 200;

/** A purpose consent is given for ("atendimento", "avisos de pedido", "marketing").
 * `marketing` purposes are the ones a STOP/SAIR revokes. */
export const ConsentPurpose = z.object({
  id: z.string(),
  key: z.string(),
  name: z.string(),
  description: z.string(),
  marketing: z.boolean(),
  createdAt: z.number().int(),
  archivedAt: z.number().int().nullable(),
});
export type ConsentPurpose = z.infer<typeof ConsentPurpose>;

export const ConsentRecord = z.object({
  id: z.string(),
  contactId: z.string(),
  channel: ConsentChannel,
  purposeId: z.string(),
  action: ConsentAction,
  source: ConsentSource,
  recordedBy: z.object({ type: ConsentRecorder, id: z.string().nullable(), name: z.string().nullable() }),
  /** The exact text shown to the customer when they consented, where there was one. */
  textShown: z.string().nullable(),
  /** The message, form or click the record rests on (a message id, form id, …). */
  evidence: z.string().nullable(),
  ip: z.string().nullable(),
  at: z.number().int(),
});
export type ConsentRecord = z.infer<typeof ConsentRecord>;

/** The derived state for one channel and purpose: the latest record that covers it. */
export const ConsentState = z.object({
  channel: ConsentChannel,
  purposeId: z.string(),
  granted: z.boolean(),
  /** The record the state rests on. */
  recordId: z.string(),
  at: z.number().int(),
});
export type ConsentState = z.infer<typeof ConsentState>;
