/**
 * @module How the stand-in Bot API answers (https://core.telegram.org/bots/api#making-requests):
 * `{ok: true, result}` or `{ok: false, error_code, description, parameters?}`, and how it
 * reads a call's parameters — the query string, a form, multipart (with files) or JSON,
 * all four of which Telegram accepts. Also its unhealthy answers per provider mode:
 * down (500), throttling (429 with `parameters.retry_after`), refusing (403 "bot was
 * blocked by the user", which the adapter must treat as final).
 */
import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { SimulatorProviderMode } from "../protocol/simulator";
import { RETRY_AFTER_SECONDS } from "./provider-mode";

export function botOk(c: Context, result: unknown, description?: string): Response {
  return c.json({ ok: true, result, ...(description ? { description } : {}) }, 200);
}

export function botError(c: Context, status: ContentfulStatusCode, description: string, parameters?: Record<string, unknown>): Response {
  return c.json({ ok: false, error_code: status, description, ...(parameters ? { parameters } : {}) }, status);
}

export interface BotCall {
  params: Record<string, unknown>;
  files: Record<string, File>;
  /** The call as the phone's "JSON on the wire" shows it: parameters, files described. */
  raw: string;
}

/** A form field that holds JSON (reply_parameters, allowed_updates): parsed, or kept. */
function fieldValue(value: string): unknown {
  if (!/^[[{]/.test(value)) return value;
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

/** The call's parameters, or null when the body cannot be read. */
export async function readBotCall(c: Context): Promise<BotCall | null> {
  const params: Record<string, unknown> = {};
  const files: Record<string, File> = {};
  for (const [name, value] of new URL(c.req.url).searchParams) params[name] = fieldValue(value);
  const type = c.req.header("Content-Type") ?? "";
  if (c.req.method === "POST" && /^(multipart\/form-data|application\/x-www-form-urlencoded)/i.test(type)) {
    const form = await c.req.formData().catch(() => null);
    if (!form) return null;
    for (const [name, value] of form.entries()) {
      if (typeof value === "string") params[name] = fieldValue(value);
      else files[name] = value;
    }
  } else if (c.req.method === "POST" && /^application\/json/i.test(type)) {
    const json = await c.req.json().catch(() => undefined);
    if (!json || typeof json !== "object" || Array.isArray(json)) return null;
    Object.assign(params, json);
  }
  const shown = { ...params };
  for (const [name, file] of Object.entries(files)) shown[name] = `<${file.name || "file"}, ${file.type || "application/octet-stream"}, ${file.size} bytes>`;
  return { params, files, raw: JSON.stringify(shown) };
}

/** The unhealthy answer to a send, or null to go on. */
export function botUnhealthy(c: Context, mode: SimulatorProviderMode): Response | null {
  switch (mode) {
    case "healthy":
      return null;
    case "down":
      return botError(c, 500, "Internal Server Error");
    case "throttling":
      // Telegram says how long in the body (https://core.telegram.org/bots/api#responseparameters).
      c.header("Retry-After", String(RETRY_AFTER_SECONDS));
      return botError(c, 429, `Too Many Requests: retry after ${RETRY_AFTER_SECONDS}`, { retry_after: RETRY_AFTER_SECONDS });
    case "refusing":
      return botError(c, 403, "Forbidden: bot was blocked by the user");
  }
}
