/**
 * @module An agent's file streamed from R2 into a provider's multipart/form-data upload
 * (WhatsApp's media endpoint, Telegram's sendPhoto/sendDocument/sendVoice): the form
 * fields, then the file's bytes straight from R2, with the whole length known up front,
 * so a large document never sits whole in the Worker's memory.
 */
import type { Attachment } from "../protocol";

const encoder = new TextEncoder();

/** Where uploads and inbound media live in R2 (./webchat/files.ts, ./inbound-media.ts). */
const FILE_KEY_PREFIX = "files/";

/** A filename safe inside a quoted multipart header: no quotes, no line breaks. */
function headerSafe(name: string): string {
  return name.replace(/["\r\n\\]/g, "_").slice(0, 255) || "file";
}

/** The multipart body around the file: what goes before its bytes and after them. */
function frame(boundary: string, fields: Record<string, string>, fileField: string, contentType: string, filename: string) {
  const field = (name: string, value: string) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
  const head =
    Object.entries(fields)
      .map(([name, value]) => field(name, value))
      .join("") +
    `--${boundary}\r\nContent-Disposition: form-data; name="${fileField}"; filename="${headerSafe(filename)}"\r\nContent-Type: ${contentType}\r\n\r\n`;
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

/** The request body and its Content-Type for `attachment` under `fileField` after
 * `fields`, or null when the file is no longer stored. */
export async function multipartFromR2(
  files: R2Bucket,
  attachment: Attachment,
  contentType: string,
  fields: Record<string, string>,
  fileField: string,
): Promise<{ body: ReadableStream<Uint8Array>; contentType: string } | null> {
  const object = await files.get(FILE_KEY_PREFIX + attachment.id);
  if (!object) return null;
  const boundary = `switchboard-${crypto.randomUUID()}`;
  const { head, tail } = frame(boundary, fields, fileField, contentType, attachment.name);
  const { readable, writable } = new FixedLengthStream(head.byteLength + object.size + tail.byteLength);
  // Not awaited: a failed read errors the request body, and so the provider's fetch; and a
  // provider that answers before reading everything must not leave us waiting on it.
  void pump(writable, head, object.body, tail).catch(() => undefined);
  return { body: readable, contentType: `multipart/form-data; boundary=${boundary}` };
}
