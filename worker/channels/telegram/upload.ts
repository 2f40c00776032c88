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

const encoder = new TextEncoder();

/** Where uploads and inbound media live in R2 (worker/channels/webchat/files.ts, ../inbound-media.ts). */
const FILE_KEY_PREFIX = "files/";

/** A filename safe inside a quoted multipart header: no quotes, no line breaks. */
function headerSafe(name: string): string {
  return name.replace(/["\r\n\\]/g, "_").slice(0, 255) || "file";
}

function multipartFrame(boundary: string, fields: Record<string, string>, fileField: string, contentType: string, filename: string) {
  const field = (name: string, value: string) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
  const head =
    Object.entries(fields).map(([name, value]) => field(name, value)).join("") +
    `--${boundary}\r\nContent-Disposition: form-data; name="${fileField}"; filename="${headerSafe(filename)}"\r\nContent-Type: ${contentType}\r\n\r\n`;
  return { head: encoder.encode(head), tail: encoder.encode(`\r\n--${boundary}--\r\n`) };
}

async function pump(writable: WritableStream<Uint8Array>, head: Uint8Array, body: ReadableStream<Uint8Array>, tail: Uint8Array) {
  let writer = writable.getWriter();
  await writer.write(head);
  writer.releaseLock();
  await body.pipeTo(writable, { preventClose: true });
  writer = writable.getWriter();
  await writer.write(tail);
  await writer.close();
}

/** Calls `method` with `fields` and the attachment under `fileField`: the Response, or
 * the SendResult to end with (file gone, network). */
export async function uploadCall(
  ctx: TelegramContext,
  method: string,
  fields: Record<string, string>,
  fileField: string,
  attachment: Attachment,
): Promise<{ ok: true; res: Response } | { ok: false; result: SendResult }> {
  const object = await ctx.files.get(FILE_KEY_PREFIX + attachment.id);
  if (!object) return { ok: false, result: { outcome: "failed", reason: `${attachment.name} is no longer stored` } };
  const boundary = `switchboard-${crypto.randomUUID()}`;
  const { head, tail } = multipartFrame(boundary, fields, fileField, attachment.contentType.split(";")[0]!.trim() || "application/octet-stream", attachment.name);
  const { readable, writable } = new FixedLengthStream(head.byteLength + object.size + tail.byteLength);
  // Not awaited: a failed read errors the request body, and so the fetch below.
  void pump(writable, head, object.body, tail).catch(() => undefined);
  return tryBot(ctx, () =>
    ctx.fetch(methodUrl(ctx, method), { method: "POST", headers: { "Content-Type": `multipart/form-data; boundary=${boundary}` }, body: readable }),
  );
}
