/**
 * @module A customer's file, fetched from Telegram in two steps: `getFile` with the file
 * id answers a `file_path`, then `${base}/file/bot${token}/${file_path}` answers the bytes
 * (https://core.telegram.org/bots/api#getfile). Bots may download files of up to 20 MB:
 * a larger one is refused before anything is downloaded (the message is stored without
 * it), and a download that turns out longer errors its stream instead of filling memory.
 */
import { z } from "zod";
import { isRetryableStatus } from "../send-outcome";
import type { FetchedMedia, RemoteMedia } from "../types";
import { botErrorOf, callBot, fileUrl, resultOf, safe, type TelegramContext } from "./bot-api";
import { MAX_DOWNLOAD_BYTES } from "./limits";
import { capped } from "../read-capped";

const FileAnswer = z.object({
  file_id: z.string(),
  file_size: z.number().int().nonnegative().optional(),
  /** Absent when the file cannot be downloaded by a bot (too large). */
  file_path: z.string().min(1).max(1_024).optional(),
});

type Refusal = Extract<FetchedMedia, { ok: false }>;

/** Types by extension, for files whose kind does not say (documents without a MIME type). */
const EXTENSION_TYPES: Record<string, string> = {
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
  png: "image/png",
  webp: "image/webp",
  gif: "image/gif",
  mp4: "video/mp4",
  webm: "video/webm",
  oga: "audio/ogg",
  ogg: "audio/ogg",
  mp3: "audio/mpeg",
  m4a: "audio/mp4",
  pdf: "application/pdf",
  txt: "text/plain",
  tgs: "application/x-tgsticker",
};

/** What the file is: what the message said (its kind, the document's MIME type), else
 * its extension; Telegram's file server answers application/octet-stream for most. */
function contentTypeOf(media: RemoteMedia, filePath: string): string {
  if (media.contentType) return media.contentType;
  const extension = /\.([a-z0-9]{1,8})$/i.exec(filePath)?.[1]?.toLowerCase();
  return (extension && EXTENSION_TYPES[extension]) || "application/octet-stream";
}

const tooLarge = (): Refusal => ({ ok: false, retry: false, reason: `file larger than Telegram's ${MAX_DOWNLOAD_BYTES / (1024 * 1024)} MB limit for bots' downloads` });

function networkRefusal(err: unknown, step: string, ctx: TelegramContext): Refusal {
  return { ok: false, retry: true, reason: safe(ctx, `${step}: network error: ${err instanceof Error ? err.message : String(err)}`) };
}

export async function fetchTelegramMedia(media: RemoteMedia, ctx: TelegramContext): Promise<FetchedMedia> {
  if (media.size != null && media.size > MAX_DOWNLOAD_BYTES) return tooLarge();
  let res: Response;
  try {
    res = await callBot(ctx, "getFile", { file_id: media.ref });
  } catch (err) {
    return networkRefusal(err, "getFile", ctx);
  }
  if (!res.ok) {
    const error = await botErrorOf(res, ctx);
    return { ok: false, retry: isRetryableStatus(res.status), reason: `getFile: ${error.reason}` };
  }
  const file = await resultOf(res, FileAnswer);
  if (!file) return { ok: false, retry: true, reason: "getFile: Telegram's answer was not a file" };
  if ((file.file_size ?? 0) > MAX_DOWNLOAD_BYTES || !file.file_path) return tooLarge();

  let download: Response;
  try {
    download = await ctx.fetch(fileUrl(ctx, file.file_path));
  } catch (err) {
    return networkRefusal(err, "download", ctx);
  }
  if (!download.ok || !download.body) {
    await download.body?.cancel();
    return { ok: false, retry: isRetryableStatus(download.status), reason: `download: HTTP ${download.status}` };
  }
  const length = Number(download.headers.get("Content-Length") ?? NaN);
  const size = Number.isInteger(length) && length >= 0 ? length : (file.file_size ?? null);
  if (size !== null && size > MAX_DOWNLOAD_BYTES) {
    await download.body.cancel();
    return tooLarge();
  }
  const name = media.name ?? null;
  return { ok: true, body: capped(download.body, size ?? MAX_DOWNLOAD_BYTES), contentType: contentTypeOf(media, file.file_path), size, name };
}
