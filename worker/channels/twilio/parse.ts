/**
 * @module A verified Twilio webhook body (form-encoded) into normalized items: on the
 * main path an incoming SMS, MMS or WhatsApp message (and, for an opt-out or opt-in
 * keyword, a reachability item after it); on the "status" hook a status callback for one
 * of our messages. Twilio's webhooks carry no time of their own, so each item is dated
 * when it is received.
 */
import { z } from "zod";
import type { InboundItem, MediaKind, ParseResult, RemoteMedia } from "../types";
import { reachabilityOf } from "../../consent/keywords";
import { formParams } from "./signature";
import { IncomingMedia, IncomingMessage, StatusCallback } from "./webhook-schema";

/** A form body as one value per name (Twilio's message webhooks repeat none). */
function formObject(raw: string): Record<string, string> {
  return Object.fromEntries(formParams(raw));
}

function mediaKindOf(contentType: string): MediaKind {
  const type = contentType.split(";")[0]!.trim().toLowerCase();
  if (type.startsWith("image/")) return "image";
  if (type.startsWith("video/")) return "video";
  if (type.startsWith("audio/")) return "audio";
  if (type === "application/pdf") return "document";
  return "file";
}

/** The customer's phone number, without the `whatsapp:` prefix, when it is one. */
function phoneOf(address: string): string | null {
  const bare = address.replace(/^whatsapp:/, "");
  return /^\+[1-9]\d{1,14}$/.test(bare) ? bare : null;
}

function issue(path: string, message: string): z.core.$ZodIssue {
  return { code: "custom", path: [path], message, input: undefined } as z.core.$ZodIssue;
}

function parseIncoming(form: Record<string, string>, now: number): ParseResult {
  const parsed = IncomingMessage.safeParse(form);
  if (!parsed.success) return { ok: false, issues: parsed.error.issues };
  const message = parsed.data;
  const media: RemoteMedia[] = [];
  for (let i = 0; i < message.NumMedia; i++) {
    const file = IncomingMedia.safeParse({ url: form[`MediaUrl${i}`], contentType: form[`MediaContentType${i}`] });
    if (!file.success) return { ok: false, issues: [issue(`MediaUrl${i}`, `NumMedia is ${message.NumMedia} but media ${i} has no URL and content type`)] };
    media.push({ kind: mediaKindOf(file.data.contentType), ref: file.data.url, contentType: file.data.contentType });
  }
  const contact = { externalId: message.From, name: message.ProfileName?.trim() || null, phone: phoneOf(message.From) };
  const items: InboundItem[] = [{ type: "message", from: "contact", contact, providerAt: now, providerMessageId: message.MessageSid, body: message.Body, media }];
  const reachable = reachabilityOf(message.Body, message.OptOutType);
  if (reachable !== null) items.push({ type: "reachability", contact, providerAt: now, reachable, reason: "opted_out" });
  return { ok: true, items };
}

function parseStatus(form: Record<string, string>, now: number): ParseResult {
  const parsed = StatusCallback.safeParse(form);
  if (!parsed.success) return { ok: false, issues: parsed.error.issues };
  const { MessageSid, MessageStatus, To, ErrorCode } = parsed.data;
  const base = { type: "status" as const, contact: { externalId: To }, providerAt: now, providerMessageId: MessageSid };
  // The states of https://www.twilio.com/docs/messaging/api/message-resource#message-status-values:
  // queued, accepted, scheduled and sending say nothing new (our message is already
  // "sent" once Twilio took it); others we do not show are acknowledged and ignored.
  switch (MessageStatus) {
    case "sent":
    case "delivered":
    case "read":
      return { ok: true, items: [{ ...base, status: MessageStatus }] };
    case "undelivered":
    case "failed":
      return { ok: true, items: [{ ...base, status: "failed", error: ErrorCode ? `Twilio error ${ErrorCode}` : `Twilio reported the message ${MessageStatus}` }] };
    default:
      return { ok: true, items: [] };
  }
}

export function parseTwilio(raw: string, hook: string | null | undefined, now = Date.now()): ParseResult {
  const form = formObject(raw);
  return hook === "status" ? parseStatus(form, now) : parseIncoming(form, now);
}
