/**
 * How WhatsApp signs its deliveries, for the route table's rows of its webhook
 * (route-table.ts, access "signed-webhook"): an inbox with the WhatsApp kit's credentials
 * and phone number id, a text message it accepts, and Meta's X-Hub-Signature-256 over the
 * body's exact bytes with the app secret.
 */
import type { InboxRow } from "../../../worker/db/inboxes";
import { metaSignatureOf } from "../../../worker/channels/meta/signature";
import type { WebhookSigning } from "../webhook-signatures";
import { channelInbox } from "./channel-world";
import { WA } from "./whatsapp-fixtures";
import { ACCESS_TOKEN, APP_SECRET, PHONE_NUMBER_ID, VERIFY_TOKEN, WABA_ID } from "./whatsapp-kit";

/** The inbox the route table's WhatsApp rows point at. */
export function whatsappWebhookInbox(): Promise<InboxRow> {
  return channelInbox(
    "whatsapp",
    { reopenWindowHours: 24, phoneNumberId: PHONE_NUMBER_ID, businessAccountId: WABA_ID, displayPhone: "+55 11 4000-0000" },
    { appSecret: APP_SECRET, accessToken: ACCESS_TOKEN, verifyToken: VERIFY_TOKEN },
  );
}

/** Meta's handshake query with the inbox's verify token. */
export const WHATSAPP_HANDSHAKE_QUERY = `hub.mode=subscribe&hub.verify_token=${encodeURIComponent(VERIFY_TOKEN)}&hub.challenge=route-table`;

export const WHATSAPP_SIGNING: WebhookSigning = {
  delivery: () => ({ body: WA.pywaText, contentType: "application/json" }),
  sign: async (body) => ({ "X-Hub-Signature-256": `sha256=${await metaSignatureOf(new TextEncoder().encode(body), APP_SECRET)}` }),
  coversBody: true,
  ok: 200,
};
