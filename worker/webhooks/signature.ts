/**
 * @module How Switchboard signs what it sends to other systems (outbound webhooks, agent
 * bots, the API channel's replies), Stripe-style, so receivers can check both origin and
 * freshness: header `Switchboard-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of
 * "<t>.<raw body>" under the endpoint's secret>`. Signing the timestamp with the body lets
 * a receiver refuse replays older than its tolerance. `verifySignature` is the recipe
 * receivers follow (the tests use it, the README documents it).
 */
import { constantTimeEqual } from "../auth/encoding";

export const SIGNATURE_HEADER = "Switchboard-Signature";
/** A unique id per delivery attempt's event (the same on every retry), for receivers' dedup. */
export const DELIVERY_ID_HEADER = "Switchboard-Delivery";
/** The event's name (e.g. `message.created`). */
export const EVENT_HEADER = "Switchboard-Event";
/** What receivers should accept by default: five minutes either way. */
export const DEFAULT_TOLERANCE_S = 300;

const encoder = new TextEncoder();
const bytesOf = (text: string): Uint8Array<ArrayBuffer> => new Uint8Array(encoder.encode(text));

async function hmacHex(secret: string, payload: string): Promise<string> {
  const key = await crypto.subtle.importKey("raw", encoder.encode(secret), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
  const mac = new Uint8Array(await crypto.subtle.sign("HMAC", key, encoder.encode(payload)));
  return [...mac].map((b) => b.toString(16).padStart(2, "0")).join("");
}

/** The header value for `rawBody` sent at `nowMs`. */
export async function signatureHeader(secret: string, rawBody: string, nowMs: number): Promise<string> {
  const t = Math.floor(nowMs / 1000);
  return `t=${t},v1=${await hmacHex(secret, `${t}.${rawBody}`)}`;
}

/** A receiver's check: the header parses, its time is within `toleranceS` of `nowMs`, and
 * one of its v1 signatures matches (constant time). */
export async function verifySignature(secret: string, rawBody: string, header: string | null, nowMs: number, toleranceS = DEFAULT_TOLERANCE_S): Promise<boolean> {
  if (!header) return false;
  const parts = header.split(",").map((p) => p.trim().split("=", 2) as [string, string | undefined]);
  const t = Number(parts.find(([k]) => k === "t")?.[1]);
  if (!Number.isInteger(t) || Math.abs(nowMs / 1000 - t) > toleranceS) return false;
  const expected = bytesOf(await hmacHex(secret, `${t}.${rawBody}`));
  let ok = false;
  for (const [k, v] of parts) if (k === "v1" && v !== undefined && v.length === 64) ok = constantTimeEqual(bytesOf(v), expected) || ok;
  return ok;
}
