/**
 * @module A parsed mail as the room stores it: the visible text (trimmed of quoted
 * history by the parser, notes for attachments not kept appended), and its EmailContent
 * (subject, from/to/cc, Message-ID, the full text, the HTML part and original as files),
 * each field cut to the protocol's limits so the stored event always reads back.
 */
import { MAX_BODY_CHARS, truncateText, type EmailContent, type MailboxContent } from "../../protocol";
import type { RoomInboundItem } from "../types";
import type { MailFiles } from "./files";
import type { ParsedEmail } from "./parsed";

/** EmailContent's limits (protocol/message-content.ts). */
const MAX_SUBJECT_CHARS = 998;
const MAX_MAILBOXES = 100;
const MAX_ADDRESS_CHARS = 320;
const MAX_NAME_CHARS = 200;
const MAX_FULL_TEXT_CHARS = 100_000;
const MAX_MESSAGE_ID_CHARS = 998;

export function emailItem(parsed: ParsedEmail, providerMessageId: string, files: MailFiles, automatic: boolean, now: number): Extract<RoomInboundItem, { type: "message" }> {
  const content: EmailContent = {
    type: "email",
    subject: truncateText(parsed.subject, MAX_SUBJECT_CHARS),
    from: mailbox(parsed.from),
    to: parsed.to.slice(0, MAX_MAILBOXES).map(mailbox),
    cc: parsed.cc.slice(0, MAX_MAILBOXES).map(mailbox),
    messageId: parsed.messageId ? parsed.messageId.slice(0, MAX_MESSAGE_ID_CHARS) : null,
    fullText: parsed.fullText === null ? null : truncateText(parsed.fullText, MAX_FULL_TEXT_CHARS),
    htmlFileId: files.htmlFileId,
    rawFileId: files.rawFileId,
  };
  return {
    type: "message",
    from: "contact",
    providerMessageId,
    body: truncateText([parsed.text.trim(), ...files.notes].filter(Boolean).join("\n\n"), MAX_BODY_CHARS),
    attachments: files.attachments,
    // The sender's own name on the message: in a thread, a colleague the customer copied
    // may answer too.
    senderName: parsed.from.name || parsed.from.address || null,
    // Our clock, not the Date header: a sender's clock (or a forged date) must not move
    // the conversation's times.
    providerAt: now,
    content,
    replyTo: null,
    ...(automatic ? { automatic: true } : {}),
  };
}

function mailbox(m: MailboxContent): MailboxContent {
  return { address: m.address.slice(0, MAX_ADDRESS_CHARS), name: m.name ? truncateText(m.name, MAX_NAME_CHARS) : null };
}
