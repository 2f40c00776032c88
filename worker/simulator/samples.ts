/**
 * @module "Create sample inboxes": a WhatsApp, a Messenger and an Instagram inbox with
 * made-up Meta ids, a Telegram bot, and two Twilio senders (SMS, and WhatsApp through
 * Twilio) with made-up account SIDs, an e-mail inbox on a reserved domain (RFC 2606, no
 * credentials: Cloudflare hands the Worker its mail) — all with freshly generated secrets, stored as the
 * inbox API stores channel inboxes (settings parsed by the shapes, credentials sealed
 * under CREDENTIALS_KEY, hints beside them), so a newcomer needs no provider account and
 * no form. As the inbox API does, a kind whose adapter registers its webhook (Telegram's
 * `connect`: getMe + setWebhook, here answered by the stand-in Bot API) is connected
 * before it is saved, and its generated credentials (the webhook secret) come from the
 * adapter when it makes them. Idempotent: a sample whose account is already there is
 * left as it is.
 */
import type { Context } from "hono";
import type { Db } from "../db/client";
import { findDefaultTeam } from "../db/agents";
import { insertInbox, listInboxes } from "../db/inboxes";
import { newId } from "../db/client";
import type { AppEnv } from "../env";
import { randomToken } from "../auth/encoding";
import { credentialHints, sealCredentials } from "../channels/credentials";
import { providerAdapterFor } from "../channels/registry";
import { connectChannel } from "../routes/inbox-connect";
import { requestOrigin } from "../routes/inbox-view";
import { EmailSettings, InstagramSettings, MessengerSettings, WhatsappSettings } from "../protocol";
import type { SimulatedKind, SimulatorInbox } from "../protocol/simulator";
import { accountIdOf, simulatorInboxOf } from "./accounts";

/** Made-up numeric ids in Meta's format; no real account has them. */
const SAMPLE_APP_ID = "400000000000001";
/** The sample bot's made-up id (the part of a bot token before the colon). */
const SAMPLE_BOT_ID = "7000000001";
/** Numbers in the 555-01xx range, reserved for fiction. */
const SMS_FROM = "+15550100002";
const TWILIO_WHATSAPP_FROM = "+15550100003";

interface Sample {
  kind: SimulatedKind;
  name: string;
  /** The settings, or how to make them from the dev server's origin. */
  settings: Record<string, unknown> | ((origin: string) => Record<string, unknown>);
  /** null: the kind has none (e-mail). */
  credentials: () => Record<string, string> | null;
}

const secret = () => randomToken(24);
const hex = (bytes: number) => Array.from(crypto.getRandomValues(new Uint8Array(bytes)), (b) => b.toString(16).padStart(2, "0")).join("");
/** A Twilio account: "AC" + 32 hex digits, and a 32-hex-digit auth token, as Twilio's are. */
const twilioCredentials = () => ({ accountSid: `AC${hex(16)}`, authToken: hex(16) });
/** `callbackOrigin`: the origin the inbox was created from, which the Twilio adapter
 * builds StatusCallback and media URLs on while `publicBaseUrl` is "" (the inbox API
 * stores it; samples are made here, so they store it too). */
const twilioSettings = (medium: "sms" | "whatsapp", from: string) => (origin: string) => ({ medium, from, messagingServiceSid: "", publicBaseUrl: "", callbackOrigin: origin, reopenWindowHours: 24 });

const SAMPLES: Sample[] = [
  {
    kind: "whatsapp",
    name: "WhatsApp · simulator",
    settings: WhatsappSettings.parse({ phoneNumberId: "100000000000001", businessAccountId: "200000000000001", displayPhone: "+1 555-010-0001" }),
    credentials: () => ({ appSecret: secret(), accessToken: secret(), verifyToken: secret() }),
  },
  {
    kind: "messenger",
    name: "Messenger · simulator",
    settings: MessengerSettings.parse({ pageId: "300000000000001", appId: SAMPLE_APP_ID }),
    credentials: () => ({ appSecret: secret(), pageAccessToken: secret(), verifyToken: secret() }),
  },
  {
    kind: "instagram",
    name: "Instagram · simulator",
    settings: InstagramSettings.parse({ pageId: "300000000000002", appId: SAMPLE_APP_ID, instagramAccountId: "17841400000000001" }),
    credentials: () => ({ appSecret: secret(), pageAccessToken: secret(), verifyToken: secret() }),
  },
  {
    kind: "telegram",
    name: "Telegram · simulator",
    settings: { reopenWindowHours: 24 },
    // A bot token's shape: the bot id, a colon, 35 characters (base64url of 26 bytes: 35).
    // The webhook secret: setWebhook's secret_token, 1-256 of [A-Za-z0-9_-]
    // (https://core.telegram.org/bots/api#setwebhook); the adapter's own when it makes one.
    credentials: () => ({ botToken: `${SAMPLE_BOT_ID}:${randomToken(26)}`, webhookSecret: randomToken(32), ...providerAdapterFor("telegram")?.generatedCredentials?.() }),
  },
  {
    kind: "sms",
    name: "SMS · simulator",
    settings: twilioSettings("sms", SMS_FROM),
    credentials: twilioCredentials,
  },
  {
    kind: "sms",
    name: "WhatsApp via Twilio · simulator",
    settings: twilioSettings("whatsapp", TWILIO_WHATSAPP_FROM),
    credentials: twilioCredentials,
  },
  {
    kind: "email",
    name: "E-mail · simulator",
    // example.com is reserved for documentation (RFC 2606): no real mailbox has it.
    settings: EmailSettings.parse({ addresses: ["suporte@example.com", "financeiro@example.com"], displayName: "Suporte Switchboard" }),
    credentials: () => null,
  },
];

/** Whether `inbox` is the sample `sample` made (by its account id; Telegram's is in the
 * sealed token, so its sample is known by kind and name). */
function isSample(sample: Sample, settings: Record<string, unknown>, inbox: { kind: string; name: string; settings: Record<string, unknown> }): boolean {
  if (inbox.kind !== sample.kind) return false;
  if (sample.kind === "telegram") return inbox.name === sample.name;
  return accountIdOf(sample.kind, inbox.settings) === accountIdOf(sample.kind, settings);
}

export async function createSampleInboxes(c: Context<AppEnv>, db: Db): Promise<{ created: SimulatorInbox[]; existing: SimulatorInbox[] }> {
  const env = c.env;
  const inboxes = await listInboxes(db);
  const teamId = (await findDefaultTeam(db))?.id ?? null;
  const created: SimulatorInbox[] = [];
  const existing: SimulatorInbox[] = [];
  for (const sample of SAMPLES) {
    const settings = typeof sample.settings === "function" ? sample.settings(requestOrigin(c)) : sample.settings;
    const taken = inboxes.find((i) => isSample(sample, settings, i));
    if (taken) {
      existing.push((await simulatorInboxOf(env, taken))!);
      continue;
    }
    const id = newId();
    const credentials = sample.credentials();
    // As the inbox API: the provider registers our webhook before anything is saved.
    if (credentials) await connectChannel(c, { inboxId: id, kind: sample.kind, settings, credentials });
    const row = await insertInbox(db, {
      id,
      kind: sample.kind,
      name: sample.name,
      teamId,
      priority: 50,
      settings,
      credentials: credentials ? await sealCredentials(env, id, credentials) : null,
      credentialHints: credentials ? credentialHints(credentials) : {},
      createdAt: Date.now(),
    });
    created.push((await simulatorInboxOf(env, row))!);
  }
  return { created, existing };
}
