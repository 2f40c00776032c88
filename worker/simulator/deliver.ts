/**
 * @module Delivers a webhook the simulator built to the worker's own webhook route, as
 * the provider would, POSTed in-process through the app's `fetch` — no network — so the
 * real route verifies, parses and stores it. Meta's here: the body serialized once,
 * signed over exactly those bytes with the inbox's app secret (`X-Hub-Signature-256`);
 * Telegram's and Twilio's build their requests in telegram-webhooks.ts and
 * twilio-webhooks.ts and go through `deliverRequest`.
 */
import type { ExecutionContext } from "hono";
import type { Env } from "../env";
import { metaSignatureOf } from "../channels/meta/signature";
import type { SimulatorWebhookResult } from "../protocol/simulator";
import type { GraphAccount } from "./accounts";

/** The app's own `fetch` (worker/app.ts passes it in, so this module does not import the
 * app that mounts it). */
export type AppFetch = (request: Request, env: Env, ctx: ExecutionContext) => Response | Promise<Response>;

/** Where Meta posts for the inbox: WhatsApp's route, or the Messenger/Instagram one. */
export function webhookPathOf(account: Pick<GraphAccount, "kind" | "inbox">): string {
  return account.kind === "whatsapp" ? `/webhooks/whatsapp/${account.inbox.id}` : `/webhooks/meta/${account.inbox.id}`;
}

/** The worker's answer is kept short for the page; it is our own JSON, never a secret. */
const ANSWER_CHARS = 2_000;

export async function deliverWebhook(appFetch: AppFetch, env: Env, ctx: ExecutionContext, origin: string, account: GraphAccount, body: unknown): Promise<SimulatorWebhookResult> {
  const bytes = new TextEncoder().encode(JSON.stringify(body));
  const signature = await metaSignatureOf(bytes, account.credentials.appSecret);
  const request = new Request(origin + webhookPathOf(account), {
    method: "POST",
    body: bytes,
    headers: { "Content-Type": "application/json", "X-Hub-Signature-256": `sha256=${signature}`, "User-Agent": "facebookexternalua" },
  });
  return deliverRequest(appFetch, env, ctx, request);
}

/** Sends a built webhook request to the worker and keeps its answer for the phone. */
export async function deliverRequest(appFetch: AppFetch, env: Env, ctx: ExecutionContext, request: Request): Promise<SimulatorWebhookResult> {
  const response = await appFetch(request, env, ctx);
  return { status: response.status, body: (await response.text()).slice(0, ANSWER_CHARS) };
}
