/**
 * @module The simulated customer's phone: a message the developer writes becomes the
 * provider's webhook, delivered signed to the worker and kept as a bubble with the
 * worker's answer; a receipt button sends the provider's receipt for an agent reply.
 */
import type { ExecutionContext } from "hono";
import type { Env } from "../env";
import { ApiError } from "../http/api-error";
import type { SimulatorReceiptBody, SimulatorSendBody, SimulatorThreadItem } from "../protocol/simulator";
import type { SimulatedAccount } from "./accounts";
import { summaryOf, type CustomerMessage, type CustomerTurn } from "./customer-message";
import { deliverWebhook, type AppFetch } from "./deliver";
import { newProviderMessageId } from "./graph-send";
import { metaMessageWebhook, metaReceiptWebhook } from "./meta-webhooks";
import { SAMPLE_IMAGE_NAME, SAMPLE_IMAGE_TYPE, sampleImageBytes } from "./sample-image";
import { headMedia, newItemId, putMedia, readItem, saveItem } from "./state";
import { whatsappMessageWebhook, whatsappStatusWebhook } from "./whatsapp-webhooks";

/** What delivering to the worker needs: its fetch, env and context, and our origin. */
export interface Delivery {
  appFetch: AppFetch;
  env: Env;
  ctx: ExecutionContext;
  origin: string;
}

/** The message with its file hosted by the simulator (the sample picture). */
async function hosted(d: Delivery, account: SimulatedAccount, message: SimulatorSendBody["message"]): Promise<CustomerMessage> {
  if (message.type !== "image") return message;
  const id = await putMedia(d.env.FILES, account.inbox.id, sampleImageBytes(), SAMPLE_IMAGE_TYPE, SAMPLE_IMAGE_NAME);
  const head = await headMedia(d.env.FILES, id);
  return { type: "image", caption: message.caption, media: { id, url: `${d.origin}/dev/simulator/files/${id}`, contentType: SAMPLE_IMAGE_TYPE, sha256: head?.sha256 ?? "" } };
}

function webhookOf(account: SimulatedAccount, turn: CustomerTurn): unknown {
  if (account.kind === "whatsapp") return whatsappMessageWebhook(account.settings, turn);
  return metaMessageWebhook(account.kind === "instagram" ? { kind: "instagram", settings: account.settings } : { kind: "messenger", settings: account.settings }, turn);
}

export async function receiveCustomerMessage(d: Delivery, account: SimulatedAccount, body: SimulatorSendBody): Promise<SimulatorThreadItem> {
  // Messenger retired location sharing; only WhatsApp customers send one.
  if (body.message.type === "location" && account.kind !== "whatsapp") {
    throw new ApiError(400, "validation_failed", "Only WhatsApp customers can share a location.", [{ path: ["message", "type"], message: "WhatsApp only" }]);
  }
  const message = await hosted(d, account, body.message);
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
  };
  await saveItem(d.env.FILES, account.inbox.id, body.customer.id, item);
  return item;
}

export async function sendReceipt(d: Delivery, account: SimulatedAccount, body: SimulatorReceiptBody): Promise<SimulatorThreadItem> {
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
