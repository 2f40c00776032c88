/**
 * @module Files through the stand-in Graph API:
 * - uploads: WhatsApp `POST /{phone-number-id}/media` (multipart `file`, `type`,
 *   `messaging_product`; answers `{id}`:
 *   https://developers.facebook.com/docs/whatsapp/cloud-api/reference/media) and Messenger's
 *   Attachment Upload API `POST /{page-id}/message_attachments` (multipart `message` JSON +
 *   `filedata`; answers `{attachment_id}`:
 *   https://developers.facebook.com/docs/messenger-platform/reference/attachment-upload-api/);
 * - WhatsApp's media metadata `GET /{media-id}` (`{messaging_product, url, mime_type,
 *   sha256, file_size, id}`), whose `url` the worker then downloads;
 * - the download itself, `GET /dev/simulator/files/{id}`, also what the simulated phone
 *   shows. Served as an attachment, sniffing off, sandboxed: a file the worker uploads
 *   may be any type (HTML too) and must never run in the page's origin.
 */
import type { Context } from "hono";
import type { AppEnv } from "../env";
import type { GraphAccount } from "./accounts";
import { graphError } from "./graph-answers";
import { getMedia, headMedia, putMedia } from "./state";

/** Stored files sent back as they were uploaded, never rendered in our origin. */
export async function serveFile(c: Context<AppEnv>, id: string): Promise<Response> {
  const media = await getMedia(c.env.FILES, id);
  if (!media) return graphError(c, 404, 100, "The media does not exist.", "GraphMethodException");
  return new Response(media.body, {
    headers: {
      "Content-Type": media.contentType,
      "Content-Length": String(media.size),
      "Content-Disposition": `attachment; filename="${(media.name ?? id).replace(/[^\w.-]/g, "_")}"`,
      "X-Content-Type-Options": "nosniff",
      "Content-Security-Policy": "sandbox; default-src 'none'",
      "Cache-Control": "no-store",
    },
  });
}

/** The multipart form's `field` as a file, or null (the caller answers Meta's error). */
function fileIn(form: FormData | null, field: string): File | null {
  const part = form?.get(field);
  return part && typeof part !== "string" ? part : null;
}

export async function uploadWhatsappMedia(c: Context<AppEnv>, account: GraphAccount): Promise<Response> {
  const form = await c.req.formData().catch(() => null);
  if (form?.get("messaging_product") !== "whatsapp") return graphError(c, 400, 100, "(#100) The parameter messaging_product is required.");
  const file = fileIn(form, "file");
  if (!file) return graphError(c, 400, 100, "(#100) The parameter file is required.");
  const type = form.get("type");
  const contentType = typeof type === "string" && type ? type : file.type || "application/octet-stream";
  const id = await putMedia(c.env.FILES, account.inbox.id, await file.arrayBuffer(), contentType, file.name || null);
  return c.json({ id }, 200);
}

export async function uploadMetaAttachment(c: Context<AppEnv>, account: GraphAccount): Promise<Response> {
  const file = fileIn(await c.req.formData().catch(() => null), "filedata");
  if (!file) return graphError(c, 400, 100, "(#100) The parameter filedata is required.");
  const id = await putMedia(c.env.FILES, account.inbox.id, await file.arrayBuffer(), file.type || "application/octet-stream", file.name || null);
  return c.json({ attachment_id: id }, 200);
}

/** WhatsApp's metadata for a media id, or null when the id is not one of our files. */
export async function mediaMetadata(c: Context<AppEnv>, id: string) {
  const head = await headMedia(c.env.FILES, id);
  if (!head) return null;
  return {
    inboxId: head.inboxId,
    body: {
      messaging_product: "whatsapp",
      url: `${new URL(c.req.url).origin}/dev/simulator/files/${id}`,
      mime_type: head.contentType,
      sha256: head.sha256 ?? "",
      file_size: head.size,
      id,
    },
  };
}
