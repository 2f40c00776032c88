/**
 * @module Settings → Webhooks' HTTP calls, each answer parsed with the protocol's shape.
 */
import { z } from "zod";
import { Ok, WebhookDeliveryPage, WebhookEndpoint, WebhookEndpointList, WebhookEndpointWithSecret, type CreateWebhookBody, type UpdateWebhookBody } from "../../worker/protocol";
import { call } from "../api";

const BASE = "/api/v1/webhooks";
const at = (id: string, rest = "") => `${BASE}/${encodeURIComponent(id)}${rest}`;

export const webhooksApi = {
  list: async () => (await call(WebhookEndpointList, BASE)).endpoints,
  create: (body: CreateWebhookBody) => call(WebhookEndpointWithSecret, BASE, { method: "POST", body }),
  update: (id: string, body: UpdateWebhookBody) => call(WebhookEndpoint, at(id), { method: "PATCH", body }),
  remove: (id: string) => call(z.unknown(), at(id), { method: "DELETE" }),
  rollSecret: (id: string) => call(WebhookEndpointWithSecret, at(id, "/roll-secret"), { method: "POST" }),
  enable: (id: string) => call(WebhookEndpoint, at(id, "/enable"), { method: "POST" }),
  deliveries: (id: string, cursor: string | null) => call(WebhookDeliveryPage, at(id, `/deliveries?limit=20${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`)),
  resend: (deliveryId: string) => call(Ok, `${BASE}/deliveries/${encodeURIComponent(deliveryId)}/resend`, { method: "POST" }),
};
