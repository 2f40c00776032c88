/**
 * Outbound webhook test kit: an admin, an endpoint pointed at a fake receiver (the only
 * thing faked: the receiver's HTTP, at the fetch boundary, provider-fake.ts), the
 * deliveries it got, and a way to drive the endpoint's WebhookOutbox through time
 * (its stored schedule moved back, then its alarm run) instead of waiting.
 */
import { env } from "cloudflare:workers";
import { runDurableObjectAlarm } from "cloudflare:test";
import { expect } from "vitest";
import { call, type Client } from "../http-client";
import { fakeProvider, type ProviderAnswer, type ProviderCall } from "../provider-fake";
import type { WebhookEventName } from "../../../worker/protocol";

let receivers = 0;

/** A receiver at a fresh made-up https origin answering `answers` in turn, then `always`. */
export function receiver(answers: ProviderAnswer[] = [], always: ProviderAnswer | null = new Response("ok")) {
  const origin = `https://receiver-${++receivers}.hooks.test`;
  const fake = fakeProvider(origin).on("POST", /.*/, answers, always);
  return { url: `${origin}/hook`, fake, received: () => fake.calls.map(parsed) };
}

export interface Received {
  id: string;
  event: WebhookEventName;
  body: any;
  raw: string;
  signature: string | null;
  deliveryHeader: string | null;
  eventHeader: string | null;
}

function parsed(call: ProviderCall): Received {
  const body = JSON.parse(call.body);
  return {
    id: body.id,
    event: body.event,
    body,
    raw: call.body,
    signature: call.headers.get("Switchboard-Signature"),
    deliveryHeader: call.headers.get("Switchboard-Delivery"),
    eventHeader: call.headers.get("Switchboard-Event"),
  };
}

export async function createEndpoint(admin: Client, url: string, events: WebhookEventName[], includeNotes = false): Promise<{ id: string; secret: string }> {
  const res = await call("/api/v1/webhooks", { method: "POST", json: { url, events, includeNotes }, client: admin });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return { id: res.body.endpoint.id, secret: res.body.secret };
}

/** Deletes every endpoint (storage is per file: one test's endpoint must not hear the next's). */
export async function deleteAllEndpoints(admin: Client): Promise<void> {
  const list = await call("/api/v1/webhooks", { client: admin });
  for (const e of list.body.endpoints) await call(`/api/v1/webhooks/${e.id}`, { method: "DELETE", client: admin });
}

export const outbox = (endpointId: string) => env.WEBHOOK_OUTBOX.getByName(endpointId);

/** Lets `ms` pass for the outbox, then runs its alarm (if one is set). */
export async function advance(endpointId: string, ms: number): Promise<void> {
  await outbox(endpointId).rewind(ms);
  await runDurableObjectAlarm(outbox(endpointId));
}
