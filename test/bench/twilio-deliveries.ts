/**
 * @module Twilio SMS webhooks for the channel benchmark: the form parameters of an
 * incoming message (https://www.twilio.com/docs/messaging/guides/webhook-request), signed
 * as Twilio signs them: `X-Twilio-Signature` = base64 HMAC-SHA1 under the auth token of
 * the URL Twilio called followed by every parameter's name and value, sorted by name
 * (https://www.twilio.com/docs/usage/security#validating-requests). Signed here with
 * node:crypto, not the Worker's code, so a mistake there cannot agree with itself.
 * Twilio's webhooks carry no timestamp: Switchboard dates them on receipt.
 */
import { createHash, createHmac } from "node:crypto";

export const BENCH_TWILIO_ACCOUNT_SID = "AC0123456789abcdef0123456789abcdef";
export const BENCH_TWILIO_AUTH_TOKEN = "bench-twilio-auth-token-0123456789";
/** The bench inbox's number. */
export const BENCH_TWILIO_NUMBER = "+5511940000000";

export interface TwilioText {
  /** The customer's number, E.164. */
  from: string;
  /** The MessageSid: SM + 32 hex. */
  id: string;
  body: string;
  /** Twilio sends none. */
  timestamp: null;
}

/** A distinct Brazilian mobile number per customer index. */
export function twilioNumber(index: number): string {
  return `+551191${String(index).padStart(7, "0")}`;
}

/** A MessageSid made from `seed` (unique per message). */
export function messageSid(seed: string): string {
  return `SM${createHash("md5").update(seed).digest("hex")}`;
}

/** The parameters of an incoming SMS, in the order Twilio posts them. */
export function smsParams(m: TwilioText): Array<[string, string]> {
  return [
    ["ToCountry", "BR"],
    ["ToState", "SP"],
    ["SmsMessageSid", m.id],
    ["NumMedia", "0"],
    ["ToCity", ""],
    ["FromZip", ""],
    ["SmsSid", m.id],
    ["FromState", "SP"],
    ["SmsStatus", "received"],
    ["FromCity", ""],
    ["Body", m.body],
    ["FromCountry", "BR"],
    ["To", BENCH_TWILIO_NUMBER],
    ["ToZip", ""],
    ["NumSegments", "1"],
    ["MessageSid", m.id],
    ["AccountSid", BENCH_TWILIO_ACCOUNT_SID],
    ["From", m.from],
    ["ApiVersion", "2010-04-01"],
  ];
}

export function twilioSignature(url: string, params: Array<[string, string]>, authToken: string): string {
  const sorted = [...params].sort(([a, av], [b, bv]) => (a < b ? -1 : a > b ? 1 : av < bv ? -1 : av > bv ? 1 : 0));
  return createHmac("sha1", authToken)
    .update(url + sorted.map(([name, value]) => name + value).join(""), "utf8")
    .digest("base64");
}

export async function postSms(url: string, m: TwilioText, authToken: string): Promise<number> {
  const params = smsParams(m);
  const res = await fetch(url, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded", "X-Twilio-Signature": twilioSignature(url, params, authToken), "I-Twilio-Idempotency-Token": m.id },
    body: new URLSearchParams(params).toString(),
    signal: AbortSignal.timeout(30_000),
  });
  await res.arrayBuffer();
  return res.status;
}
