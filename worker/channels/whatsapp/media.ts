/**
 * @module A customer's file, fetched from WhatsApp in two steps: `GET /{media-id}` (with
 * the access token) answers a short-lived URL with the type and size, then `GET {url}`
 * (with the same token) answers the bytes
 * (https://developers.facebook.com/documentation/business-messaging/whatsapp/business-phone-numbers/media#get-media-url).
 *
 * The kind's type and size limits are checked before anything is downloaded, and the
 * bytes stream through with their length, never held whole; a file that turns out longer
 * than it said errors the stream instead of filling memory.
 */
import { z } from "zod";
import { isRetryableStatus } from "../send-outcome";
import type { FetchedMedia, RemoteMedia } from "../types";
import { graphErrorOf, graphFetch, type WhatsappContext } from "./graph";
import { baseMimeType, MEDIA_RULES, type WhatsappMediaKind } from "./limits";
import { capped } from "../read-capped";

const MediaUrlAnswer = z.object({
  url: z.string().url(),
  mime_type: z.string().min(1).max(255),
  file_size: z.union([z.number().int().nonnegative(), z.string().regex(/^\d+$/).transform(Number)]).optional(),
});

type Refusal = Extract<FetchedMedia, { ok: false }>;

function kindOf(media: RemoteMedia): WhatsappMediaKind {
  return media.kind === "file" ? "document" : media.kind;
}

/** Why WhatsApp's answer `res` means no file: worth a retry (throttled, down) or not. */
async function refusal(res: Response, step: string, ctx: WhatsappContext): Promise<Refusal> {
  const error = await graphErrorOf(res, ctx);
  return { ok: false, retry: isRetryableStatus(res.status), reason: `${step}: ${error.reason}` };
}

function networkRefusal(err: unknown, step: string): Refusal {
  return { ok: false, retry: true, reason: `${step}: network error: ${err instanceof Error ? err.message : String(err)}` };
}

/** The access token only goes to WhatsApp's own https URLs, or to the stand-in Graph
 * API's origin when one is configured (tests, the local simulator). */
function trustedDownloadUrl(url: string, ctx: WhatsappContext): boolean {
  const parsed = new URL(url);
  return parsed.protocol === "https:" || parsed.origin === new URL(ctx.baseUrl).origin;
}

export async function fetchWhatsappMedia(media: RemoteMedia, ctx: WhatsappContext): Promise<FetchedMedia> {
  const kind = kindOf(media);
  const rule = MEDIA_RULES[kind];

  let res: Response;
  try {
    res = await graphFetch(ctx, encodeURIComponent(media.ref));
  } catch (err) {
    return networkRefusal(err, "media URL");
  }
  if (!res.ok) return refusal(res, "media URL", ctx);
  const answer = MediaUrlAnswer.safeParse(await res.json().catch(() => null));
  if (!answer.success) return { ok: false, retry: true, reason: "media URL: WhatsApp's answer had no URL" };
  const { url, mime_type, file_size } = answer.data;

  const type = baseMimeType(mime_type);
  if (rule.types && !rule.types.includes(type)) return { ok: false, retry: false, reason: `type ${type} is not one WhatsApp supports for ${kind} messages` };
  if (file_size !== undefined && file_size > rule.maxBytes) return { ok: false, retry: false, reason: `the ${kind} is ${file_size} bytes, over WhatsApp's ${rule.maxBytes}` };
  if (!trustedDownloadUrl(url, ctx)) return { ok: false, retry: false, reason: "media URL: not https" };

  let download: Response;
  try {
    download = await graphFetch(ctx, url);
  } catch (err) {
    return networkRefusal(err, "media download");
  }
  if (!download.ok || !download.body) return refusal(download, "media download", ctx);
  const length = download.headers.get("Content-Length");
  const size = length && /^\d+$/.test(length) ? Number(length) : null;
  if (size !== null && size > rule.maxBytes) {
    await download.body.cancel();
    return { ok: false, retry: false, reason: `the ${kind} is ${size} bytes, over WhatsApp's ${rule.maxBytes}` };
  }
  return { ok: true, body: capped(download.body, rule.maxBytes), contentType: mime_type, size, name: null };
}
