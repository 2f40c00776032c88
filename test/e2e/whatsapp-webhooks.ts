/**
 * @module WhatsApp Cloud API webhooks as Meta delivers them to a running Worker: the
 * bodies of a customer's text message and of a status receipt (shapes as in
 * test/fixtures/channels/whatsapp/, from
 * https://developers.facebook.com/documentation/business-messaging/whatsapp/webhooks/reference/messages),
 * signed the way Meta signs (X-Hub-Signature-256: "sha256=" + hex HMAC-SHA256 of the
 * raw body under the app secret). Signed here with node:crypto, not the Worker's own
 * signature code, so a mistake there cannot agree with itself.
 */
import { createHmac } from "node:crypto";

export interface WhatsappLine {
  /** The business's phone number id (the inbox's settings). */
  phoneNumberId: string;
  /** The WhatsApp Business Account id (the webhook's entry id). */
  businessAccountId: string;
  displayPhone: string;
}

export interface Customer {
  waId: string;
  name: string;
}

const nowSeconds = () => String(Math.floor(Date.now() / 1000));

function envelope(line: WhatsappLine, value: Record<string, unknown>) {
  return {
    object: "whatsapp_business_account",
    entry: [
      {
        id: line.businessAccountId,
        changes: [
          {
            field: "messages",
            value: { messaging_product: "whatsapp", metadata: { display_phone_number: line.displayPhone, phone_number_id: line.phoneNumberId }, ...value },
          },
        ],
      },
    ],
  };
}

/** A customer's text message, sent just now. */
export function textMessage(line: WhatsappLine, customer: Customer, wamid: string, body: string) {
  return envelope(line, {
    contacts: [{ profile: { name: customer.name }, wa_id: customer.waId }],
    messages: [{ from: customer.waId, id: wamid, timestamp: nowSeconds(), type: "text", text: { body } }],
  });
}

/** A receipt for a message we sent. `callbackData` is our message id when WhatsApp echoes
 * the send's biz_opaque_callback_data; without it the receipt is found by `wamid` alone. */
export function statusReceipt(
  line: WhatsappLine,
  customer: Customer,
  wamid: string,
  status: "sent" | "delivered" | "read" | "failed",
  callbackData?: string,
  /** A failed receipt's errors (code, title, message, error_data.details). */
  errors?: unknown[],
) {
  return envelope(line, {
    statuses: [
      {
        id: wamid,
        status,
        timestamp: nowSeconds(),
        recipient_id: customer.waId,
        ...(callbackData ? { biz_opaque_callback_data: callbackData } : {}),
        ...(errors ? { errors } : {}),
      },
    ],
  });
}

/** POSTs `payload` to the inbox's webhook, signed with `appSecret`, as Meta does. */
export async function postSigned(baseUrl: string, inboxId: string, payload: unknown, appSecret: string): Promise<{ status: number; body: string }> {
  const raw = JSON.stringify(payload);
  const signature = `sha256=${createHmac("sha256", appSecret).update(raw, "utf8").digest("hex")}`;
  const res = await fetch(`${baseUrl}/webhooks/whatsapp/${inboxId}`, {
    method: "POST",
    headers: { "Content-Type": "application/json", "X-Hub-Signature-256": signature, "User-Agent": "facebookexternalua" },
    body: raw,
  });
  return { status: res.status, body: await res.text() };
}
