/**
 * @module The provider channel form's own check before any request, against the
 * protocol's schemas (INBOX_KINDS, via `shapesOf`), with a message per field in the
 * console's language; and the server's issues placed by the form's field names.
 */
import type { ApiError } from "../api";
import { CHANNEL_FORMS, shapesOf, type ProviderKind, type SecretKey, type SettingField } from "./channel-fields";
import { s as cs } from "./channel-strings";
import type { FieldErrors } from "./form-errors";
import { s as is } from "./inbox-strings";
import { s as ts } from "./twilio-telegram-strings";

type Secrets = Partial<Record<SecretKey, string>>;

/** A new inbox needs every credential; a saved one none (an empty field keeps it). */
export function checkChannel(kind: ProviderKind, name: string, settings: Record<string, unknown>, secrets: Secrets, creating: boolean): FieldErrors {
  const fields: FieldErrors = {};
  const clean = name.trim();
  if (clean.length < 1 || clean.length > 120) fields.name = is.nameInvalid;
  const form = CHANNEL_FORMS[kind];
  const shapes = shapesOf(kind);
  // First, so its message (not the schema's narrower "required" or "format") stands.
  if (kind === "sms") oneSender(settings, fields);
  if (shapes) {
    const parsed = shapes.settings.safeParse(settings);
    for (const issue of parsed.success ? [] : parsed.error.issues) {
      const key = String(issue.path[0] ?? "");
      const field = form.settings.find((f) => f.key === key);
      if (field && !fields[key]) fields[key] = messageFor(kind, field, settings[key]);
    }
  } else {
    // A kind the protocol does not list yet: only what needs no schema; the server checks the rest.
    for (const field of form.settings) {
      const value = settings[field.key];
      if (field.type === "hours" && !(typeof value === "number" && Number.isInteger(value) && value >= 0)) fields[field.key] = messageFor(kind, field, value);
    }
  }
  for (const key of form.secrets) {
    const value = secrets[key];
    if (!value) {
      if (creating) fields[key] = cs.required;
      continue;
    }
    const schema = (shapes?.credentials.shape as Partial<Record<string, { safeParse: (v: unknown) => { success: boolean; error?: { issues: { message: string }[] } } }>> | undefined)?.[key];
    const parsed = schema?.safeParse(value);
    if (parsed && !parsed.success) fields[key] = (ts.formats as Partial<Record<string, string>>)[key] ?? parsed.error?.issues[0]?.message ?? cs.required;
  }
  return fields;
}

/** Twilio sends from a number or through a Messaging Service: exactly one of the two. */
function oneSender(settings: Record<string, unknown>, fields: FieldErrors): void {
  const from = settings["from"] !== "";
  const service = settings["messagingServiceSid"] !== "";
  if (from === service) {
    const message = from ? ts.oneSenderOnly : ts.oneSender;
    fields["from"] ??= message;
    fields["messagingServiceSid"] ??= message;
  }
}

function messageFor(kind: ProviderKind, field: SettingField, value: unknown): string {
  if (field.type === "hours") return cs.hoursInvalid(hoursMax(kind));
  if (field.type === "text") return cs.textTooLong;
  if (value === "" || value === null || value === undefined) return cs.required;
  if (field.type === "code") return (ts.formats as Partial<Record<string, string>>)[field.key] ?? cs.required;
  return field.type === "id" ? cs.numericId : cs.required;
}

/** The reopen window's upper bound, read from the protocol's schema (zod's `maxValue`), so
 * the message says the number the server enforces. 8760 (a year): the agreed bound of the
 * kinds not in the protocol yet. */
function hoursMax(kind: ProviderKind): number {
  const field = shapesOf(kind)?.settings.shape["reopenWindowHours"] as { unwrap?: () => { maxValue?: number | null } } | undefined;
  return field?.unwrap?.().maxValue ?? 8760;
}

/** The server's issues by the form's field names: `settings.phoneNumberId` and
 * `credentials.appSecret` land beside their inputs, `name` beside the name. */
export function fieldsOf(err: ApiError): FieldErrors {
  const fields: FieldErrors = {};
  for (const issue of err.issues) {
    const [head, key] = issue.path.map(String);
    const field = (head === "settings" || head === "credentials") && key ? key : head;
    if (field && field !== "settings" && field !== "credentials") fields[field] = fields[field] ? `${fields[field]} ${issue.message}` : issue.message;
  }
  return fields;
}
