/**
 * @module The route table's rows for Meta's webhook path (`/webhooks/meta/{inbox}`,
 * Messenger and Instagram Direct): the handshake, public but for the verify token, and
 * the delivery, signed by Meta with the inbox's app secret (X-Hub-Signature-256, an
 * HMAC-SHA256 of the raw body). The Messenger inbox they point at is created through the
 * inbox API by route-world.ts (`metaInboxBody`).
 */
import { metaSignatureOf } from "../../worker/channels/meta/signature";
import type { Fixture, Route } from "./route-table";

/** The route table's Messenger inbox: its page, app and customer ids and its secrets. */
const META = {
  pageId: "5550001000001",
  appId: "5550001000002",
  customer: "5550001000003",
  appSecret: "route-table app secret",
  pageAccessToken: "EAA-route-table-token",
  verifyToken: "route-table-verify-token",
};

/** The inbox API's body for the route table's Messenger inbox. */
export function metaInboxBody(name: string) {
  return {
    kind: "messenger",
    name,
    settings: { pageId: META.pageId, appId: META.appId },
    credentials: { appSecret: META.appSecret, pageAccessToken: META.pageAccessToken, verifyToken: META.verifyToken },
  };
}

/** A customer's text as Meta delivers it to the inbox's page
 * (https://developers.facebook.com/docs/messenger-platform/reference/webhook-events/messages). */
function delivery() {
  const now = Date.now();
  const item = { sender: { id: META.customer }, recipient: { id: META.pageId }, timestamp: now, message: { mid: `m_rt_${crypto.randomUUID()}`, text: "Olá, tabela de rotas" } };
  return { body: JSON.stringify({ object: "page", entry: [{ id: META.pageId, time: now, messaging: [item] }] }), contentType: "application/json" };
}

const params = (f: Fixture) => ({ inbox: f.metaInboxId });

export const META_WEBHOOK_ROUTES: Route[] = [
  // Public: Meta calls it with no credential but the verify token in the query.
  {
    method: "GET",
    path: "/webhooks/meta/{inbox}",
    access: "public",
    params,
    query: `hub.mode=subscribe&hub.verify_token=${META.verifyToken}&hub.challenge=1158201444`,
    ok: 200,
  },
  {
    method: "POST",
    path: "/webhooks/meta/{inbox}",
    access: "signed-webhook",
    params,
    webhook: {
      delivery,
      sign: async (body) => ({ "X-Hub-Signature-256": `sha256=${await metaSignatureOf(new TextEncoder().encode(body), META.appSecret)}` }),
      coversBody: true,
      ok: 200,
    },
  },
];
