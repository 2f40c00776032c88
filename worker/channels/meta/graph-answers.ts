/**
 * @module Reading Meta's Graph API answers, the same for WhatsApp, Messenger and
 * Instagram: its error object, the reason we keep (free of the inbox's secrets), and
 * what a failed send means for a retry. Each provider's graph.ts adds its own token and
 * its own throttling codes.
 */
import { z } from "zod";
import { failedSend, networkError, retryAfterMs } from "../send-outcome";
import type { SendResult } from "../types";

/** Graph's error answer (https://developers.facebook.com/docs/graph-api/guides/error-handling);
 * everything optional beyond the message, since proxies and outages answer other things.
 * WhatsApp puts its explanation in `error_data.details`, the Messenger Platform in
 * `error_user_msg`. */
const GraphErrorBody = z.object({
  error: z.object({
    message: z.string(),
    code: z.number().int().optional(),
    error_subcode: z.number().int().optional(),
    error_user_msg: z.string().optional(),
    error_data: z.object({ details: z.string().optional() }).passthrough().optional(),
  }),
});

export interface GraphError {
  code: number | null;
  /** The provider's own words: the message, then its explanation when it gives one. */
  reason: string;
}

/** Longest provider reason we keep (it is stored on the message and shown to agents). */
const MAX_REASON_CHARS = 500;

/** `text` with `secrets` blotted out: Graph's messages may quote what it was sent, and a
 * reason is stored, shown to agents and logged. Very short values are not masked (they
 * would blot out ordinary words and are no secret anyway). */
export function masked(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) if (secret.length >= 4) out = out.split(secret).join("****");
  return out;
}

/** What a non-2xx Graph answer says, read once from its body, free of `secrets`. */
export async function graphErrorOf(res: Response, secrets: readonly string[]): Promise<GraphError> {
  const text = await res.text().catch(() => "");
  let json: unknown = null;
  try {
    json = JSON.parse(text);
  } catch {
    // Not JSON (a proxy's HTML page, an empty 502): the status is all we know.
  }
  const parsed = GraphErrorBody.safeParse(json);
  if (!parsed.success) return { code: null, reason: `HTTP ${res.status}` };
  const { message, code, error_data, error_user_msg } = parsed.data.error;
  const details = (error_data?.details ?? error_user_msg)?.trim();
  const reason = details && details !== message ? `${message} — ${details}` : message;
  return { code: code ?? null, reason: masked(reason, secrets).slice(0, MAX_REASON_CHARS) };
}

/** The SendResult of a non-2xx Graph answer: the shared rule (408/429/5xx retry, other
 * 4xx final), except that Graph's throttling codes come as HTTP 400 and are worth a retry. */
export async function graphFailure(res: Response, secrets: readonly string[], retryableCodes: ReadonlySet<number>): Promise<SendResult> {
  const error = await graphErrorOf(res, secrets);
  const outcome = failedSend(res, error.reason);
  if (outcome.outcome === "failed" && error.code !== null && retryableCodes.has(error.code)) {
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
