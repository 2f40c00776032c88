/**
 * @module The Twilio webhooks the simulator delivers, as Twilio makes them: POSTs of
 * application/x-www-form-urlencoded parameters, signed in `X-Twilio-Signature` with the
 * account's auth token over the exact URL called plus every parameter name and value,
 * sorted by name (https://www.twilio.com/docs/usage/security#validating-requests).
 * - Incoming messages (https://www.twilio.com/docs/messaging/guides/webhook-request):
 *   MessageSid (SM…, MM… with media), From, To, Body, NumMedia, MediaUrlN and
 *   MediaContentTypeN; through WhatsApp, `whatsapp:` addresses, ProfileName and WaId;
 *   OptOutType on Twilio's own opt-out keywords (SMS only).
 * - Status callbacks (https://www.twilio.com/docs/messaging/guides/outbound-message-status-in-status-callbacks):
 *   MessageSid, MessageStatus and, when it failed, ErrorCode.
 * The URL is the inbox's public one: its `publicBaseUrl` setting when set (a custom
 * domain), else the dev server's origin — what the adapter checks the signature over.
 */
import type { TwilioAccount } from "./accounts";
import type { TwilioSimSettings } from "./channel-shapes";

export type Params = Array<[string, string]>;

const hex = (bytes: number) => Array.from(crypto.getRandomValues(new Uint8Array(bytes)), (b) => b.toString(16).padStart(2, "0")).join("");

/** A Twilio SID: two letters and 32 hex digits (SM message, MM with media, ME media). */
export function newSid(prefix: "SM" | "MM"): string {
  return prefix + hex(16);
}

/** Our media ids are digits; a media SID carries one, zero-padded to 32 hex digits. */
export function mediaSidOf(mediaId: string): string {
  return "ME" + mediaId.padStart(32, "0");
}

export function mediaIdOfSid(mediaSid: string): string | null {
  const digits = /^ME(\d{32})$/.exec(mediaSid)?.[1];
  return digits ? digits.replace(/^0+/, "") : null;
}

/** The customer's address on the inbox's medium: E.164, or `whatsapp:` + E.164. */
export function customerAddress(settings: TwilioSimSettings, digits: string): string {
  return settings.medium === "whatsapp" ? `whatsapp:+${digits}` : `+${digits}`;
}

/** The inbox's own address (a messaging service with no number: a made-up one of it). */
export function inboxAddress(settings: TwilioSimSettings): string {
  const number = settings.from || "+15550100000";
  return settings.medium === "whatsapp" ? `whatsapp:${number}` : number;
}

/** Where Twilio posts for the inbox: its public base (or the origin) and the path. */
export function publicUrl(origin: string, account: TwilioAccount, hook: "status" | null): string {
  const base = (account.settings.publicBaseUrl || origin).replace(/\/+$/, "");
  return `${base}/webhooks/twilio/${account.inbox.id}${hook ? `/${hook}` : ""}`;
}

/** Twilio's built-in opt-out and opt-in keywords on SMS, matched on the whole body
 * (https://help.twilio.com/articles/223134027). Our own list (SAIR, PARAR…) is the
 * worker's to recognize; Twilio only refuses sends after its own. */
const OPT_OUT = new Set(["STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT"]);
const OPT_IN = new Set(["START", "YES", "UNSTOP"]);

export function optOutTypeOf(settings: TwilioSimSettings, body: string): "STOP" | "START" | null {
  if (settings.medium !== "sms") return null;
  const word = body.trim().toUpperCase();
  return OPT_OUT.has(word) ? "STOP" : OPT_IN.has(word) ? "START" : null;
}

export interface TwilioInbound {
  customer: { id: string; name: string };
  messageSid: string;
  body: string;
  media: { url: string; contentType: string } | null;
}

/** An incoming message's parameters. */
export function inboundParams(account: TwilioAccount, turn: TwilioInbound): Params {
  const { settings } = account;
  const whatsapp = settings.medium === "whatsapp";
  const optOut = optOutTypeOf(settings, turn.body);
  const params: Params = [
    ["SmsMessageSid", turn.messageSid],
    ["NumMedia", turn.media ? "1" : "0"],
    ["SmsSid", turn.messageSid],
    ["SmsStatus", "received"],
    ["Body", turn.body],
    ["To", inboxAddress(settings)],
    ["NumSegments", "1"],
    ["MessageSid", turn.messageSid],
    ["AccountSid", account.credentials.accountSid],
    ["From", customerAddress(settings, turn.customer.id)],
    ["ApiVersion", "2010-04-01"],
  ];
  if (settings.messagingServiceSid) params.push(["MessagingServiceSid", settings.messagingServiceSid]);
  if (turn.media) params.push(["MediaContentType0", turn.media.contentType], ["MediaUrl0", turn.media.url]);
  if (whatsapp) params.push(["ProfileName", turn.customer.name || turn.customer.id], ["WaId", turn.customer.id], ["MessageType", turn.media ? "image" : "text"]);
  if (optOut) params.push(["OptOutType", optOut]);
  return params;
}

export interface TwilioStatus {
  messageSid: string;
  customerId: string;
  status: "delivered" | "read" | "undelivered";
  errorCode: string | null;
}

/** A status callback's parameters. */
export function statusParams(account: TwilioAccount, status: TwilioStatus): Params {
  const params: Params = [
    ["SmsSid", status.messageSid],
    ["SmsStatus", status.status],
    ["MessageStatus", status.status],
    ["To", customerAddress(account.settings, status.customerId)],
    ["MessageSid", status.messageSid],
    ["AccountSid", account.credentials.accountSid],
    ["From", inboxAddress(account.settings)],
    ["ApiVersion", "2010-04-01"],
  ];
  if (account.settings.medium === "whatsapp") params.push(["ChannelPrefix", "whatsapp"], ["ChannelToAddress", `+${status.customerId}`]);
  if (status.errorCode) params.push(["ErrorCode", status.errorCode]);
  return params;
}

/** base64(HMAC-SHA1(auth token, url + each name and value, sorted by name)). */
export async function twilioSignatureOf(authToken: string, url: string, params: Params): Promise<string> {
  const sorted = [...params].sort(([a, x], [b, y]) => (a < b ? -1 : a > b ? 1 : x < y ? -1 : x > y ? 1 : 0));
  const data = url + sorted.map(([name, value]) => name + value).join("");
  const key = await crypto.subtle.importKey("raw", new TextEncoder().encode(authToken), { name: "HMAC", hash: "SHA-1" }, false, ["sign"]);
  const signature = new Uint8Array(await crypto.subtle.sign("HMAC", key, new TextEncoder().encode(data)));
  return btoa(String.fromCharCode(...signature));
}

/** The signed POST Twilio makes to `url`. */
export async function twilioRequest(account: TwilioAccount, url: string, params: Params): Promise<{ request: Request; raw: string }> {
  const raw = new URLSearchParams(params).toString();
  const request = new Request(url, {
    method: "POST",
    body: raw,
    headers: {
      "Content-Type": "application/x-www-form-urlencoded; charset=UTF-8",
      "X-Twilio-Signature": await twilioSignatureOf(account.credentials.authToken, url, params),
      "I-Twilio-Idempotency-Token": crypto.randomUUID(),
      "User-Agent": "TwilioProxy/1.1",
    },
  });
  return { request, raw };
}
