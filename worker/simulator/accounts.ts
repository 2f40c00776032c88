/**
 * @module The channel inboxes the simulator can play the provider for, read from D1 with
 * their settings and opened credentials (the app secret, webhook secret or auth token
 * signs the webhooks the simulator delivers; the access token, bot token or account SID
 * and auth token are what the stand-in APIs expect back). Parsed with the protocol's
 * per-kind shapes (channel-shapes.ts for Telegram and Twilio), so the simulator works
 * before, and independently of, the adapters in the registry.
 */
import type { Db } from "../db/client";
import { findInbox, listInboxes, type InboxRow } from "../db/inboxes";
import type { Env } from "../env";
import { openCredentials } from "../channels/credentials";
import { EmailSettings, InstagramSettings, MessengerSettings, MetaPageCredentials, WhatsappCredentials, WhatsappSettings } from "../protocol";
import { SimulatedKind, type SimulatorInbox } from "../protocol/simulator";
import { botIdOf, TelegramSimCredentials, TelegramSimSettings, TwilioSimCredentials, TwilioSimSettings } from "./channel-shapes";

/** An account on Meta's Graph API (WhatsApp, Messenger, Instagram). */
export type GraphAccount =
  | { inbox: InboxRow; kind: "whatsapp"; settings: WhatsappSettings; credentials: WhatsappCredentials }
  | { inbox: InboxRow; kind: "messenger"; settings: MessengerSettings; credentials: MetaPageCredentials }
  | { inbox: InboxRow; kind: "instagram"; settings: InstagramSettings; credentials: MetaPageCredentials };
export type TelegramAccount = { inbox: InboxRow; kind: "telegram"; settings: TelegramSimSettings; credentials: TelegramSimCredentials };
export type TwilioAccount = { inbox: InboxRow; kind: "sms"; settings: TwilioSimSettings; credentials: TwilioSimCredentials };
/** An e-mail inbox has no credentials: Cloudflare hands the Worker its mail. */
export type EmailAccount = { inbox: InboxRow; kind: "email"; settings: EmailSettings; credentials: null };

/** A usable simulated account: the inbox with what playing its provider needs. */
export type SimulatedAccount = GraphAccount | TelegramAccount | TwilioAccount | EmailAccount;

export function isGraphAccount(account: SimulatedAccount): account is GraphAccount {
  return account.kind === "whatsapp" || account.kind === "messenger" || account.kind === "instagram";
}

const SETTINGS = { whatsapp: WhatsappSettings, messenger: MessengerSettings, instagram: InstagramSettings, telegram: TelegramSimSettings, sms: TwilioSimSettings, email: EmailSettings } as const;
const CREDENTIALS = { whatsapp: WhatsappCredentials, messenger: MetaPageCredentials, instagram: MetaPageCredentials, telegram: TelegramSimCredentials, sms: TwilioSimCredentials } as const;

/** The inbox as a simulated account, or why it cannot be one. */
export async function accountOf(env: Env, inbox: InboxRow): Promise<SimulatedAccount | string> {
  const kind = SimulatedKind.safeParse(inbox.kind);
  if (!kind.success) return "not a WhatsApp, Messenger, Instagram, Telegram, Twilio or e-mail inbox";
  const settings = SETTINGS[kind.data].safeParse(inbox.settings);
  if (!settings.success) return "its settings do not parse";
  if (kind.data === "email") return { inbox, kind: "email", settings: settings.data as EmailSettings, credentials: null };
  const opened = await openCredentials(env, inbox.id, inbox.credentials);
  if (!opened) return "its credentials do not open with this CREDENTIALS_KEY (made under another key?)";
  const credentials = CREDENTIALS[kind.data as Exclude<SimulatedKind, "email">].safeParse(opened);
  if (!credentials.success) return "its credentials are incomplete";
  return { inbox, kind: kind.data, settings: settings.data, credentials: credentials.data } as SimulatedAccount;
}

