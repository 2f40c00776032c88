/**
 * @module The WhatsApp Cloud API webhook bodies the simulator delivers, in the shape Meta
 * documents: `object: "whatsapp_business_account"`, one entry for the business account,
 * one `messages` change whose value carries `messages[]` (with `contacts[]`) or
 * `statuses[]`.
 * - Messages: https://developers.facebook.com/documentation/business-messaging/whatsapp/webhooks/reference/messages/
 * - Statuses: https://developers.facebook.com/documentation/business-messaging/whatsapp/webhooks/reference/messages/status/
 * Timestamps are Unix seconds, as strings. A customer id shaped like a business-scoped
 * user id ("BR.1502576394655843") is sent as a user who shares no phone number: `user_id`
 * and `from_user_id` only, no `wa_id` / `from`.
 */
import type { WhatsappSettings } from "../protocol";
import type { CustomerMessage, CustomerTurn } from "./customer-message";

/** Business-scoped user ids: a two-letter country code, a dot, then the id. */
const BSUID = /^[A-Z]{2}\.[A-Za-z0-9.]+$/;

export function isBusinessScopedId(customerId: string): boolean {
  return BSUID.test(customerId);
}

const seconds = (ms: number) => String(Math.floor(ms / 1_000));

/** The envelope every WhatsApp notification shares, around one change value. */
function envelope(settings: WhatsappSettings, value: Record<string, unknown>) {
  return {
    object: "whatsapp_business_account",
    entry: [
      {
        // The WhatsApp Business Account id; a made-up one when the inbox has none.
        id: settings.businessAccountId ?? settings.phoneNumberId,
        changes: [
          {
            field: "messages",
            value: {
              messaging_product: "whatsapp",
              metadata: { display_phone_number: displayPhoneOf(settings), phone_number_id: settings.phoneNumberId },
              ...value,
            },
          },
        ],
      },
    ],
  };
}

/** The business number as Meta prints it in `metadata` and `context.from`: digits only. */
function displayPhoneOf(settings: WhatsappSettings): string {
  return (settings.displayPhone ?? "").replace(/\D/g, "") || "15550000000";
}

/** The message's own part: `type` and the object named after it. */
function typedPart(message: CustomerMessage): Record<string, unknown> {
  switch (message.type) {
    case "text":
      return { type: "text", text: { body: message.text } };
    case "image":
      return {
        type: "image",
        image: { ...(message.caption ? { caption: message.caption } : {}), mime_type: message.media.contentType, sha256: message.media.sha256, id: message.media.id },
      };
    case "location":
      return {
        type: "location",
        location: { latitude: message.latitude, longitude: message.longitude, ...(message.name ? { name: message.name } : {}), ...(message.address ? { address: message.address } : {}) },
      };
    case "choice":
      // A tapped reply button of an interactive message.
      return { type: "interactive", interactive: { type: "button_reply", button_reply: { id: message.id, title: message.title } } };
    case "contact":
      throw new Error("contact cards are simulated on Telegram only");
  }
}

/** A customer's message, as the business's webhook receives it. */
export function whatsappMessageWebhook(settings: WhatsappSettings, turn: CustomerTurn) {
  const bsuid = isBusinessScopedId(turn.customerId);
  const who = bsuid ? { user_id: turn.customerId } : { wa_id: turn.customerId };
  return envelope(settings, {
    contacts: [{ profile: { name: turn.customerName || turn.customerId }, ...who }],
    messages: [
      {
        ...(bsuid ? { from_user_id: turn.customerId } : { from: turn.customerId }),
        id: turn.providerMessageId,
        timestamp: seconds(turn.at),
        ...(turn.replyTo ? { context: { from: displayPhoneOf(settings), id: turn.replyTo } } : {}),
        ...typedPart(turn.message),
      },
    ],
  });
}

export interface WhatsappReceipt {
  /** The wamid the stand-in API gave the worker's send. */
  providerMessageId: string;
  customerId: string;
  status: "delivered" | "read" | "failed";
  at: number;
  /** What the send carried in `biz_opaque_callback_data`; WhatsApp echoes it back. */
  callbackData: string | null;
}

/** A receipt for one of the business's messages. `failed` carries the error WhatsApp
 * reports when the user cannot receive it (131026, "Message undeliverable":
 * https://developers.facebook.com/documentation/business-messaging/whatsapp/support/error-codes/). */
export function whatsappStatusWebhook(settings: WhatsappSettings, receipt: WhatsappReceipt) {
  const bsuid = isBusinessScopedId(receipt.customerId);
  return envelope(settings, {
    statuses: [
      {
        id: receipt.providerMessageId,
        status: receipt.status,
        timestamp: seconds(receipt.at),
        ...(bsuid ? { recipient_user_id: receipt.customerId } : { recipient_id: receipt.customerId }),
        ...(receipt.callbackData !== null ? { biz_opaque_callback_data: receipt.callbackData } : {}),
        ...(receipt.status === "failed"
          ? { errors: [{ code: 131026, title: "Message undeliverable", message: "Message undeliverable", error_data: { details: "The simulated customer's phone refused the message." } }] }
          : { pricing: { billable: false, pricing_model: "PMP", category: "service" } }),
      },
    ],
  });
}
