/**
 * @module An agent's file, from R2 to Telegram in the send itself: sendPhoto,
 * sendDocument or sendVoice as multipart/form-data with the file under its field
 * (https://core.telegram.org/bots/api#sending-files). The file streams from R2 into the
 * request with its length known up front, so a 50 MB document never sits whole in the
 * Worker's memory.
 */
import type { Attachment } from "../../protocol";
import type { SendResult } from "../types";
import { methodUrl, tryBot, type TelegramContext } from "./bot-api";
import { multipartFromR2 } from "../multipart-upload";

/** Calls `method` with `fields` and the attachment under `fileField`: the Response, or
 * the SendResult to end with (file gone, network). */
export async function uploadCall(
  ctx: TelegramContext,
  method: string,
  fields: Record<string, string>,
  fileField: string,
  attachment: Attachment,
): Promise<{ ok: true; res: Response } | { ok: false; result: SendResult }> {
  const upload = await multipartFromR2(ctx.files, attachment, attachment.contentType.split(";")[0]!.trim() || "application/octet-stream", fields, fileField);
  if (!upload) return { ok: false, result: { outcome: "failed", reason: `${attachment.name} is no longer stored` } };
  return tryBot(ctx, () => ctx.fetch(methodUrl(ctx, method), { method: "POST", headers: { "Content-Type": upload.contentType }, body: upload.body }));
}
