/**
 * @module An agent's file, from R2 to WhatsApp: `POST /{phone-number-id}/media` as
 * multipart/form-data (messaging_product, type, file), answered with a media id the send
 * then names (https://developers.facebook.com/documentation/business-messaging/whatsapp/business-phone-numbers/media#upload-media).
 * The file streams from R2 into the request with its length known up front, so a 100 MB
 * document never sits whole in the Worker's memory.
 */
import { z } from "zod";
import type { Attachment } from "../../protocol";
import type { SendResult } from "../types";
import { graphFailure, graphFetch, tryGraph, type WhatsappContext } from "./graph";
import { baseMimeType } from "./limits";

const UploadAnswer = z.object({ id: z.string().min(1) });

const encoder = new TextEncoder();

/** Where uploads and inbound media live in R2 (worker/channels/webchat/files.ts, ../inbound-media.ts). */
const FILE_KEY_PREFIX = "files/";

/** A filename safe inside a quoted multipart header: no quotes, no line breaks. */
function headerSafe(name: string): string {
  return name.replace(/["\r\n\\]/g, "_").slice(0, 255) || "file";
}

/** The multipart body around the file: what goes before its bytes and after them. */
function multipartFrame(boundary: string, contentType: string, filename: string) {
  const field = (name: string, value: string) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
  const head =
    field("messaging_product", "whatsapp") +
    field("type", contentType) +
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${headerSafe(filename)}"\r\nContent-Type: ${contentType}\r\n\r\n`;
  return { head: encoder.encode(head), tail: encoder.encode(`\r\n--${boundary}--\r\n`) };
}

/** Writes head, the R2 body, then tail into `writable`; errors abort the request body. */
async function pump(writable: WritableStream<Uint8Array>, head: Uint8Array, body: ReadableStream<Uint8Array>, tail: Uint8Array) {
  let writer = writable.getWriter();
  await writer.write(head);
  writer.releaseLock();
  await body.pipeTo(writable, { preventClose: true });
  writer = writable.getWriter();
  await writer.write(tail);
  await writer.close();
}

export async function uploadMedia(ctx: WhatsappContext, attachment: Attachment): Promise<{ ok: true; mediaId: string } | { ok: false; result: SendResult }> {
  const object = await ctx.files.get(FILE_KEY_PREFIX + attachment.id);
  if (!object) return { ok: false, result: { outcome: "failed", reason: `${attachment.name} is no longer stored` } };
  const contentType = baseMimeType(attachment.contentType);
  const boundary = `switchboard-${crypto.randomUUID()}`;
  const { head, tail } = multipartFrame(boundary, contentType, attachment.name);
  const { readable, writable } = new FixedLengthStream(head.byteLength + object.size + tail.byteLength);
  // Not awaited: a failed read errors the request body, and so the fetch below; and a
  // provider that answers before reading everything must not leave us waiting on it.
  void pump(writable, head, object.body, tail).catch(() => undefined);
  const answer = await tryGraph(() =>
    graphFetch(ctx, `${ctx.config.settings.phoneNumberId}/media`, {
      method: "POST",
      headers: { "Content-Type": `multipart/form-data; boundary=${boundary}` },
      body: readable,
    }),
  );
  if (!answer.ok) return answer;
  if (!answer.res.ok) return { ok: false, result: await graphFailure(answer.res, ctx) };
  const parsed = UploadAnswer.safeParse(await answer.res.json().catch(() => null));
  if (!parsed.success) return { ok: false, result: { outcome: "retry", reason: "WhatsApp's upload answer had no media id", retryAfterMs: null } };
  return { ok: true, mediaId: parsed.data.id };
}
