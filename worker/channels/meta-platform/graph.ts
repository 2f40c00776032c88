/**
 * @module Calling the Graph API for a page (Messenger, and Instagram through the page it
 * is linked to): the page access token on every call, and the reading of Graph's answers
 * (its error object, and what it means for a retry).
 *
 * The token goes in the Authorization header (Graph takes a bearer token: the Instagram
 * upload reference shows `-H "Authorization: Bearer <PAGE_ACCESS_TOKEN>"`,
 * https://developers.facebook.com/documentation/business-messaging/instagram-messaging/features/attachment-upload),
 * never in the URL, where proxies and logs would keep it.
 */
import { z } from "zod";
import { failedSend, networkError, retryAfterMs } from "../send-outcome";
import type { ProviderContext, SendResult } from "../types";
import { RETRYABLE_GRAPH_CODES } from "./limits";

export type PlatformKind = "messenger" | "instagram";
export type PlatformContext = ProviderContext<PlatformKind>;

/** Graph's error answer (https://developers.facebook.com/docs/graph-api/guides/error-handling);
 * everything optional beyond the message, since proxies and outages answer other things. */
const GraphErrorBody = z.object({
  error: z.object({
    message: z.string(),
    code: z.number().int().optional(),
    error_subcode: z.number().int().optional(),
    error_user_msg: z.string().optional(),
  }),
});

export interface GraphError {
  code: number | null;
  /** The provider's own words, short (they are stored on the message and shown to agents). */
  reason: string;
}

const MAX_REASON_CHARS = 500;

/** A Graph call with the page's token. Throws what fetch throws (network). */
export function graphFetch(ctx: PlatformContext, path: string, init: RequestInit = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  headers.set("Authorization", `Bearer ${ctx.config.credentials.pageAccessToken}`);
  return ctx.fetch(`${ctx.baseUrl}/${path.replace(/^\/+/, "")}`, { ...init, headers });
}

/** `text` with the inbox's secrets masked: Graph's messages may quote what it was sent,
 * and a reason is stored on the message and shown to agents. */
function withoutSecrets(text: string, ctx: PlatformContext): string {
  const { pageAccessToken, appSecret } = ctx.config.credentials;
  return [pageAccessToken, appSecret].reduce((out, secret) => (secret ? out.split(secret).join("[secret]") : out), text);
}

/** What a non-2xx Graph answer says, read once from its body. */
export async function graphErrorOf(res: Response, ctx: PlatformContext): Promise<GraphError> {
  const text = await res.text().catch(() => "");
  let json: unknown = null;
  try {
    json = JSON.parse(text);
  } catch {
    // Not JSON (a proxy's HTML page, an empty 502): the status is all we know.
  }
  const parsed = GraphErrorBody.safeParse(json);
  if (!parsed.success) return { code: null, reason: `HTTP ${res.status}` };
  const { message, code, error_user_msg } = parsed.data.error;
  const reason = error_user_msg && error_user_msg !== message ? `${message} — ${error_user_msg}` : message;
  return { code: code ?? null, reason: withoutSecrets(reason, ctx).slice(0, MAX_REASON_CHARS) };
}

/** The SendResult of a non-2xx Graph answer: the shared rule (408/429/5xx retry, other
 * 4xx final), except that Graph's throttling codes may come as 400 and are worth a retry. */
export async function graphFailure(res: Response, ctx: PlatformContext): Promise<SendResult> {
  const error = await graphErrorOf(res, ctx);
  const outcome = failedSend(res, error.reason);
  if (outcome.outcome === "failed" && error.code !== null && RETRYABLE_GRAPH_CODES.has(error.code)) {
    return { outcome: "retry", reason: error.reason, retryAfterMs: retryAfterMs(res.headers.get("Retry-After")) };
  }
  return outcome;
}

/** A Graph call that may throw (network), as its Response or the SendResult to give up with. */
export async function tryGraph(call: () => Promise<Response>): Promise<{ ok: true; res: Response } | { ok: false; result: SendResult }> {
  try {
    return { ok: true, res: await call() };
  } catch (err) {
    return { ok: false, result: networkError(err) };
  }
}
