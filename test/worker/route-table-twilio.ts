/**
 * @module The route table's rows for Twilio's webhook path (`/webhooks/twilio/{inbox}`
 * and its status hook `/webhooks/twilio/{inbox}/{hook}`): both signed by Twilio with the
 * inbox's auth token (X-Twilio-Signature, an HMAC-SHA1 over the URL called and every form
 * parameter, so it covers the body and the URL). The GET of the path exists for every
 * provider path (Meta's handshake) and answers 404 for Twilio, which has none. The inbox
 * is stored directly (its API would check the account at Twilio: `connect`).
 */
import type { InboxRow } from "../../worker/db/inboxes";
import { formParams, twilioSignatureOf } from "../../worker/channels/twilio/signature";
import type { WebhookSigning } from "./webhook-signatures";
import type { Fixture, Route } from "./route-table";
import { channelInbox } from "./channels/channel-world";
import { ACCOUNT_SID, AUTH_TOKEN, messageSid, smsSettings, TW, withParams } from "./channels/twilio-kit";

/** The inbox the route table's Twilio rows point at. */
export function twilioWebhookInbox(): Promise<InboxRow> {
  return channelInbox("sms", smsSettings(), { accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN });
}

const FORM = "application/x-www-form-urlencoded";
const sign = async (body: string, url: string) => ({ "X-Twilio-Signature": await twilioSignatureOf(AUTH_TOKEN, url, formParams(body)) });

const INCOMING: WebhookSigning<Fixture> = {
  delivery: () => ({ body: withParams(TW.sms, { MessageSid: messageSid(), Body: "Olá, tabela de rotas" }), contentType: FORM }),
  sign,
  coversBody: true,
  ok: 200,
};

/** A status callback for a message no conversation holds: acknowledged, storing nothing. */
const STATUS: WebhookSigning<Fixture> = {
  delivery: () => ({ body: withParams(TW.status.delivered, { MessageSid: messageSid(), To: "+5511900001111" }), contentType: FORM }),
  sign,
  coversBody: true,
  ok: 200,
};

export const TWILIO_WEBHOOK_ROUTES: Route[] = [
  { method: "GET", path: "/webhooks/twilio/{inbox}", access: "public", params: (f) => ({ inbox: f.twilioInboxId }) },
  { method: "POST", path: "/webhooks/twilio/{inbox}", access: "signed-webhook", params: (f) => ({ inbox: f.twilioInboxId }), webhook: INCOMING },
  { method: "POST", path: "/webhooks/twilio/{inbox}/{hook}", access: "signed-webhook", params: (f) => ({ inbox: f.twilioInboxId, hook: "status" }), webhook: STATUS },
];
