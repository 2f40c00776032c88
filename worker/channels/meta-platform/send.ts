/**
 * @module Sending an agent's message through the Send API: `POST /{page-id}/messages`
 * (https://developers.facebook.com/docs/messenger-platform/reference/send-api; Instagram
 * goes through the page it is linked to,
 * https://developers.facebook.com/docs/messenger-platform/instagram/features/send-message),
 * one call per part of the plan (./outbound-plan.ts).
 *
 * - Within 24 hours of the customer's last message: `messaging_type: RESPONSE`. Past it,
 *   the delivery queue sets `tag` (HUMAN_AGENT, ../types.ts ServiceWindow) and the send
 *   goes as `MESSAGE_TAG` with that tag.
 * - Files upload and send in one call (multipart `filedata` beside `recipient` and
 *   `message`: the "upload and send in one step" of
 *   https://developers.facebook.com/documentation/business-messaging/messenger-platform/send-messages/saving-assets),
 *   so no reusable attachment id is left behind to expire.
 * - Messenger: every part carries our message id as `metadata`, which Meta echoes back in
 *   message_echoes with our app id: the parser then knows the echo is ours. Instagram's
 *   send documents no `metadata`, so none is sent there.
 * - Meta takes no idempotency key: a retry after a lost answer may repeat a message, so a
 *   failure after some parts went out is final (the agent sees which part failed) rather
 *   than a retry that would repeat the parts already delivered.
 * - Quoting a message (reply_to) is not in the current Send API reference, so replies go
 *   out unquoted; the console still shows what the agent answered.
 */
import { z } from "zod";
import type { OutboundMessage, SendResult } from "../types";
import { graphFailure, graphFetch, tryGraph, type PlatformContext } from "./graph";
import { MAX_METADATA_CHARS } from "./limits";
import { planMessage, type OutboundPart } from "./outbound-plan";

const SendAnswer = z.object({ message_id: z.string().min(1) });

/** Where uploads and inbound media live in R2 (worker/channels/webchat/files.ts, ../inbound-media.ts). */
const FILE_KEY_PREFIX = "files/";

/** What every part says besides its content: who, why it may go now, and (Messenger)
 * the metadata that marks its echo as ours. */
function envelope(message: OutboundMessage, ctx: PlatformContext) {
  const tagged = message.tag ? { messaging_type: "MESSAGE_TAG", tag: message.tag } : { messaging_type: "RESPONSE" };
  const metadata = ctx.config.kind === "messenger" && message.messageId.length <= MAX_METADATA_CHARS ? { metadata: message.messageId } : {};
  return { recipient: { id: message.recipient }, ...tagged, metadata };
}

/** A file name Meta takes: Instagram refuses non-ASCII names for uploads
 * (…/instagram-messaging/features/attachment-upload, "Limitations"). */
function asciiName(name: string): string {
  return name.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_").slice(0, 200) || "file";
}

function textRequest(message: OutboundMessage, text: string, ctx: PlatformContext): RequestInit {
  const { recipient, metadata, ...tagged } = envelope(message, ctx);
  return {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ recipient, ...tagged, message: { text, ...metadata } }),
  };
}

async function attachmentRequest(message: OutboundMessage, part: Extract<OutboundPart, { type: "attachment" }>, ctx: PlatformContext): Promise<RequestInit | SendResult> {
  const object = await ctx.files.get(FILE_KEY_PREFIX + part.attachment.id);
  if (!object) return { outcome: "failed", reason: `${part.attachment.name} is no longer stored` };
  // At most 25 MB (planMessage refused larger): held in memory for the form, well within
  // a Worker's 128 MB.
  const bytes = await object.arrayBuffer();
  const { recipient, metadata, ...tagged } = envelope(message, ctx);
  const form = new FormData();
  form.set("recipient", JSON.stringify(recipient));
  for (const [key, value] of Object.entries(tagged)) form.set(key, value);
  form.set("message", JSON.stringify({ attachment: { type: part.as, payload: { is_reusable: false } }, ...metadata }));
  form.set("filedata", new File([bytes], asciiName(part.attachment.name), { type: part.attachment.contentType }));
  return { method: "POST", body: form };
}

async function sendPart(message: OutboundMessage, part: OutboundPart, ctx: PlatformContext): Promise<SendResult> {
  const init = part.type === "text" ? textRequest(message, part.text, ctx) : await attachmentRequest(message, part, ctx);
  if ("outcome" in init) return init;
  const answer = await tryGraph(() => graphFetch(ctx, `${ctx.config.settings.pageId}/messages`, init));
  if (!answer.ok) return answer.result;
  if (!answer.res.ok) return graphFailure(answer.res, ctx);
  const parsed = SendAnswer.safeParse(await answer.res.json().catch(() => null));
  // A 2xx without a message id: Meta took the request, so a retry could repeat it.
  if (!parsed.success) return { outcome: "failed", reason: "Meta accepted the message but returned no message id" };
  return { outcome: "sent", providerMessageId: parsed.data.message_id };
}

export async function sendMetaPlatform(message: OutboundMessage, ctx: PlatformContext): Promise<SendResult> {
  const plan = planMessage(message, ctx.config.kind);
  if (!plan.ok) return { outcome: "failed", reason: plan.reason };
  let firstId: string | null = null;
  for (const [index, part] of plan.parts.entries()) {
    const result = await sendPart(message, part, ctx);
    if (result.outcome !== "sent") {
      if (index === 0) return result;
      return { outcome: "failed", reason: `${index} of ${plan.parts.length} parts went out; then: ${result.reason}`.slice(0, 500) };
    }
    firstId ??= result.providerMessageId;
  }
  return { outcome: "sent", providerMessageId: firstId! };
}
