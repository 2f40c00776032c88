/**
 * @module Calling the Telegram Bot API: `${base}/bot${token}/${method}` (the token is in
 * the URL by Telegram's design, https://core.telegram.org/bots/api#making-requests), so
 * URLs are never logged and the token is masked out of every reason we keep. Answers are
 * `{ ok, result }` or `{ ok: false, error_code, description, parameters }`
 * (https://core.telegram.org/bots/api#responseparameters): a 429 says how long to wait
 * in `parameters.retry_after` (seconds).
 */
import { z } from "zod";
import { masked } from "../meta/graph-answers";
import { isRetryableStatus, networkError, retryAfterMs } from "../send-outcome";
import type { ProviderContext, SendResult } from "../types";

export type TelegramContext = ProviderContext<"telegram">;

/** Longest provider reason we keep (stored on the message, shown to agents). */
const MAX_REASON_CHARS = 500;

const ErrorAnswer = z.object({
  ok: z.literal(false),
  error_code: z.number().int().optional(),
  description: z.string().max(2_000).optional(),
  parameters: z.object({ retry_after: z.number().int().nonnegative().optional() }).optional(),
});

export function methodUrl(ctx: TelegramContext, method: string): string {
  return `${ctx.baseUrl}/bot${ctx.config.credentials.botToken}/${method}`;
}

export function fileUrl(ctx: TelegramContext, filePath: string): string {
  return `${ctx.baseUrl}/file/bot${ctx.config.credentials.botToken}/${filePath.split("/").map(encodeURIComponent).join("/")}`;
}

/** `text` without the inbox's secrets (an error may quote the URL it failed on). */
export function safe(ctx: TelegramContext, text: string): string {
  return masked(text, Object.values(ctx.config.credentials)).slice(0, MAX_REASON_CHARS);
}

/** A Bot API call with a JSON body (or none). Throws what fetch throws (network). */
export function callBot(ctx: TelegramContext, method: string, params?: unknown, init: RequestInit = {}): Promise<Response> {
  if (params === undefined) return ctx.fetch(methodUrl(ctx, method), { method: "POST", ...init });
  return ctx.fetch(methodUrl(ctx, method), { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(params), ...init });
}

export interface BotError {
  status: number;
  /** Telegram's description ("Forbidden: bot was blocked by the user"), free of secrets. */
  reason: string;
  retryAfterMs: number | null;
}

/** What a non-ok answer says, read once from its body. */
export async function botErrorOf(res: Response, ctx: TelegramContext): Promise<BotError> {
  const text = await res.text().catch(() => "");
  let json: unknown = null;
  try {
    json = JSON.parse(text);
  } catch {
    // A proxy's page or an empty 502: the status is all we know.
  }
  const parsed = ErrorAnswer.safeParse(json);
  const description = parsed.success ? parsed.data.description : undefined;
  // Telegram's body says how long to wait; Retry-After, if a proxy adds one, is the fallback.
  const after = parsed.success ? parsed.data.parameters?.retry_after : undefined;
  return {
    status: res.status,
    reason: safe(ctx, description ?? `HTTP ${res.status}`),
    retryAfterMs: after !== undefined ? retryAfterMs(String(after)) : retryAfterMs(res.headers.get("Retry-After")),
  };
}

/** The SendResult of a non-2xx answer: 429, 408 and 5xx retry (after retry_after);
 * any other 4xx — 403 "bot was blocked by the user", 400 "chat not found" — is final. */
export async function botFailure(res: Response, ctx: TelegramContext): Promise<SendResult> {
  const error = await botErrorOf(res, ctx);
  if (isRetryableStatus(res.status)) return { outcome: "retry", reason: error.reason, retryAfterMs: error.retryAfterMs };
  return { outcome: "failed", reason: error.reason };
}

/** A call that may throw (network), as its Response or the SendResult to give up with.
 * The error's message is masked: a fetch error may quote the URL, token included. */
export async function tryBot(ctx: TelegramContext, call: () => Promise<Response>): Promise<{ ok: true; res: Response } | { ok: false; result: SendResult }> {
  try {
    return { ok: true, res: await call() };
  } catch (err) {
    const result = networkError(err) as Extract<SendResult, { outcome: "retry" }>;
    return { ok: false, result: { ...result, reason: safe(ctx, result.reason) } };
  }
}

/** `{ ok: true, result }` with `result` as `schema`, or null. */
export async function resultOf<T extends z.ZodType>(res: Response, schema: T): Promise<z.infer<T> | null> {
  const body: unknown = await res.json().catch(() => null);
  if (!body || typeof body !== "object" || (body as { ok?: unknown }).ok !== true) return null;
  const parsed = schema.safeParse((body as { result?: unknown }).result);
  return parsed.success ? (parsed.data as z.infer<T>) : null;
}
