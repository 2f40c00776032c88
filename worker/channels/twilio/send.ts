/**
 * @module Sending an agent's reply through Twilio's Messages API:
 * `POST /2010-04-01/Accounts/{sid}/Messages.json`, form-encoded, with `To`, `From` (or
 * `MessagingServiceSid`), `Body`, `MediaUrl` and `StatusCallback`
 * (https://www.twilio.com/docs/messaging/api/message-resource#create-a-message-resource).
 *
 * Files: Twilio fetches each MediaUrl itself, and our files are private, so each gets a
 * signed link of the web chat's download route that works for an hour
 * (ProviderContext.fileLink). Without a public origin for the inbox (neither
 * `publicBaseUrl` nor the origin remembered when it was saved) no link can be made: the
 * files' names go in the text instead, and the message says so.
 *
 * Twilio takes no idempotency key: a retry after a lost answer may repeat a message, so a
 * failure after some parts of a long reply went out is final (the agent sees which part)
 * rather than a retry that would repeat the parts already delivered.
 */
import { z } from "zod";
import type { Attachment } from "../../protocol";
import { failedSend, networkError } from "../send-outcome";
import type { OutboundMessage, SendResult } from "../types";
import { ERROR_UNSUBSCRIBED, MEDIA_LINK_TTL_MS, type TwilioContext } from "./limits";
import { attachmentsRefusal, bodiesOf } from "./outbound-plan";
import { accountPath, twilioErrorOf, twilioPostForm } from "./rest";

const SendAnswer = z.object({ sid: z.string().min(1).max(64) });

/** The origin Twilio reaches us at: the inbox's override, else the one it was saved from. */
export function publicOriginOf(ctx: TwilioContext): string | null {
  const { publicBaseUrl, callbackOrigin } = ctx.config.settings;
  return publicBaseUrl || callbackOrigin || null;
}

/** Where Twilio posts this inbox's status callbacks (the "status" hook). */
export function statusCallbackUrl(ctx: TwilioContext): string | null {
  const origin = publicOriginOf(ctx);
  return origin ? `${origin}/webhooks/twilio/${encodeURIComponent(ctx.config.inboxId)}/status` : null;
}

function senderOf(ctx: TwilioContext): [string, string] {
  const { medium, from, messagingServiceSid } = ctx.config.settings;
  if (messagingServiceSid) return ["MessagingServiceSid", messagingServiceSid];
  return ["From", medium === "whatsapp" ? `whatsapp:${from}` : from];
}

/** The customer's address as Twilio takes it: as they wrote from (`whatsapp:` included). */
function recipientOf(message: OutboundMessage, ctx: TwilioContext): string {
  const to = message.recipient;
  return ctx.config.settings.medium === "whatsapp" && !to.startsWith("whatsapp:") ? `whatsapp:${to}` : to;
}

/** Signed links to `attachments`, or null when the inbox has no public origin. */
async function mediaUrls(attachments: Attachment[], ctx: TwilioContext): Promise<string[] | null> {
  const origin = publicOriginOf(ctx);
  if (!origin || !ctx.fileLink) return null;
  return Promise.all(attachments.map(async (a) => origin + (await ctx.fileLink!(a.id, MEDIA_LINK_TTL_MS))));
}

async function sendOne(form: URLSearchParams, ctx: TwilioContext): Promise<SendResult> {
  let res: Response;
  try {
    res = await twilioPostForm(ctx, `${accountPath(ctx)}/Messages.json`, form);
  } catch (err) {
    return networkError(err);
  }
  if (!res.ok) {
    const error = await twilioErrorOf(res, ctx);
    if (error.code === ERROR_UNSUBSCRIBED) return { outcome: "failed", reason: `the customer has opted out of messages from this number (${error.reason})` };
    return failedSend(res, error.reason);
  }
  const answer = SendAnswer.safeParse(await res.json().catch(() => null));
  // A 2xx without a sid: Twilio took the request, so a retry could repeat it.
  if (!answer.success) return { outcome: "failed", reason: "Twilio accepted the message but returned no message SID" };
  return { outcome: "sent", providerMessageId: answer.data.sid };
}

export async function sendTwilio(message: OutboundMessage, ctx: TwilioContext): Promise<SendResult> {
  const refusal = attachmentsRefusal(message.attachments);
  if (refusal) return { outcome: "failed", reason: refusal };
  const urls = message.attachments.length > 0 ? await mediaUrls(message.attachments, ctx) : [];
  const note = urls === null ? `[Files not sent: ${message.attachments.map((a) => a.name).join(", ")}]` : "";
  const bodies = bodiesOf([message.body.trim(), note].filter(Boolean).join("\n"));
  const callback = statusCallbackUrl(ctx);
  let firstSid: string | null = null;
  for (const [index, body] of bodies.entries()) {
    const form = new URLSearchParams([["To", recipientOf(message, ctx)], senderOf(ctx)]);
    if (body) form.append("Body", body);
    if (index === 0) for (const url of urls ?? []) form.append("MediaUrl", url);
    // Receipts for the first part only: it is the one the reply's delivery state follows.
    if (index === 0 && callback) form.append("StatusCallback", callback);
    const result = await sendOne(form, ctx);
    if (result.outcome !== "sent") {
      if (index === 0) return result;
      return { outcome: "failed", reason: `${index} of ${bodies.length} parts went out; then: ${result.reason}` };
    }
    firstSid ??= result.providerMessageId;
  }
  return { outcome: "sent", providerMessageId: firstSid! };
}
