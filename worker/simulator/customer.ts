/**
 * @module The simulated customer's phone: a message the developer writes becomes the
 * provider's webhook, delivered signed to the worker and kept as a bubble with the
 * worker's answer; a receipt button sends the provider's receipt for an agent reply.
 * Meta's kinds are played here; Telegram's, Twilio's and e-mail's in telegram-customer.ts,
 * twilio-customer.ts and email-customer.ts.
 */
import type { ExecutionContext } from "hono";
import type { Env } from "../env";
import { ApiError } from "../http/api-error";
import type { SimulatedKind, SimulatorReceiptBody, SimulatorSendBody, SimulatorThreadItem } from "../protocol/simulator";
import type { GraphAccount, SimulatedAccount } from "./accounts";
import { summaryOf, type CustomerMessage, type CustomerTurn } from "./customer-message";
import { deliverWebhook, type AppFetch } from "./deliver";
import { checkEmailCustomer, receiveEmailMessage } from "./email-customer";
import { newProviderMessageId } from "./graph-send";
import { metaMessageWebhook, metaReceiptWebhook } from "./meta-webhooks";
import { SAMPLE_IMAGE_NAME, SAMPLE_IMAGE_TYPE, sampleImageBytes } from "./sample-image";
import { headMedia, newItemId, putMedia, readItem, saveItem } from "./state";
import { checkTelegramCustomer, receiveTelegramMessage } from "./telegram-customer";
import { checkTwilioCustomer, receiveTwilioMessage, twilioReceipt } from "./twilio-customer";
import { whatsappMessageWebhook, whatsappStatusWebhook } from "./whatsapp-webhooks";

/** What delivering to the worker needs: its fetch, env and context, and our origin. */
export interface Delivery {
  appFetch: AppFetch;
  env: Env;
  ctx: ExecutionContext;
  origin: string;
}

/** What each provider's customers can send. Messenger retired location sharing; buttons
 * are Meta's interactive replies (Telegram's are callback queries, not simulated); SMS
 * and WhatsApp through Twilio carry text and pictures (MMS); contact cards are Telegram's;
 * a mail is text, with the picture attached. */
const SENDABLE: Record<SimulatedKind, ReadonlyArray<SimulatorSendBody["message"]["type"]>> = {
  whatsapp: ["text", "image", "location", "choice"],
  messenger: ["text", "image", "choice"],
  instagram: ["text", "image", "choice"],
  telegram: ["text", "image", "location", "contact"],
  sms: ["text", "image"],
  email: ["text", "image"],
};

/** The message with its file hosted by the simulator (the sample picture), and the
 * picture's size. */
async function hosted(d: Delivery, account: SimulatedAccount, message: SimulatorSendBody["message"]): Promise<{ message: CustomerMessage; size: number }> {
  if (message.type !== "image") return { message, size: 0 };
  const bytes = sampleImageBytes();
  const id = await putMedia(d.env.FILES, account.inbox.id, bytes, SAMPLE_IMAGE_TYPE, SAMPLE_IMAGE_NAME);
  const head = await headMedia(d.env.FILES, id);
  const media = { id, url: `${d.origin}/dev/simulator/files/${id}`, contentType: SAMPLE_IMAGE_TYPE, sha256: head?.sha256 ?? "" };
  return { message: { type: "image", caption: message.caption, media }, size: bytes.byteLength };
}

function webhookOf(account: GraphAccount, turn: CustomerTurn): unknown {
  if (account.kind === "whatsapp") return whatsappMessageWebhook(account.settings, turn);
  return metaMessageWebhook(account.kind === "instagram" ? { kind: "instagram", settings: account.settings } : { kind: "messenger", settings: account.settings }, turn);
}

