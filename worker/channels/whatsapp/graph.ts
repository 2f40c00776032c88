/**
 * @module Calling Meta's Graph API for WhatsApp: the bearer token on every call, and the
 * reading of Graph's answers (its error object and what it means for a retry).
 */
import { z } from "zod";
import { failedSend, networkError, retryAfterMs } from "../send-outcome";
import type { ProviderContext, SendResult } from "../types";
import { RETRYABLE_GRAPH_CODES } from "./limits";

export type WhatsappContext = ProviderContext<"whatsapp">;

/** Graph's error answer (https://developers.facebook.com/docs/graph-api/guides/error-handling);
 * everything optional beyond the message, since proxies and outages answer other things. */
const GraphErrorBody = z.object({
  error: z.object({
    message: z.string(),
    code: z.number().int().optional(),
    error_data: z.object({ details: z.string().optional() }).passthrough().optional(),
  }),
});

export interface GraphError {
  code: number | null;
  /** The provider's own words: the message, then the details when it gives them. */
  reason: string;
}

/** Longest provider reason we keep (it is stored on the message and shown to agents). */
const MAX_REASON_CHARS = 500;

export function graphUrl(ctx: WhatsappContext, path: string): string {
  return `${ctx.baseUrl}/${path.replace(/^\/+/, "")}`;
}

/** A Graph call with the inbox's access token. Throws what fetch throws (network). */
export function graphFetch(ctx: WhatsappContext, pathOrUrl: string, init: RequestInit = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  headers.set("Authorization", `Bearer ${ctx.config.credentials.accessToken}`);
  const url = /^https?:\/\//.test(pathOrUrl) ? pathOrUrl : graphUrl(ctx, pathOrUrl);
  return ctx.fetch(url, { ...init, headers });
}

/** What a non-2xx Graph answer says, read once from its body. */
export async function graphErrorOf(res: Response): Promise<GraphError> {
  const text = await res.text().catch(() => "");
  let json: unknown = null;
  try {
    json = JSON.parse(text);
  } catch {
    // Not JSON (a proxy's HTML page, an empty 502): the status is all we know.
  }
  const parsed = GraphErrorBody.safeParse(json);
  if (!parsed.success) return { code: null, reason: `HTTP ${res.status}`.slice(0, MAX_REASON_CHARS) };
  const { message, code, error_data } = parsed.data.error;
  const details = error_data?.details?.trim();
  const reason = details && details !== message ? `${message} — ${details}` : message;
  return { code: code ?? null, reason: reason.slice(0, MAX_REASON_CHARS) };
}

/** The SendResult of a non-2xx Graph answer: the shared rule (408/429/5xx retry, other
 * 4xx final), except that Graph's throttling codes come as 400 and are worth a retry. */
export async function graphFailure(res: Response): Promise<SendResult> {
  const error = await graphErrorOf(res);
  const outcome = failedSend(res, error.reason);
  if (outcome.outcome === "failed" && error.code !== null && RETRYABLE_GRAPH_CODES.has(error.code)) {
    return { outcome: "retry", reason: error.reason, retryAfterMs: retryAfterMs(res.headers.get("Retry-After")) };
  }
  return outcome;
}

/** A Graph call that may throw (network) as a Response or the SendResult to give up with. */
export async function tryGraph(call: () => Promise<Response>): Promise<{ ok: true; res: Response } | { ok: false; result: SendResult }> {
  try {
    return { ok: true, res: await call() };
  } catch (err) {
    return { ok: false, result: networkError(err) };
  }
}