/** The provider-side id our replies are sent from, as the settings name it (Telegram's
 * bot id is in its token: see simulatorInboxOf). */
export function accountIdOf(kind: SimulatedKind, settings: Record<string, unknown>): string | null {
  if (kind === "email") return Array.isArray(settings.addresses) && typeof settings.addresses[0] === "string" ? settings.addresses[0] : null;
  const id = kind === "whatsapp" ? settings.phoneNumberId : kind === "sms" ? settings.from || settings.messagingServiceSid : kind === "telegram" ? null : settings.pageId;
  return typeof id === "string" ? id : null;
}

export async function simulatorInboxOf(env: Env, inbox: InboxRow): Promise<SimulatorInbox | null> {
  const kind = SimulatedKind.safeParse(inbox.kind);
  if (!kind.success) return null;
  const account = await accountOf(env, inbox);
  const accountId = typeof account !== "string" && account.kind === "telegram" ? botIdOf(account.credentials.botToken) : accountIdOf(kind.data, inbox.settings);
  const medium = typeof account !== "string" && account.kind === "sms" ? account.settings.medium : null;
  return { id: inbox.id, kind: kind.data, name: inbox.name, accountId, medium, problem: typeof account === "string" ? account : null };
}

/** Every channel inbox the simulator knows, oldest first. */
export async function simulatorInboxes(env: Env, db: Db): Promise<SimulatorInbox[]> {
  const listed = await Promise.all((await listInboxes(db)).map((inbox) => simulatorInboxOf(env, inbox)));
  return listed.filter((i): i is SimulatorInbox => i !== null);
}

export async function loadAccount(env: Env, db: Db, inboxId: string): Promise<SimulatedAccount | string> {
  const inbox = await findInbox(db, inboxId);
  return inbox ? accountOf(env, inbox) : "no such inbox";
}

/** The accounts a Graph API object id can belong to: a WhatsApp phone number or business
 * account, a Facebook page, an Instagram professional account. Several when a Messenger
 * and an Instagram inbox share their page (as on Meta, where the account hangs off it). */
export async function accountsWithGraphId(env: Env, db: Db, graphId: string): Promise<GraphAccount[]> {
  return (await graphAccounts(env, db)).filter((a) => {
    if (a.kind === "whatsapp") return a.settings.phoneNumberId === graphId || a.settings.businessAccountId === graphId;
    if (a.kind === "instagram") return a.settings.pageId === graphId || a.settings.instagramAccountId === graphId;
    return a.settings.pageId === graphId;
  });
}

/** Every inbox the simulator can play the provider for. */
export async function allAccounts(env: Env, db: Db): Promise<SimulatedAccount[]> {
  const accounts = await Promise.all((await listInboxes(db)).map((inbox) => accountOf(env, inbox)));
  return accounts.filter((a): a is SimulatedAccount => typeof a !== "string");
}

/** Every inbox on Meta's Graph API. */
export async function graphAccounts(env: Env, db: Db): Promise<GraphAccount[]> {
  return (await allAccounts(env, db)).filter(isGraphAccount);
}

/** Every Telegram inbox (the stand-in Bot API finds the one whose token a call names). */
export async function telegramAccounts(env: Env, db: Db): Promise<TelegramAccount[]> {
  return (await allAccounts(env, db)).filter((a): a is TelegramAccount => a.kind === "telegram");
}

/** Every e-mail inbox (the stand-in binding records a sent mail under the one whose
 * address it was sent from). */
export async function emailAccounts(env: Env, db: Db): Promise<EmailAccount[]> {
  return (await allAccounts(env, db)).filter((a): a is EmailAccount => a.kind === "email");
}

/** Every Twilio inbox (the stand-in Messages API finds the one of the account SID). */
export async function twilioAccounts(env: Env, db: Db): Promise<TwilioAccount[]> {
  return (await allAccounts(env, db)).filter((a): a is TwilioAccount => a.kind === "sms");
}
