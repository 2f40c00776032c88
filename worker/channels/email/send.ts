/**
 * @module An agent's reply, out through Cloudflare Email Service's `send_email` binding
 * (https://developers.cloudflare.com/email-service/api/send-emails/workers-api/): from
 * the inbox address the conversation came in on with the stored display name, to the
 * customer with the Cc the agent chose, `Re:` the subject, threaded by In-Reply-To and
 * References, a reply-to carrying our token, a plain-text and an escaped HTML part, and
 * the files from R2. One call per attempt; the delivery queue never repeats a send that
 * succeeded. The send's provider id is the Message-ID Email Service gave the mail (it
 * refuses one from us), so a bounce that names it maps back to this reply.
 *
 * Email Service takes no idempotency key: if the room dies after the service accepted a
 * mail but before the outcome is stored, the alarm sends it again (the delivery queue's
 * documented at-least-once edge; a send that returned is never repeated).
 */
import type { EmailSettings } from "../../protocol";
import type { OutboundMessage, ProviderContext, SendResult } from "../types";
import { htmlPart, textPart } from "./html-body";
import { BASE64_GROWTH, MAX_CC, MAX_MESSAGE_BYTES } from "./limits";
import { referencesHeader, threadingHeaders } from "./mime-headers";
import { replyTokenAddress, threadMarkerId } from "./reply-token";
import { sendFailure } from "./send-errors";

/** Where the room's files live in R2 (worker/channels/webchat/files.ts). */
const FILE_KEY_PREFIX = "files/";

type Attachments = NonNullable<EmailMessageBuilder["attachments"]>;

/** The reply's files, read from R2; or the reason the reply cannot go. */
async function loadAttachments(message: OutboundMessage, files: R2Bucket): Promise<{ ok: true; list: Attachments } | { ok: false; reason: string }> {
  const list: Attachments = [];
  for (const attachment of message.attachments) {
    const object = await files.get(FILE_KEY_PREFIX + attachment.id);
    if (!object) return { ok: false, reason: `${attachment.name} is no longer stored` };
    list.push({
      disposition: "attachment",
      filename: attachment.name,
      type: attachment.contentType.split(";")[0]!.trim() || "application/octet-stream",
      content: await object.arrayBuffer(),
    });
  }
  return { ok: true, list };
}

/** RFC 8058 one-click unsubscribe, for marketing mail: the https URL (POSTed to with
 * `List-Unsubscribe=One-Click`) and the header saying the POST alone unsubscribes. Both
 * are on Email Service's allowlist; the Post header must be exactly this value
 * (https://developers.cloudflare.com/email-service/reference/headers/). */
function listUnsubscribeHeaders(url: string | undefined): Record<string, string> {
  return url ? { "List-Unsubscribe": `<${url}>`, "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" } : {};
}

/** A Message-ID as the inbound side stores it: without angle brackets. */
function bareId(id: string): string {
  return id.trim().replace(/^<|>$/g, "");
}

export async function sendEmailReply(message: OutboundMessage, ctx: ProviderContext<"email">): Promise<SendResult> {
  const settings: EmailSettings = ctx.config.settings;
  // An admin can still add the binding: retried until the queue gives up (a day).
  if (!ctx.mail) return { outcome: "retry", reason: "e-mail cannot be sent: the Worker has no send_email binding named EMAIL", retryAfterMs: null };
  const email = message.email;
  if (!email) return { outcome: "failed", reason: "the reply has no e-mail envelope (from, to, subject)" };
  const { content } = email;
  const from = content.from.address || settings.addresses[0] || "";
  if (!from.includes("@")) return { outcome: "failed", reason: "the inbox has no address to send from" };
  const to = content.to.length > 0 ? content.to.map((m) => m.address) : [message.recipient];
  const cc = content.cc.map((m) => m.address).filter((a) => !to.includes(a));
  if (cc.length > MAX_CC) return { outcome: "failed", reason: `too many recipients: Cc may name at most ${MAX_CC} (Email Service takes 50 per message)` };

  const estimated = message.attachments.reduce((sum, a) => sum + a.size, 0) * BASE64_GROWTH + message.body.length * 2 + 16_384;
  if (estimated > MAX_MESSAGE_BYTES) return { outcome: "failed", reason: "the attachments are too large for e-mail: Email Service takes 5 MiB per message, attachments included" };
  const files = await loadAttachments(message, ctx.files);
  if (!files.ok) return { outcome: "failed", reason: files.reason };

  const marker = threadMarkerId(message.conversationId, message.seq, from);
  const references = referencesHeader(marker, [...email.references, ...(email.inReplyTo ? [email.inReplyTo] : [])]);
  const replyTo = replyTokenAddress(from, message.conversationId);
  const builder: EmailMessageBuilder = {
    from: content.from.name ? { email: from, name: content.from.name } : from,
    to,
    ...(cc.length > 0 ? { cc } : {}),
    ...(replyTo ? { replyTo } : {}),
    subject: content.subject,
    text: textPart(message.body, settings.signature),
    html: htmlPart(message.body, settings.signature),
    headers: { ...threadingHeaders(email.inReplyTo, references), ...listUnsubscribeHeaders(content.listUnsubscribe) },
    ...(files.list.length > 0 ? { attachments: files.list } : {}),
  };
  let sent: EmailSendResult;
  try {
    sent = await ctx.mail.send(builder);
  } catch (err) {
    return sendFailure(err);
  }
  // Email Service always answers an id; our marker stands in should one ever be empty.
  return { outcome: "sent", providerMessageId: bareId(sent?.messageId ?? "") || marker };
}
