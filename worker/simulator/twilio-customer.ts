/**
 * @module The simulated Twilio customer: an SMS (or WhatsApp-through-Twilio) user who
 * writes text, sends the sample picture as MMS (MediaUrl0 on the stand-in API, which
 * redirects to the file as Twilio's media URLs do), sends STOP or START, and whose phone
 * reports delivery of the agent's replies in status callbacks to the StatusCallback URL
 * the send named (else the inbox's status path). Each becomes a signed form POST
 * (twilio-webhooks.ts) and a bubble with the worker's answer.
 */
import { ApiError } from "../http/api-error";
import type { SimulatorReceiptBody, SimulatorSendBody, SimulatorThreadItem } from "../protocol/simulator";
import type { TwilioAccount } from "./accounts";
import { summaryOf, type CustomerMessage } from "./customer-message";
import type { Delivery } from "./customer";
import { deliverRequest } from "./deliver";
import { setCustomerReach } from "./provider-state";
import { SAMPLE_IMAGE_NAME } from "./sample-image";
import { newItemId, readItem, saveItem } from "./state";
import { inboundParams, mediaSidOf, newSid, optOutTypeOf, publicUrl, statusParams, twilioRequest } from "./twilio-webhooks";

/** E.164: at most 15 digits (https://www.twilio.com/docs/glossary/what-e164). */
const PHONE_DIGITS = /^[1-9]\d{6,14}$/;

export function checkTwilioCustomer(id: string): void {
  if (!PHONE_DIGITS.test(id)) throw new ApiError(400, "validation_failed", "A Twilio customer's id is their phone number's digits (E.164 without the +).", [{ path: ["customer", "id"], message: "7 to 15 digits" }]);
}

export async function receiveTwilioMessage(d: Delivery, account: TwilioAccount, body: SimulatorSendBody, message: CustomerMessage): Promise<SimulatorThreadItem> {
  const at = Date.now();
  const messageSid = newSid(message.type === "image" ? "MM" : "SM");
  const media =
    message.type === "image"
      ? { url: `${d.origin}/dev/simulator/twilio/2010-04-01/Accounts/${account.credentials.accountSid}/Messages/${messageSid}/Media/${mediaSidOf(message.media.id)}`, contentType: message.media.contentType }
      : null;
  const text = summaryOf(message);
  const params = inboundParams(account, { customer: body.customer, messageSid, body: text, media });
  const { request, raw } = await twilioRequest(account, publicUrl(d.origin, account, null), params);
  const result = await deliverRequest(d.appFetch, d.env, d.ctx, request);
  // Twilio itself stops delivering to a number that sent its opt-out keyword (and
  // resumes on START), whatever the webhook answered.
  const optOut = optOutTypeOf(account.settings, text);
  if (optOut) await setCustomerReach(d.env.FILES, account.inbox.id, body.customer.id, optOut === "STOP" ? "opted_out" : "reachable");
  const item: SimulatorThreadItem = {
    id: newItemId(at),
    direction: "in",
    at,
    providerMessageId: messageSid,
    text,
    media: message.type === "image" ? { url: message.media.url, contentType: message.media.contentType, name: SAMPLE_IMAGE_NAME } : null,
    replyTo: null,
    receipt: null,
    webhook: result,
    request: raw,
    callbackData: null,
    edited: false,
    event: null,
  };
  await saveItem(d.env.FILES, account.inbox.id, body.customer.id, item);
  return item;
}

/** "Failed": the phone could not take it — Twilio reports `undelivered` with error 30003
 * "Unreachable destination handset" (https://www.twilio.com/docs/api/errors/30003). */
const UNDELIVERED_CODE = "30003";

export async function twilioReceipt(d: Delivery, account: TwilioAccount, body: SimulatorReceiptBody): Promise<SimulatorThreadItem> {
  const item = await readItem(d.env.FILES, account.inbox.id, body.customerId, body.itemId);
  if (!item || item.direction !== "out") throw new ApiError(404, "message_not_found", "No agent reply with that id on this phone.");
  // Read receipts exist on WhatsApp only; SMS has none.
  if (body.status === "read" && account.settings.medium !== "whatsapp") throw new ApiError(400, "validation_failed", "SMS has no read receipts, only WhatsApp through Twilio.", [{ path: ["status"], message: "WhatsApp only" }]);
  const status = body.status === "failed" ? "undelivered" : body.status;
  const params = statusParams(account, { messageSid: item.providerMessageId, customerId: body.customerId, status, errorCode: status === "undelivered" ? UNDELIVERED_CODE : null });
  const { request } = await twilioRequest(account, item.callbackData ?? publicUrl(d.origin, account, "status"), params);
  const result = await deliverRequest(d.appFetch, d.env, d.ctx, request);
  const updated: SimulatorThreadItem = { ...item, receipt: body.status, webhook: result };
  await saveItem(d.env.FILES, account.inbox.id, body.customerId, updated);
  return updated;
}
