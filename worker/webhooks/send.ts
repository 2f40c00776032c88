/**
 * @module One attempt at one delivery: the SSRF guard again (the URL may have been stored
 * before a rule tightened), the signature (./signature.ts), a POST with a 10 s timeout
 * that follows no redirect, and what the receiver answered, cut to an excerpt.
 */
import { MAX_WEBHOOK_EXCERPT_CHARS } from "../protocol";
import { DELIVERY_ID_HEADER, EVENT_HEADER, SIGNATURE_HEADER, signatureHeader } from "./signature";
import { checkWebhookUrl } from "./url-guard";

/** A receiver gets 10 seconds to answer (issue 15); Workers' own subrequest limits are
 * far above it (https://developers.cloudflare.com/workers/platform/limits/). */
export const SEND_TIMEOUT_MS = 10_000;
/** Read at most this much of an answer: the excerpt keeps 500 characters. */
const EXCERPT_READ_BYTES = 4096;

export interface Attempt {
  ok: boolean;
  statusCode: number | null;
  latencyMs: number;
  /** The start of the answer, or why there was none; plain text. */
  excerpt: string;
}

export interface SendInput {
  url: string;
  secret: string;
  deliveryId: string;
  event: string;
  body: string;
  allowLocal: boolean;
}

export async function attemptDelivery(input: SendInput, now: () => number = Date.now): Promise<Attempt> {
  const verdict = checkWebhookUrl(input.url, input.allowLocal);
  if (!verdict.ok) return { ok: false, statusCode: null, latencyMs: 0, excerpt: `Not sent: ${verdict.reason}.` };
  const started = now();
  try {
    const res = await fetch(verdict.url, {
      method: "POST",
      body: input.body,
      // A redirect could lead anywhere, including where the guard refuses: never follow.
      redirect: "manual",
      signal: AbortSignal.timeout(SEND_TIMEOUT_MS),
      headers: {
        "content-type": "application/json",
        "user-agent": "Switchboard-Webhooks/1",
        [SIGNATURE_HEADER]: await signatureHeader(input.secret, input.body, now()),
        [DELIVERY_ID_HEADER]: input.deliveryId,
        [EVENT_HEADER]: input.event,
      },
    });
    const text = await excerptOf(res);
    const latencyMs = now() - started;
    if (res.status >= 300 && res.status < 400) {
      const where = res.headers.get("location");
      return { ok: false, statusCode: res.status, latencyMs, excerpt: cut(`Redirect not followed${where ? ` (to ${where})` : ""}. ${text}`) };
    }
    return { ok: res.status >= 200 && res.status < 300, statusCode: res.status, latencyMs, excerpt: text };
  } catch (err) {
    const latencyMs = now() - started;
    const timedOut = err instanceof Error && (err.name === "TimeoutError" || err.name === "AbortError");
    return { ok: false, statusCode: null, latencyMs, excerpt: cut(timedOut ? `No answer within ${SEND_TIMEOUT_MS / 1000} s.` : `Could not connect: ${String(err)}`) };
  }
}

async function excerptOf(res: Response): Promise<string> {
  if (!res.body) return "";
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    while (total < EXCERPT_READ_BYTES) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      total += value.byteLength;
    }
  } catch {
    // A body that breaks off still leaves what came.
  } finally {
    reader.cancel().catch(() => {});
  }
  const bytes = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    bytes.set(c, at);
    at += c.byteLength;
  }
  return cut(new TextDecoder().decode(bytes.slice(0, Math.min(total, EXCERPT_READ_BYTES))));
}

function cut(text: string): string {
  return [...text].slice(0, MAX_WEBHOOK_EXCERPT_CHARS).join("");
}
