/**
 * @module Inbound media: a customer's file is copied from the provider into R2 before
 * the message is stored, so the console never hotlinks a provider URL that expires
 * (Meta's CDN links do within hours; WhatsApp's media URLs within minutes).
 *
 * The adapter fetches (and enforces its provider's per-type size limits); this module
 * stores. Files are kept under `files/<id>` like uploads, served by the same download
 * route, which never serves them as active content (worker/channels/webchat/files.ts
 * `serveFile`: nosniff, sandbox CSP, inline only for raster images).
 */
import { MAX_FILE_NAME_CHARS, normalizeName, truncateText, type Attachment } from "../protocol";
import { isInlineImage } from "../protocol/limits";
import { newId } from "../db/client";
import type { FetchedMedia, ProviderAdapter, ProviderContext, RemoteMedia } from "./types";
import { readCapped } from "./read-capped";

const KEY_PREFIX = "files/";

/** Largest file we copy whatever the provider allows: WhatsApp documents go up to 100 MB
 * (https://developers.facebook.com/docs/whatsapp/cloud-api/reference/media#supported-media-types),
 * and an R2 single PUT takes up to 5 GiB
 * (https://developers.cloudflare.com/r2/platform/limits/), so the provider's limit is the
 * one that bites. Files of unknown length are buffered, so they get a Worker-memory-sized
 * cap (128 MB per isolate: https://developers.cloudflare.com/workers/platform/limits/#memory). */
export const MAX_MEDIA_BYTES = 100 * 1024 * 1024;
const MAX_BUFFERED_BYTES = 32 * 1024 * 1024;

/** Leading bytes of the image types a browser renders inline: a file that claims one of
 * them but does not start like it is stored as an opaque download instead. */
const IMAGE_MAGIC: Record<string, number[]> = {
  "image/png": [0x89, 0x50, 0x4e, 0x47],
  "image/jpeg": [0xff, 0xd8, 0xff],
  "image/gif": [0x47, 0x49, 0x46, 0x38],
  "image/webp": [0x52, 0x49, 0x46, 0x46],
};

/** Why a file could not be kept: `retry` means the provider should redeliver later. */
export class MediaUnavailable extends Error {
  constructor(
    readonly retry: boolean,
    reason: string,
  ) {
    super(reason);
  }
}

/** A made-up name's extension when the provider sends none: by the stored type where we
 * know it (a PNG photo is not "image.jpg"), else by the media kind. */
const EXTENSIONS: Record<RemoteMedia["kind"], string> = { image: "jpg", video: "mp4", audio: "ogg", document: "pdf", sticker: "webp", file: "bin" };
const TYPE_EXTENSIONS: Record<string, string> = {
  "image/png": "png",
  "image/jpeg": "jpg",
  "image/gif": "gif",
  "image/webp": "webp",
  "video/mp4": "mp4",
  "video/3gpp": "3gp",
  "audio/ogg": "ogg",
  "audio/mpeg": "mp3",
  "audio/mp4": "m4a",
  "audio/aac": "aac",
  "audio/amr": "amr",
  "application/pdf": "pdf",
  "text/plain": "txt",
};

function fileName(media: RemoteMedia, fetched: Extract<FetchedMedia, { ok: true }>, contentType: string): string {
  const given = fetched.name ?? media.name;
  const cleaned = given ? truncateText(normalizeName(given).replace(/["\\/]/g, "_").trim(), MAX_FILE_NAME_CHARS) : "";
  return cleaned || `${media.kind}.${TYPE_EXTENSIONS[contentType] ?? EXTENSIONS[media.kind]}`;
}

function mediaType(header: string): string {
  const type = header.split(";")[0]!.trim().toLowerCase();
  return /^[a-z0-9.+-]+\/[a-z0-9.+-]+$/.test(type) ? type : "application/octet-stream";
}

/** Copies `media` into R2 for `conversationId`; throws MediaUnavailable when it cannot.
 * Media that came with the message (`inline`, an e-mail's attachments) is stored as it
 * is, without asking the adapter. */
export async function storeInboundMedia(adapter: ProviderAdapter | null, ctx: Pick<ProviderContext, "files"> & Partial<ProviderContext>, conversationId: string, media: RemoteMedia): Promise<Attachment> {
  let fetched: FetchedMedia;
  if (media.inline) {
    fetched = { ok: true, body: media.inline.body, contentType: media.inline.contentType, size: media.inline.body.byteLength, name: media.inline.name };
  } else {
    if (!adapter) throw new MediaUnavailable(false, "no adapter can fetch this file");
    try {
      fetched = await adapter.fetchMedia(media, ctx as ProviderContext);
    } catch (err) {
      throw new MediaUnavailable(true, `media download failed: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  if (!fetched.ok) throw new MediaUnavailable(fetched.retry, fetched.reason);
  if (fetched.size !== null && fetched.size > MAX_MEDIA_BYTES) throw new MediaUnavailable(false, `file larger than ${MAX_MEDIA_BYTES} bytes`);

  let contentType = mediaType(fetched.contentType);
  const id = newId();
  const name = fileName(media, fetched, contentType);
  let body: ReadableStream | ArrayBuffer = fetched.body;
  let size = fetched.size;
  // Images are small (WhatsApp: 5 MB) and the one type shown inline: read them whole to
  // check the bytes. Anything of unknown length is read whole too (R2 needs a length).
  if (isInlineImage(contentType) || size === null || body instanceof ArrayBuffer) {
    const bytes = new Uint8Array(body instanceof ArrayBuffer ? body : await readWhole(body));
    const magic = IMAGE_MAGIC[contentType];
    if (isInlineImage(contentType) && (!magic || !magic.every((b, i) => bytes[i] === b))) contentType = "application/octet-stream";
    body = bytes.buffer as ArrayBuffer;
    size = bytes.byteLength;
  } else {
    // Known length: stream straight through (R2 takes a stream of fixed length).
    const fixed = new FixedLengthStream(size);
    (body as ReadableStream).pipeTo(fixed.writable).catch(() => {});
    body = fixed.readable;
  }
  await ctx.files.put(KEY_PREFIX + id, body, { httpMetadata: { contentType }, customMetadata: { conversationId, name } });
  return { id, name, contentType, size: size! };
}

async function readWhole(stream: ReadableStream<Uint8Array>): Promise<ArrayBuffer> {
  const bytes = await readCapped(stream, MAX_BUFFERED_BYTES);
  if (!bytes) throw new MediaUnavailable(false, `file larger than ${MAX_BUFFERED_BYTES} bytes`);
  return bytes;
}
