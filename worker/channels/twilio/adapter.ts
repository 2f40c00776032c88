/**
 * @module Twilio as a channel (kind "sms"): SMS, MMS, or WhatsApp through Twilio. Signed
 * form-encoded webhooks in (`/webhooks/twilio/{inbox}` for messages, `/status` for status
 * callbacks), answered with empty TwiML; the Messages API out. Each concern lives in its
 * own file beside this one.
 */
import { SmsSettings, TwilioCredentials } from "../../protocol";
import type { ProviderAdapter } from "../types";
import { connectTwilio, testTwilioConnection } from "./connection";
import { EMPTY_TWIML, TWILIO_API_BASE, WHATSAPP_WINDOW_MS } from "./limits";
import { fetchTwilioMedia } from "./media";
import { parseTwilio } from "./parse";
import { sendTwilio } from "./send";
import { verifyTwilioRequest } from "./signature";

export const twilioAdapter: ProviderAdapter<"sms"> = {
  kind: "sms",
  webhook: { path: "twilio", hooks: ["status"] },
  // A customer's open conversation in the inbox, or a new one after the reopen window.
  reuse: { mode: "reopen-window" },
  settings: SmsSettings,
  credentials: TwilioCredentials,
  baseUrl: { env: "TWILIO_API_URL", default: TWILIO_API_BASE },
  verify: (raw, headers, url, config) => verifyTwilioRequest(raw, headers, url, config.credentials.authToken, config.settings),
  parse: (raw, _config, hook) => parseTwilio(raw, hook),
  acknowledge: () => new Response(EMPTY_TWIML, { status: 200, headers: { "Content-Type": "text/xml; charset=utf-8" } }),
  connect: connectTwilio,
  send: sendTwilio,
  fetchMedia: fetchTwilioMedia,
  testConnection: testTwilioConnection,
  // SMS has no window; WhatsApp through Twilio keeps WhatsApp's 24 hours, and Twilio's
  // WhatsApp templates (Content API) are not offered yet, so past it replies are refused.
  serviceWindow: (settings) => (settings.medium === "whatsapp" ? { replyMs: WHATSAPP_WINDOW_MS, templates: false } : { replyMs: Number.POSITIVE_INFINITY, templates: false }),
};
