/**
 * @module What a provider channel's setup form asks for, per kind: its settings fields
 * (in the protocol's names and types) and its credentials. The shapes themselves are the
 * protocol's (INBOX_KINDS): the form checks its values against them before sending, the
 * same schemas the server applies.
 */
import type { z } from "zod";
import { INBOX_KINDS, type CreateInboxBody, type Inbox } from "../../worker/protocol";

/** Kinds set up with a provider's credentials. E-mail has no provider login: its setup
 * (addresses, routing) is a form of its own. */
/** Kinds set up with ChannelForm; the API channel has its own form (api-inbox-form.tsx). */
export type ProviderKind = Exclude<CreateInboxBody["kind"], "webchat" | "email" | "api">;
export const PROVIDER_KINDS: readonly ProviderKind[] = ["whatsapp", "messenger", "instagram", "telegram", "sms"];

/** Kinds whose webhook an admin pastes at Meta with a verify token they choose. */
export const META_KINDS: readonly ProviderKind[] = ["whatsapp", "messenger", "instagram"];

interface KindShapes {
  settings: z.ZodObject;
  credentials: z.ZodObject;
}

/** The protocol's schemas for a kind. */
export function shapesOf(kind: ProviderKind): KindShapes | undefined {
  return (INBOX_KINDS as unknown as Partial<Record<string, KindShapes>>)[kind];
}

export function isProviderKind(kind: string): kind is ProviderKind {
  return (PROVIDER_KINDS as readonly string[]).includes(kind);
}

/** `id`: one of Meta's numeric ids; `text`: free text, empty meaning none (null);
 * `hours`: a whole number; `check`: on or off; `choice`: one of `options`; `code`: an
 * identifier or address (a phone number, a SID, a URL), empty sent as "" (Twilio's
 * settings say "none" that way). */
export type FieldType = "id" | "text" | "hours" | "check" | "choice" | "code";
export interface SettingField {
  key: SettingKey;
  type: FieldType;
  optional?: boolean;
  options?: readonly string[];
  /** Shown folded under "Advanced": most admins never need it. */
  advanced?: boolean;
}
export type SettingKey =
  | "phoneNumberId"
  | "businessAccountId"
  | "displayPhone"
  | "pageId"
  | "appId"
  | "instagramAccountId"
  | "reopenWindowHours"
  | "humanAgentTag"
  | "keepUnsentText"
  | "medium"
  | "from"
  | "messagingServiceSid"
  | "publicBaseUrl";
export type SecretKey = "appSecret" | "accessToken" | "pageAccessToken" | "verifyToken" | "botToken" | "accountSid" | "authToken";

/** Credentials that identify rather than unlock (Twilio's Account SID): still write-only,
 * since the server keeps them with the secrets, but typed in the clear. */
export const PLAIN_SECRETS: readonly SecretKey[] = ["accountSid"];

/** Twilio's medium: SMS and MMS, or WhatsApp through Twilio. */
export const SMS_MEDIUMS = ["sms", "whatsapp"] as const;

const PAGE: SettingField[] = [
  { key: "pageId", type: "id" },
  { key: "appId", type: "id" },
];
const PAGE_OPTIONS: SettingField[] = [
  { key: "reopenWindowHours", type: "hours" },
  { key: "humanAgentTag", type: "check" },
  { key: "keepUnsentText", type: "check" },
];

export const CHANNEL_FORMS: Record<ProviderKind, { settings: SettingField[]; secrets: SecretKey[] }> = {
  whatsapp: {
    settings: [
      { key: "phoneNumberId", type: "id" },
      { key: "businessAccountId", type: "id", optional: true },
      { key: "displayPhone", type: "text", optional: true },
      { key: "reopenWindowHours", type: "hours" },
    ],
    secrets: ["appSecret", "accessToken", "verifyToken"],
  },
  messenger: { settings: [...PAGE, ...PAGE_OPTIONS], secrets: ["appSecret", "pageAccessToken", "verifyToken"] },
  instagram: { settings: [...PAGE, { key: "instagramAccountId", type: "id" }, ...PAGE_OPTIONS], secrets: ["appSecret", "pageAccessToken", "verifyToken"] },
  // The webhook secret_token is made up by the server (generatedCredentials), never typed.
  telegram: { settings: [{ key: "reopenWindowHours", type: "hours" }], secrets: ["botToken"] },
  sms: {
    settings: [
      { key: "medium", type: "choice", options: SMS_MEDIUMS },
      { key: "from", type: "code", optional: true },
      { key: "messagingServiceSid", type: "code", optional: true },
      { key: "reopenWindowHours", type: "hours" },
      { key: "publicBaseUrl", type: "code", optional: true, advanced: true },
    ],
    secrets: ["accountSid", "authToken"],
  },
};

/** What the form edits: text inputs hold strings, checkboxes booleans. */
export type FormValues = Partial<Record<SettingKey, string | boolean>>;

/** The form's starting values: the inbox's saved settings with the protocol's defaults
 * filled in (a new inbox: the defaults alone). */
export function initialValues(kind: ProviderKind, inbox?: Inbox): FormValues {
  const saved: Record<string, unknown> = inbox?.settings ?? {};
  const values: FormValues = {};
  for (const field of CHANNEL_FORMS[kind].settings) {
    // Defaults come from the protocol's schema, so the form never restates one; a choice
    // without a default starts on its first option (Twilio: SMS), never on none.
    const value = saved[field.key] ?? defaultOf(kind, field.key) ?? field.options?.[0];
    values[field.key] = field.type === "check" ? value === true : value === null || value === undefined ? "" : String(value);
  }
  return values;
}

function defaultOf(kind: ProviderKind, key: SettingKey): unknown {
  const shapes = shapesOf(kind);
  if (!shapes) return undefined;
  const shape = shapes.settings.shape as Record<string, { safeParse: (v: unknown) => { success: boolean; data?: unknown } } | undefined>;
  const parsed = shape[key]?.safeParse(undefined);
  return parsed?.success ? parsed.data : undefined;
}

/** The settings object the API takes, from the form's values. */
export function settingsOf(kind: ProviderKind, values: FormValues): Record<string, unknown> {
  const settings: Record<string, unknown> = {};
  for (const field of CHANNEL_FORMS[kind].settings) {
    const value = values[field.key];
    if (field.type === "check") settings[field.key] = value === true;
    else if (field.type === "hours") settings[field.key] = String(value ?? "").trim() === "" ? Number.NaN : Number(value);
    else if (field.type === "code") settings[field.key] = String(value ?? "").trim();
    else if (field.type === "choice") settings[field.key] = String(value ?? "");
    else {
      const text = String(value ?? "").trim();
      settings[field.key] = text === "" && field.optional ? null : text;
    }
  }
  return settings;
}

/** A random verify token (24 bytes, base64url): the admin pastes it at Meta, which sends
 * it back when it checks the callback URL. Made here, in the browser, since the server
 * never shows a saved one. */
export function randomVerifyToken(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(24));
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}
