/**
 * @module Downloading a customer's file from Meta's CDN (Messenger and Instagram give a
 * URL in the webhook, `payload.url`, that expires). The URL is signed by Meta itself, so
 * no access token goes with the request: the page's token never leaves for a CDN host.
 *
 * Enforced here, before anything reaches R2 (../inbound-media.ts stores what we return):
 * - at most 25 MB, the platform's attachment limit (./limits.ts MAX_ATTACHMENT_BYTES),
 *   from Content-Length when given, else counted while reading;
 * - a content type that fits the kind the webhook named (./limits.ts INBOUND_TYPES).
 * A CDN that throttles or fails (429, 5xx, network) is worth another try (the webhook
 * answers 5xx and Meta redelivers); an expired or missing file (403, 404, 410) never
 * comes back, and the message is stored without it.
 */
import type { FetchedMedia, RemoteMedia } from "../types";
import type { PlatformContext } from "./graph";
import { readCapped } from "../read-capped";
import { baseMimeType, INBOUND_TYPES, MAX_ATTACHMENT_BYTES } from "./limits";

const MAX_NAME_CHARS = 200;

function failure(retry: boolean, reason: string): FetchedMedia {
  return { ok: false, retry, reason };
}

/** The types allowed for `kind`; kinds the platform does not send inbound take any. */
function allowedTypes(kind: RemoteMedia["kind"]): readonly string[] | null {
  return kind === "document" ? null : INBOUND_TYPES[kind];
}

/** The file's name: Content-Disposition's, else the URL's last segment when it looks like
 * a file name (Meta's CDN paths end in the original name, e.g. `…/Invoice.pdf`). */
function nameOf(res: Response, url: URL): string | null {
  const disposition = res.headers.get("Content-Disposition") ?? "";
  const quoted = /filename="([^"]+)"/i.exec(disposition)?.[1];
  if (quoted) return quoted.slice(0, MAX_NAME_CHARS);
  const last = url.pathname.split("/").pop() ?? "";
  let decoded = last;
  try {
    decoded = decodeURIComponent(last);
  } catch {
    // A malformed escape: keep the segment as it is.
  }
  return /\.[A-Za-z0-9]{1,8}$/.test(decoded) ? decoded.slice(0, MAX_NAME_CHARS) : null;
}

export async function fetchPlatformMedia(media: RemoteMedia, ctx: PlatformContext): Promise<FetchedMedia> {
  let url: URL;
  try {
    url = new URL(media.ref);
  } catch {
    return failure(false, "the attachment has no valid URL");
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return failure(false, "the attachment URL is not http(s)");

  let res: Response;
  try {
    res = await ctx.fetch(url.toString(), { method: "GET" });
  } catch (err) {
    return failure(true, `download failed: ${err instanceof Error ? err.message : String(err)}`.slice(0, 500));
  }
  if (!res.ok) {
    await res.body?.cancel().catch(() => undefined);
    const retry = res.status === 408 || res.status === 429 || res.status >= 500;
    return failure(retry, retry ? `the CDN answered ${res.status}` : `the file is no longer available (${res.status})`);
  }

  const contentType = baseMimeType(res.headers.get("Content-Type") ?? "application/octet-stream");
  const allowed = allowedTypes(media.kind);
  if (allowed && !allowed.includes(contentType)) {
    await res.body?.cancel().catch(() => undefined);
    return failure(false, `the ${media.kind} came as ${contentType}`);
  }
  const length = res.headers.get("Content-Length");
  const size = length !== null && /^\d+$/.test(length) ? Number(length) : null;
  if (size !== null && size > MAX_ATTACHMENT_BYTES) {
    await res.body?.cancel().catch(() => undefined);
    return failure(false, `the file is larger than ${MAX_ATTACHMENT_BYTES} bytes`);
  }
  const name = nameOf(res, url);
  if (!res.body) return { ok: true, body: new ArrayBuffer(0), contentType, size: 0, name };
  if (size !== null) return { ok: true, body: res.body, contentType, size, name };
  // No length given: count while reading, so a file past the limit is refused too.
  const bytes = await readCapped(res.body, MAX_ATTACHMENT_BYTES);
  if (!bytes) return failure(false, `the file is larger than ${MAX_ATTACHMENT_BYTES} bytes`);
  return { ok: true, body: bytes, contentType, size: bytes.byteLength, name };
}
