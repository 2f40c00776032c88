/**
 * @module A customer's MMS or WhatsApp file, fetched from its MediaUrl with the account's
 * basic auth (Twilio may require it: https://www.twilio.com/docs/messaging/api/media-resource).
 * Twilio answers the media URL with a redirect to its CDN; the redirect is followed by
 * hand so the credentials go only to Twilio's API origin, never to the CDN host. Files
 * over Twilio's own 5 MB media limit are refused before or while they are read.
 */
import { isRetryableStatus } from "../send-outcome";
import type { FetchedMedia, RemoteMedia } from "../types";
import { MAX_MEDIA_BYTES, type TwilioContext } from "./limits";
import { basicAuth } from "./rest";
import { capped } from "../read-capped";

/** Twilio's media answer is one redirect; a few more are tolerated, a loop is not. */
const MAX_REDIRECTS = 3;

type Refusal = Extract<FetchedMedia, { ok: false }>;

function networkRefusal(err: unknown): Refusal {
  return { ok: false, retry: true, reason: `media download: network error: ${err instanceof Error ? err.message : String(err)}`.slice(0, 500) };
}

export async function fetchTwilioMedia(media: RemoteMedia, ctx: TwilioContext): Promise<FetchedMedia> {
  const apiOrigin = new URL(ctx.baseUrl).origin;
  let url = new URL(media.ref);
  // The account's credentials only ever go to Twilio's API (or its stand-in in tests).
  if (url.origin !== apiOrigin) return { ok: false, retry: false, reason: "media URL is not Twilio's" };
  let res: Response | null = null;
  for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
    const headers: Record<string, string> = url.origin === apiOrigin ? { Authorization: basicAuth(ctx) } : {};
    try {
      res = await ctx.fetch(url.href, { headers, redirect: "manual" });
    } catch (err) {
      return networkRefusal(err);
    }
    const location = res.status >= 300 && res.status < 400 ? res.headers.get("Location") : null;
    if (!location) break;
    await res.body?.cancel();
    url = new URL(location, url);
    if (url.protocol !== "https:" && url.origin !== apiOrigin) return { ok: false, retry: false, reason: "media download: redirected off https" };
    res = null;
  }
  if (!res) return { ok: false, retry: false, reason: "media download: too many redirects" };
  if (!res.ok || !res.body) {
    await res.body?.cancel();
    return { ok: false, retry: isRetryableStatus(res.status), reason: `media download: Twilio answered ${res.status}` };
  }
  const length = res.headers.get("Content-Length");
  const size = length && /^\d+$/.test(length) ? Number(length) : null;
  if (size !== null && size > MAX_MEDIA_BYTES) {
    await res.body.cancel();
    return { ok: false, retry: false, reason: `the file is ${size} bytes, over Twilio's ${MAX_MEDIA_BYTES}` };
  }
  // Twilio's own word on the type (MediaContentTypeN) over the CDN's header.
  const contentType = media.contentType ?? res.headers.get("Content-Type") ?? "application/octet-stream";
  return { ok: true, body: capped(res.body, MAX_MEDIA_BYTES), contentType, size, name: null };
}
