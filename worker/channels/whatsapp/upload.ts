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
import { multipartFromR2 } from "../multipart-upload";

const UploadAnswer = z.object({ id: z.string().min(1) });

export async function uploadMedia(ctx: WhatsappContext, attachment: Attachment): Promise<{ ok: true; mediaId: string } | { ok: false; result: SendResult }> {
  const upload = await multipartFromR2(ctx.files, attachment, baseMimeType(attachment.contentType), { messaging_product: "whatsapp", type: baseMimeType(attachment.contentType) }, "file");
  if (!upload) return { ok: false, result: { outcome: "failed", reason: `${attachment.name} is no longer stored` } };
  const answer = await tryGraph(() =>
    graphFetch(ctx, `${ctx.config.settings.phoneNumberId}/media`, {
      method: "POST",
      headers: { "Content-Type": upload.contentType },
      body: upload.body,
    }),
  );
  if (!answer.ok) return answer;
  if (!answer.res.ok) return { ok: false, result: await graphFailure(answer.res, ctx) };
  const parsed = UploadAnswer.safeParse(await answer.res.json().catch(() => null));
  if (!parsed.success) return { ok: false, result: { outcome: "retry", reason: "WhatsApp's upload answer had no media id", retryAfterMs: null } };
  return { ok: true, mediaId: parsed.data.id };
}