export async function receiveCustomerMessage(d: Delivery, account: SimulatedAccount, body: SimulatorSendBody): Promise<SimulatorThreadItem> {
  if (!SENDABLE[account.kind].includes(body.message.type)) {
    throw new ApiError(400, "validation_failed", `A ${account.kind} customer cannot send a ${body.message.type} here.`, [{ path: ["message", "type"], message: `one of ${SENDABLE[account.kind].join(", ")}` }]);
  }
  if (account.kind === "telegram") checkTelegramCustomer(body.customer.id);
  if (account.kind === "sms") checkTwilioCustomer(body.customer.id);
  if (account.kind === "email") checkEmailCustomer(body.customer.id);
  const { message, size } = await hosted(d, account, body.message);
  if (account.kind === "telegram") return receiveTelegramMessage(d, account, body, message, size);
  if (account.kind === "sms") return receiveTwilioMessage(d, account, body, message);
  if (account.kind === "email") return receiveEmailMessage(d, account, body, message);
  const at = Date.now();
  const turn: CustomerTurn = { customerId: body.customer.id, customerName: body.customer.name, providerMessageId: newProviderMessageId(account.kind), at, replyTo: body.replyTo, message };
  const webhook = webhookOf(account, turn);
  const result = await deliverWebhook(d.appFetch, d.env, d.ctx, d.origin, account, webhook);
  const item: SimulatorThreadItem = {
    id: newItemId(at),
    direction: "in",
    at,
    providerMessageId: turn.providerMessageId,
    text: summaryOf(message),
    media: message.type === "image" ? { url: message.media.url, contentType: message.media.contentType, name: SAMPLE_IMAGE_NAME } : null,
    replyTo: body.replyTo,
    receipt: null,
    webhook: result,
    request: JSON.stringify(webhook, null, 2),
    callbackData: null,
    edited: false,
    event: null,
  };
  await saveItem(d.env.FILES, account.inbox.id, body.customer.id, item);
  return item;
}

export async function sendReceipt(d: Delivery, account: SimulatedAccount, body: SimulatorReceiptBody): Promise<SimulatorThreadItem> {
  // The Bot API has no delivery or read receipts for bots.
  if (account.kind === "telegram") throw new ApiError(400, "validation_failed", "Telegram sends bots no delivery or read receipts.", [{ path: ["status"], message: "not on Telegram" }]);
  if (account.kind === "sms") return twilioReceipt(d, account, body);
  // Mail has no receipts a Worker hears of (bounces are mail, handled by email()).
  if (account.kind === "email") throw new ApiError(400, "validation_failed", "E-mail sends no delivery or read receipts.", [{ path: ["status"], message: "not for e-mail" }]);
  const item = await readItem(d.env.FILES, account.inbox.id, body.customerId, body.itemId);
  if (!item || item.direction !== "out") throw new ApiError(404, "message_not_found", "No agent reply with that id on this phone.");
  if (body.status === "failed" && account.kind !== "whatsapp") throw new ApiError(400, "validation_failed", "Only WhatsApp reports a failed delivery.", [{ path: ["status"], message: "WhatsApp only" }]);
  if (body.status === "delivered" && account.kind === "instagram") throw new ApiError(400, "validation_failed", "Instagram sends no delivery receipts, only read ones.", [{ path: ["status"], message: "not on Instagram" }]);
  const at = Date.now();
  const webhook =
    account.kind === "whatsapp"
      ? whatsappStatusWebhook(account.settings, { providerMessageId: item.providerMessageId, customerId: body.customerId, status: body.status, at, callbackData: item.callbackData })
      : metaReceiptWebhook(account.kind === "instagram" ? { kind: "instagram", settings: account.settings } : { kind: "messenger", settings: account.settings }, {
          customerId: body.customerId,
          providerMessageId: item.providerMessageId,
          status: body.status as "delivered" | "read",
          at,
        });
  const result = await deliverWebhook(d.appFetch, d.env, d.ctx, d.origin, account, webhook);
  const updated: SimulatorThreadItem = { ...item, receipt: body.status, webhook: result };
  await saveItem(d.env.FILES, account.inbox.id, body.customerId, updated);
  return updated;
}
