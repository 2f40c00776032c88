/**
 * @module A mail's files into R2, labelled with their conversation like every channel's
 * media (../inbound-media.ts, `files/<id>`, served by the download route, never as
 * active content): the original message (.eml) and the HTML part, which the console
 * shows sanitized in a sandboxed frame, and each attachment. An attachment over the
 * limits is not stored on its own; the body gets a note naming it, and it stays readable
 * in the original message.
 */
import type { Attachment } from "../../protocol";
import { MediaUnavailable, storeInboundMedia } from "../inbound-media";
import type { MediaKind } from "../types";
import { MAX_EMAIL_FILE_BYTES, MAX_EMAIL_FILES } from "./inbound-limits";
import type { ParsedAttachment, ParsedEmail } from "./parsed";

export interface MailFiles {
  rawFileId: string;
  htmlFileId: string | null;
  attachments: Attachment[];
  /** One line per attachment not kept, for the message body. */
  notes: string[];
}

export async function storeMailFiles(files: R2Bucket, conversationId: string, raw: ArrayBuffer, parsed: ParsedEmail): Promise<MailFiles> {
  const store = (body: ArrayBuffer, contentType: string, name: string, kind: MediaKind = "file") =>
    storeInboundMedia(null, { files }, conversationId, { kind, ref: name, inline: { body, contentType, name } });
  const rawFile = await store(raw, "message/rfc822", "message.eml");
  const htmlFile = parsed.html ? await store(new TextEncoder().encode(parsed.html).buffer as ArrayBuffer, "text/html", "message.html") : null;
  const attachments: Attachment[] = [];
  const notes: string[] = [];
  for (const [i, file] of parsed.attachments.entries()) {
    const refusal = refusalOf(file, i);
    if (refusal) {
      notes.push(`[attachment not kept: ${file.name || "unnamed"} (${refusal}); it is in the original message]`);
      continue;
    }
    try {
      const stored = await store(file.bytes, file.contentType, file.name, kindOf(file.contentType));
      // The HTML part names inline images by Content-ID; the console resolves `cid:` by it.
      attachments.push(file.contentId ? { ...stored, contentId: file.contentId } : stored);
    } catch (err) {
      // Only a file that can never be stored is skipped; an R2 failure fails the mail,
      // which the sending server retries.
      if (!(err instanceof MediaUnavailable) || err.retry) throw err;
      notes.push(`[attachment not kept: ${file.name || "unnamed"} (${err.message}); it is in the original message]`);
    }
  }
  return { rawFileId: rawFile.id, htmlFileId: htmlFile?.id ?? null, attachments, notes };
}

function refusalOf(file: ParsedAttachment, index: number): string | null {
  if (index >= MAX_EMAIL_FILES) return `more than ${MAX_EMAIL_FILES} attachments`;
  if (file.bytes.byteLength > MAX_EMAIL_FILE_BYTES) return `larger than ${MAX_EMAIL_FILE_BYTES / (1024 * 1024)} MB`;
  return null;
}

function kindOf(contentType: string): MediaKind {
  const type = contentType.toLowerCase();
  if (type.startsWith("image/")) return "image";
  if (type.startsWith("video/")) return "video";
  if (type.startsWith("audio/")) return "audio";
  return "document";
}
