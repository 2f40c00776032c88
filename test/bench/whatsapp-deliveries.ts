/**
 * @module Signed WhatsApp Cloud API webhook deliveries for the channel benchmark: text
 * messages shaped like test/fixtures/channels/whatsapp/message_text_unicode_escaped.json
 * (one `messages` change; several messages in one change for a batched delivery), signed
 * as Meta signs them: `X-Hub-Signature-256: sha256=` + hex HMAC-SHA256 of the raw body
 * under the app secret (https://developers.facebook.com/docs/graph-api/webhooks/getting-started#event-notifications).
 */
import { createHmac } from "node:crypto";

/** The bench inbox's settings; the phone number id must match the deliveries' metadata. */
export const BENCH_PHONE_NUMBER_ID = "1122334455667";
export const BENCH_BUSINESS_ACCOUNT_ID = "1234567890987654321";

export interface TextMessage {
  /** The customer's wa_id (digits). */
  from: string;
  /** The customer's profile name. */
  name: string;
  /** Provider message id (wamid…), unique per message. */
  id: string;
  /** Provider timestamp, Unix seconds (Meta sends it as a string). */
  timestamp: number;
  body: string;
}

/** One delivery carrying `messages`, all from the same customer (Meta batches per sender). */
export function deliveryBody(messages: readonly TextMessage[]): string {
  const first = messages[0]!;
  return JSON.stringify({
    object: "whatsapp_business_account",
    entry: [
      {
        id: BENCH_BUSINESS_ACCOUNT_ID,
        changes: [
          {
            field: "messages",
            value: {
              messaging_product: "whatsapp",
              metadata: { display_phone_number: "5511940000000", phone_number_id: BENCH_PHONE_NUMBER_ID },
              contacts: [{ profile: { name: first.name }, wa_id: first.from }],
              messages: messages.map((m) => ({ from: m.from, id: m.id, timestamp: String(m.timestamp), type: "text", text: { body: m.body } })),
            },
          },
        ],
      },
    ],
  });
}

/** The X-Hub-Signature-256 header value for `body` (signed as its UTF-8 bytes). */
export function metaSignature(body: string, appSecret: string): string {
  return `sha256=${createHmac("sha256", appSecret).update(body, "utf8").digest("hex")}`;
}

/** A distinct, plausible wa_id per customer index (Brazilian mobile numbers). */
export function waId(index: number): string {
  return `551190${String(index).padStart(7, "0")}`;
}
