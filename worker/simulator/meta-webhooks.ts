/**
 * @module The Messenger and Instagram webhook bodies the simulator delivers, in the shape
 * Meta documents: `object: "page"` (Messenger) or `"instagram"`, one entry for the page or
 * the Instagram professional account, one `messaging[]` event. Timestamps are epoch ms.
 * - Messenger messages: https://developers.facebook.com/docs/messenger-platform/reference/webhook-events/messages
 * - Messenger receipts: …/webhook-events/message-deliveries and …/message-reads (watermarks:
 *   everything sent up to that time)
 * - Instagram: https://developers.facebook.com/docs/instagram-platform/webhooks/examples
 *   (messages; `messaging_seen` names the one message read; Instagram sends no delivery
 *   receipts).
 */
import type { InstagramSettings, MessengerSettings } from "../protocol";
import type { CustomerMessage, CustomerTurn } from "./customer-message";

export type MetaAccount = { kind: "messenger"; settings: MessengerSettings } | { kind: "instagram"; settings: InstagramSettings };

/** The id Meta puts in `entry.id` and `recipient.id`: the page, or the Instagram account. */
function businessIdOf(account: MetaAccount): string {
  return account.kind === "instagram" ? account.settings.instagramAccountId : account.settings.pageId;
}

function envelope(account: MetaAccount, at: number, event: Record<string, unknown>) {
  return {
    object: account.kind === "instagram" ? "instagram" : "page",
    entry: [{ id: businessIdOf(account), time: at, messaging: [event] }],
  };
}

/** The `message` object of a messaging event. Locations are WhatsApp-only (Messenger
 * retired location sharing); the API route refuses them before this is reached. */
function messagePart(turn: CustomerTurn, message: Exclude<CustomerMessage, { type: "location" }>): Record<string, unknown> {
  const base = { mid: turn.providerMessageId, ...(turn.replyTo ? { reply_to: { mid: turn.replyTo } } : {}) };
  switch (message.type) {
    case "text":
      return { ...base, text: message.text };
    case "image":
      // Messenger and Instagram attachments carry no caption.
      return { ...base, attachments: [{ type: "image", payload: { url: message.media.url } }] };
    case "choice":
      // A tapped quick reply: the button's title as text, the business's payload beside it.
      return { ...base, text: message.title, quick_reply: { payload: message.id } };
    case "contact":
      throw new Error("contact cards are simulated on Telegram only");
  }
}

/** A customer's message, as the page's (or Instagram account's) webhook receives it. */
export function metaMessageWebhook(account: MetaAccount, turn: CustomerTurn) {
  if (turn.message.type === "location") throw new Error("locations are WhatsApp-only");
  return envelope(account, turn.at, {
    sender: { id: turn.customerId },
    recipient: { id: businessIdOf(account) },
    timestamp: turn.at,
    message: messagePart(turn, turn.message),
  });
}

export interface MetaReceipt {
  customerId: string;
  /** The message id the stand-in Send API gave the worker's send. */
  providerMessageId: string;
  status: "delivered" | "read";
  at: number;
}

/** A delivery or read receipt from the customer's app. The watermark is the moment of the
 * receipt: a phone that shows the thread has shown everything sent before it. */
export function metaReceiptWebhook(account: MetaAccount, receipt: MetaReceipt) {
  const base = { sender: { id: receipt.customerId }, recipient: { id: businessIdOf(account) }, timestamp: receipt.at };
  if (account.kind === "instagram") {
    if (receipt.status !== "read") throw new Error("Instagram sends no delivery receipts");
    return envelope(account, receipt.at, { ...base, read: { mid: receipt.providerMessageId } });
  }
  return envelope(
    account,
    receipt.at,
    receipt.status === "delivered" ? { ...base, delivery: { mids: [receipt.providerMessageId], watermark: receipt.at } } : { ...base, read: { watermark: receipt.at } },
  );
}
