/**
 * @module Sending an agent's message to a Telegram chat: sendMessage for text (split past
 * 4096 characters), sendPhoto / sendVoice / sendDocument for files uploaded from R2
 * (https://core.telegram.org/bots/api#sendmessage, #sendphoto, #sendvoice, #senddocument).
 * A reply quotes the customer's message with `reply_parameters` (#replyparameters).
 *
 * Telegram takes no idempotency key: a retry after a lost answer may repeat a message,
 * so a failure after some parts went out is final (the agent sees which part failed)
 * rather than a retry that would repeat the parts already delivered.
 */
import { z } from "zod";
import type { Attachment } from "../../protocol";
import type { OutboundMessage, SendResult } from "../types";
import { splitText } from "../whatsapp/outbound-plan";
import { botFailure, callBot, resultOf, tryBot, type TelegramContext } from "./bot-api";
import { baseMimeType, MAX_CAPTION_CHARS, MAX_FILE_UPLOAD_BYTES, MAX_PHOTO_UPLOAD_BYTES, MAX_TEXT_CHARS, PHOTO_TYPES, VOICE_TYPES } from "./limits";
import { providerIdOf } from "./parse";
import { uploadCall } from "./upload";

const SentMessage = z.object({ message_id: z.number().int(), chat: z.object({ id: z.number().int() }) });

type Part = { type: "text"; text: string } | { type: "file"; attachment: Attachment; caption: string | null };

/** The method and field a file goes out with: a photo Telegram takes as one, a voice
 * note, or else a document (any type, up to 50 MB). */
function fileMethod(attachment: Attachment): { method: string; field: string } {
  const type = baseMimeType(attachment.contentType);
  if (PHOTO_TYPES.has(type) && attachment.size <= MAX_PHOTO_UPLOAD_BYTES) return { method: "sendPhoto", field: "photo" };
  if (VOICE_TYPES.has(type)) return { method: "sendVoice", field: "voice" };
  return { method: "sendDocument", field: "document" };
}

/** The parts of a message, in order: the text rides as the first file's caption when it
 * fits one, else it goes first as text messages of at most 4096 characters. */
function planOf(message: OutboundMessage): { ok: true; parts: Part[] } | { ok: false; reason: string } {
  if (message.template) return { ok: false, reason: "Telegram has no message templates" };
  for (const a of message.attachments) {
    if (a.size > MAX_FILE_UPLOAD_BYTES) return { ok: false, reason: `${a.name} is larger than Telegram's 50 MB limit for a bot's uploads` };
  }
  const files: Part[] = message.attachments.map((attachment) => ({ type: "file", attachment, caption: null }));
  const body = message.body.trim();
  const first = files[0];
  if (body && first?.type === "file" && body.length <= MAX_CAPTION_CHARS) {
    first.caption = body;
    return { ok: true, parts: files };
  }
  const texts: Part[] = body ? splitText(body, MAX_TEXT_CHARS).map((text) => ({ type: "text", text })) : [];
  const parts = [...texts, ...files];
  return parts.length > 0 ? { ok: true, parts } : { ok: false, reason: "nothing to send: no text or file" };
}

/** A bot's options as a one-time reply keyboard under its last text part: a tap sends the
 * button's text as an ordinary message ("1. Financeiro"), which the menu bot reads by its
 * number, so no callback query has to be handled. One button per row; Telegram allows up
 * to 100 buttons per keyboard (https://core.telegram.org/bots/api#replykeyboardmarkup) and
 * the menu bot at most 10. */
function keyboardOf(message: OutboundMessage): Record<string, unknown> | null {
  if (!message.options || message.attachments.length > 0) return null;
  return {
    keyboard: message.options.options.map((o, i) => [{ text: `${i + 1}. ${o.title}` }]),
    one_time_keyboard: true,
    resize_keyboard: true,
  };
}

/** The quoted message's id within the recipient's chat, if it is one of that chat's. */
function quotedId(message: OutboundMessage): number | null {
  const match = /^(-?\d+):(\d+)$/.exec(message.replyTo ?? "");
  return match && match[1] === message.recipient ? Number(match[2]) : null;
}

async function sendPart(message: OutboundMessage, part: Part, quote: number | null, ctx: TelegramContext, keyboard: Record<string, unknown> | null = null): Promise<SendResult> {
  // A quoted message the customer deleted must not make the reply fail.
  const reply = quote === null ? null : { message_id: quote, allow_sending_without_reply: true };
  const answer =
    part.type === "text"
      ? await tryBot(ctx, () =>
          callBot(ctx, "sendMessage", { chat_id: message.recipient, text: part.text, ...(reply ? { reply_parameters: reply } : {}), ...(keyboard ? { reply_markup: keyboard } : {}) }),
        )
      : await (() => {
          const { method, field } = fileMethod(part.attachment);
          const fields: Record<string, string> = { chat_id: message.recipient };
          if (part.caption) fields.caption = part.caption;
          if (reply) fields.reply_parameters = JSON.stringify(reply);
          return uploadCall(ctx, method, fields, field, part.attachment);
        })();
  if (!answer.ok) return answer.result;
  if (!answer.res.ok) return botFailure(answer.res, ctx);
  const sent = await resultOf(answer.res, SentMessage);
  // A 2xx without a message: Telegram took the request, so a retry could repeat it.
  if (!sent) return { outcome: "failed", reason: "Telegram accepted the message but returned no message id" };
  return { outcome: "sent", providerMessageId: providerIdOf(sent.chat.id, sent.message_id) };
}

export async function sendTelegram(message: OutboundMessage, ctx: TelegramContext): Promise<SendResult> {
  const plan = planOf(message);
  if (!plan.ok) return { outcome: "failed", reason: plan.reason };
  const quote = quotedId(message);
  let firstId: string | null = null;
  for (const [index, part] of plan.parts.entries()) {
    // Only the first part quotes: the customer sees one reply, then its continuation.
    const last = index === plan.parts.length - 1;
    const result = await sendPart(message, part, index === 0 ? quote : null, ctx, last ? keyboardOf(message) : null);
    if (result.outcome !== "sent") {
      if (index === 0) return result;
      return { outcome: "failed", reason: `${index} of ${plan.parts.length} parts went out; then: ${result.reason}` };
    }
    firstId ??= result.providerMessageId;
  }
  return { outcome: "sent", providerMessageId: firstId! };
}
