/**
 * @module Provider webhooks: `GET /webhooks/{provider}/{inbox}` answers the provider's
 * subscription handshake; `POST` takes its deliveries. Thin on purpose (Chatwoot's thin
 * webhook controllers): the inbox's adapter verifies and parses, ../channels/ingest.ts
 * stores.
 *
 * Order of a POST, each step before the next: the inbox and its credentials → the
 * signature, checked in constant time on the raw bytes (401, nothing read further) → the
 * body, zod-validated by the adapter (400 with the reason; a well-formed event we do not
 * handle is acknowledged with 200 and ignored, so the provider does not retry it forever)
 * → stored by the rooms → 200. A 5xx makes the provider redeliver, which dedup absorbs.
 */
import { createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { errors, router } from "../http/openapi";
import { ApiError } from "../http/api-error";
import { findInbox } from "../db/inboxes";
import { channelConfigOf } from "../channels/config";
import { providerAdapterFor, webhookPaths } from "../channels/registry";
import { ingestItems } from "../channels/ingest";
import type { ChannelConfig, ProviderAdapter } from "../channels/types";
import type { AppEnv } from "../env";

/** Meta documents no maximum for a webhook body; deliveries carry text and ids (files
 * come by reference), so a few MiB is generous, and a bigger body is refused before it
 * is read into memory (Workers: https://developers.cloudflare.com/workers/platform/limits/#request-limits). */
export const MAX_WEBHOOK_BYTES = 4 * 1024 * 1024;

const Params = z.object({ inbox: z.string().min(1).max(64) });
const HookParams = Params.extend({ hook: z.string().min(1).max(32) });

/** Which inbox kinds each webhook path serves, and its extra hooks, from the adapters. */
const PATHS = webhookPaths();

/** The handshake and delivery routes of one webhook path, documented one by one so each
 * provider's appears in the OpenAPI document (and the route table) on its own. */
function routesOf(provider: string) {
  const path = `/webhooks/${provider}/{inbox}`;
  const handshake = createRoute({
    method: "get",
    path,
    description: "The provider's subscription handshake (Meta: hub.mode, hub.verify_token, hub.challenge).",
    request: { params: Params },
    responses: {
      200: { content: { "text/plain": { schema: z.string() } }, description: "The challenge, echoed" },
      403: errors[403],
      404: errors[404],
    },
  });
  const responses = {
    200: {
      content: { "application/json": { schema: z.object({ ok: z.literal(true) }) }, "text/xml": { schema: z.string() } },
      description: "Stored (or a well-formed event that is ignored), in the body the provider expects (Twilio: empty TwiML)",
    },
    400: errors[400],
    401: errors[401],
    404: errors[404],
    413: errors[413],
  };
  const delivery = createRoute({
    method: "post",
    path,
    description: "A provider's delivery, signed by the provider (Meta: X-Hub-Signature-256 over the raw body). Answered once stored.",
    request: { params: Params },
    responses,
  });
  const hookDelivery = createRoute({
    method: "post",
    path: `${path}/{hook}`,
    description: "A provider's callback on one of its extra hooks (Twilio: status callbacks), signed like its deliveries. Answered once stored.",
    request: { params: HookParams },
    responses,
  });
  return { handshake, delivery, hookDelivery };
}

/** The inbox at this path with its adapter and opened configuration. An inbox that
 * cannot verify (no credentials) answers as a forgery would: 401, revealing nothing. */
async function channelAt(c: Context<AppEnv>, provider: string, inboxId: string, hook: string | null = null): Promise<{ adapter: ProviderAdapter; config: ChannelConfig; inbox: NonNullable<Awaited<ReturnType<typeof findInbox>>> }> {
  const inbox = await findInbox(c.var.db, inboxId);
  const adapter = inbox && PATHS.get(provider)?.kinds.includes(inbox.kind) ? providerAdapterFor(inbox.kind) : null;
  if (!inbox || !adapter || (hook !== null && !adapter.webhook.hooks?.includes(hook))) throw new ApiError(404, "inbox_not_found", "No channel inbox at this webhook address.");
  const config = await channelConfigOf(c.env, inbox);
  if (typeof config === "string") throw new ApiError(401, "unauthenticated", "This inbox cannot verify deliveries (its credentials are not set).");
  return { adapter, config, inbox };
}

async function rawBody(c: Context<AppEnv>): Promise<ArrayBuffer> {
  const declared = Number(c.req.header("Content-Length") ?? 0);
  if (declared > MAX_WEBHOOK_BYTES) throw new ApiError(413, "payload_too_large", "The delivery is too large.");
  const raw = await c.req.arrayBuffer();
  if (raw.byteLength > MAX_WEBHOOK_BYTES) throw new ApiError(413, "payload_too_large", "The delivery is too large.");
  return raw;
}

/** A POST on the main path (`hook` null) or an extra hook: verify → parse → store → ack. */
async function receive(c: Context<AppEnv>, provider: string, inboxId: string, hook: string | null): Promise<Response> {
  const { adapter, config, inbox } = await channelAt(c, provider, inboxId, hook);
  const raw = await rawBody(c);
  if (!(await adapter.verify(raw, c.req.raw.headers, new URL(c.req.url), config))) {
    throw new ApiError(401, "unauthenticated", "The delivery's signature does not match.");
  }
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(raw);
  } catch {
    throw new ApiError(400, "bad_request", "The delivery is not UTF-8.");
  }
  const parsed = adapter.parse(text, config, hook);
  if (!parsed.ok) {
    throw new ApiError(
      400,
      "validation_failed",
      "The delivery is not a valid webhook body.",
      parsed.issues.map((i) => ({ path: i.path.filter((p): p is string | number => typeof p !== "symbol"), message: i.message })),
    );
  }
  if (parsed.items.length > 0) await ingestItems(c.env, c.var.db, inbox, adapter, config, parsed.items);
  return adapter.acknowledge?.(hook) ?? c.json({ ok: true as const }, 200);
}

export const channelWebhookRoutes = router();

for (const [provider, { hooks }] of PATHS) {
  const { handshake, delivery, hookDelivery } = routesOf(provider);
  channelWebhookRoutes
    .openapi(handshake, async (c) => {
      const { adapter, config } = await channelAt(c, provider, c.req.valid("param").inbox);
      if (!adapter.handshake) throw new ApiError(404, "not_found", "This provider has no subscription handshake.");
      return adapter.handshake(new URL(c.req.url), config) as never;
    })
    .openapi(delivery, (c) => receive(c, provider, c.req.valid("param").inbox, null) as never);
  if (hooks.length > 0) {
    channelWebhookRoutes.openapi(hookDelivery, (c) => {
      const { inbox, hook } = c.req.valid("param");
      return receive(c, provider, inbox, hook) as never;
    });
  }
}
