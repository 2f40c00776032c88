/**
 * What the Twilio tests share: the kit's account (made-up SID and auth token), the
 * fixtures (form bodies) pointed at the stand-in REST API, an inbox of its own per test,
 * deliveries to its webhook signed as Twilio signs (over the URL called and every form
 * parameter), and a send context for adapter-level tests.
 */
import { env } from "cloudflare:workers";
import type { InboxRow } from "../../../worker/db/inboxes";
import { twilioAdapter } from "../../../worker/channels/twilio/adapter";
import { formParams, twilioSignatureOf } from "../../../worker/channels/twilio/signature";
import { providerBaseUrl } from "../../../worker/channels/registry";
import type { ChannelConfig, OutboundMessage, ProviderContext } from "../../../worker/channels/types";
import { SmsSettings } from "../../../worker/protocol";
import { ORIGIN } from "../http-client";
import { channelInbox, post } from "./channel-world";
import smsInbound from "../../fixtures/channels/twilio/sms_inbound.form?raw";
import mmsTwoMedia from "../../fixtures/channels/twilio/mms_two_media.form?raw";
import whatsappInbound from "../../fixtures/channels/twilio/whatsapp_inbound.form?raw";
import statusSent from "../../fixtures/channels/twilio/status_sent.form?raw";
import statusDelivered from "../../fixtures/channels/twilio/status_delivered.form?raw";
import statusRead from "../../fixtures/channels/twilio/status_read.form?raw";
import statusUndelivered from "../../fixtures/channels/twilio/status_undelivered.form?raw";
import statusQueued from "../../fixtures/channels/twilio/status_queued.form?raw";

export const ACCOUNT_SID = "AC0123456789abcdef0123456789abcdef";
export const AUTH_TOKEN = "twilio test auth token — não é real";
export const OUR_NUMBER = "+14155550100";
export const CUSTOMER = "+5511987654321";
export const TWILIO = providerBaseUrl(env, twilioAdapter);

/** The fixtures' media URLs, pointed at the stand-in REST API. */
const retarget = (form: string) => form.trim().replaceAll(encodeURIComponent("https://api.twilio.com"), encodeURIComponent(TWILIO));

export const TW = {
  sms: retarget(smsInbound),
  mms: retarget(mmsTwoMedia),
  whatsapp: retarget(whatsappInbound),
  status: { sent: statusSent.trim(), delivered: statusDelivered.trim(), read: statusRead.trim(), undelivered: statusUndelivered.trim(), queued: statusQueued.trim() },
};

/** `form` with parameters replaced (and added when missing). */
export function withParams(form: string, changes: Record<string, string>): string {
  const params = new URLSearchParams(form);
  for (const [name, value] of Object.entries(changes)) params.set(name, value);
  return params.toString();
}

/** A fresh Message SID (SM + 32 hex). */
export function messageSid(prefix = "SM"): string {
  return prefix + crypto.randomUUID().replaceAll("-", "");
}

export function smsSettings(overrides: Partial<SmsSettings> = {}): SmsSettings {
  return SmsSettings.parse({ from: OUR_NUMBER, callbackOrigin: ORIGIN, ...overrides });
}

export interface TwInbox {
  inbox: InboxRow;
  path: string;
  statusPath: string;
  /** Posts `form` to `path` (default: the messages webhook), signed over `signedUrl`
   * (default: the URL posted to). */
  deliver: (form: string, opts?: { path?: string; signedUrl?: string; headers?: Record<string, string> }) => ReturnType<typeof post>;
}

/** A Twilio inbox stored as the inbox API stores one, with the kit's account. */
export async function twInbox(settings: Partial<SmsSettings> = {}): Promise<TwInbox> {
  const inbox = await channelInbox("sms", smsSettings(settings), { accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN });
  const path = `/webhooks/twilio/${inbox.id}`;
  const deliver: TwInbox["deliver"] = async (form, opts = {}) => {
    const target = opts.path ?? path;
    const signature = await twilioSignatureOf(AUTH_TOKEN, opts.signedUrl ?? ORIGIN + target, formParams(form));
    return post(target, form, { "Content-Type": "application/x-www-form-urlencoded", "X-Twilio-Signature": signature, ...opts.headers });
  };
  return { inbox, path, statusPath: `${path}/status`, deliver };
}

export function twilioConfig(settings: Partial<SmsSettings> = {}): ChannelConfig<"sms"> {
  return { inboxId: "inbox-tw-1", kind: "sms", settings: smsSettings(settings), credentials: { accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN } };
}

export function twilioContext(settings: Partial<SmsSettings> = {}, fileLink?: ProviderContext["fileLink"]): ProviderContext<"sms"> {
  return { config: twilioConfig(settings), baseUrl: TWILIO, files: env.FILES, fetch: (input, init) => fetch(input, init), ...(fileLink ? { fileLink } : {}) };
}

export function outbound(overrides: Partial<OutboundMessage> = {}): OutboundMessage {
  return {
    messageId: crypto.randomUUID(),
    conversationId: crypto.randomUUID(),
    seq: 2,
    recipient: CUSTOMER,
    body: "Olá! Seu pedido já saiu 🚚",
    attachments: [],
    replyTo: null,
    template: null,
    tag: null,
    ...overrides,
  };
}

/** Twilio's answer to a created message (https://www.twilio.com/docs/messaging/api/message-resource). */
export function createdAnswer(sid: string) {
  return Response.json({ sid, account_sid: ACCOUNT_SID, status: "queued", to: CUSTOMER, from: OUR_NUMBER, body: "…" }, { status: 201 });
}

/** Twilio's error answer (https://www.twilio.com/docs/usage/twilios-response). */
export function twilioError(status: number, code: number, message: string, headers: Record<string, string> = {}) {
  return Response.json({ code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status }, { status, headers });
}

export const MESSAGES = new RegExp(`^/2010-04-01/Accounts/${ACCOUNT_SID}/Messages\\.json$`);
export const ACCOUNT = new RegExp(`^/2010-04-01/Accounts/${ACCOUNT_SID}\\.json$`);
