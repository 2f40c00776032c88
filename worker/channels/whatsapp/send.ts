/**
 * @module Sending an agent's message through the Cloud API: `POST /{phone-number-id}/messages`
 * (https://developers.facebook.com/documentation/business-messaging/whatsapp/reference/whatsapp-business-phone-number/message-api),
 * one call per part of the plan (./outbound-plan.ts), files uploaded from R2 first.
 *
 * Every part carries our message id as `biz_opaque_callback_data`, which WhatsApp echoes
 * in the status webhooks, so receipts find the message even when a send's answer was lost.
 * WhatsApp takes no idempotency key: a retry after a lost answer may repeat a message,
 * which is why a failure after some parts went out is final (the agent sees which part
 * failed) rather than a retry that would repeat the parts already delivered.
 */
import { z } from "zod";
import type { OutboundMessage, SendResult } from "../types";
import { graphFailure, graphFetch, tryGraph, type WhatsappContext } from "./graph";
import { planMessage, type OutboundPart } from "./outbound-plan";
import { consentButtonPayload } from "../../consent/template-button";
import { uploadMedia } from "./upload";

const SendAnswer = z.object({ messages: z.array(z.object({ id: z.string().min(1) })).min(1) });

/** A wa_id is the customer's phone number, digits only; anything else is a business-scoped
 * user id (e.g. "US.13491208655302741918"), which goes in `recipient` instead of `to`
 * (https://developers.facebook.com/documentation/business-messaging/whatsapp/business-scoped-user-ids). */
function addressOf(recipient: string): { to: string } | { recipient: string } {
  return /^\d+$/.test(recipient) ? { to: recipient } : { recipient };
}

/** The Graph payload of one part; `mediaId` for a media part, once uploaded. */
function partPayload(message: OutboundMessage, part: OutboundPart, mediaId: string | null, quote: boolean): Record<string, unknown> {
  const base: Record<string, unknown> = {
    messaging_product: "whatsapp",
    recipient_type: "individual",
    ...addressOf(message.recipient),
    biz_opaque_callback_data: message.messageId,
  };
  if (quote && message.replyTo) base.context = { message_id: message.replyTo };
  switch (part.type) {
    case "text":
      return { ...base, type: "text", text: { body: part.body } };
    case "template": {
      const { name, language, parameters, optInButton } = part.template;
      const components: Record<string, unknown>[] = [];
      if (parameters.length > 0) components.push({ type: "body", parameters: parameters.map((text) => ({ type: "text", text })) });
      // The opt-in button's payload names the purpose; the tap returns it (type "button").
      if (optInButton) components.push({ type: "button", sub_type: "quick_reply", index: String(optInButton.index), parameters: [{ type: "payload", payload: consentButtonPayload(optInButton.purposeKey) }] });
      return { ...base, type: "template", template: { name, language: { code: language }, ...(components.length > 0 ? { components } : {}) } };
    }
    case "interactive":
      return { ...base, type: "interactive", interactive: part.interactive };
    case "media": {
      const media: Record<string, unknown> = { id: mediaId };
      if (part.caption) media.caption = part.caption;
      if (part.kind === "document") media.filename = part.attachment.name;
      return { ...base, type: part.kind, [part.kind]: media };
    }
  }
}

async function sendPart(message: OutboundMessage, part: OutboundPart, quote: boolean, ctx: WhatsappContext): Promise<SendResult> {
  let mediaId: string | null = null;
  if (part.type === "media") {
    const upload = await uploadMedia(ctx, part.attachment);
    if (!upload.ok) return upload.result;
    mediaId = upload.mediaId;
  }
  const answer = await tryGraph(() =>
    graphFetch(ctx, `${ctx.config.settings.phoneNumberId}/messages`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(partPayload(message, part, mediaId, quote)),
    }),
  );
  if (!answer.ok) return answer.result;
  if (!answer.res.ok) return graphFailure(answer.res, ctx);
  const parsed = SendAnswer.safeParse(await answer.res.json().catch(() => null));
  // A 2xx without a message id: WhatsApp took the request, so a retry could repeat it.
  if (!parsed.success) return { outcome: "failed", reason: "WhatsApp accepted the message but returned no message id" };
  return { outcome: "sent", providerMessageId: parsed.data.messages[0]!.id };
}

export async function sendWhatsapp(message: OutboundMessage, ctx: WhatsappContext): Promise<SendResult> {
  const plan = planMessage(message);
  if (!plan.ok) return { outcome: "failed", reason: plan.reason };
  let firstId: string | null = null;
  for (const [index, part] of plan.parts.entries()) {
    // Only the first part quotes: the customer sees one reply, then its continuation.
    const result = await sendPart(message, part, index === 0, ctx);
    if (result.outcome !== "sent") {
      if (index === 0) return result;
      return { outcome: "failed", reason: `${index} of ${plan.parts.length} parts went out; then: ${result.reason}` };
    }
    firstId ??= result.providerMessageId;
  }
  return { outcome: "sent", providerMessageId: firstId! };
}
