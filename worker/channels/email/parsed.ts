/**
 * @module An inbound e-mail as the rest of the e-mail channel sees it, once parsed from
 * its raw MIME (./parse.ts, postal-mime) and classified: who it is from and to, what
 * threads it, what the customer wrote (trimmed of quoted history and signatures, the full
 * text kept), its files, and whether it is automatic mail that must never open a
 * conversation. The contract between parsing and the `email()` handler (./receive.ts).
 */
import type { MailboxContent } from "../../protocol";

export interface ParsedAttachment {
  name: string;
  contentType: string;
  /** Inline images referenced from the HTML part by `cid:`. */
  inline: boolean;
  contentId: string | null;
  bytes: ArrayBuffer;
}

/** Why a message is automatic (an auto-reply, a bounce, list mail): stored at most into an
 * existing conversation, never opening or reopening one, never answered automatically. */
export type AutomaticReason = "auto-submitted" | "autoreply-header" | "precedence" | "mailing-list" | "empty-return-path" | "delivery-status";

/** A delivery status notification about one of our own replies. */
export interface DeliveryReport {
  /** The Message-ID of the message that bounced (ours, without angle brackets). */
  originalMessageId: string | null;
  /** "failed" for a permanent failure (5.x.x), "delayed" for a transient one. */
  action: "failed" | "delayed" | "delivered" | "other";
  /** The DSN's diagnostic, short ("550 5.1.1 user unknown"). */
  reason: string;
}

export interface ParsedEmail {
  /** Without angle brackets; null when the sender set none. */
  messageId: string | null;
  inReplyTo: string[];
  references: string[];
  subject: string;
  from: MailboxContent;
  to: MailboxContent[];
  cc: MailboxContent[];
  /** Delivered-To headers, for routing after the envelope and To/Cc. */
  deliveredTo: string[];
  /** Date header, epoch ms (null when absent or unreadable). */
  date: number | null;
  /** The visible text: the text part (or text from the HTML part), quoted history and
   * signature trimmed. */
  text: string;
  /** The whole text when trimming removed something, else null. */
  fullText: string | null;
  html: string | null;
  attachments: ParsedAttachment[];
  /** Set when the message is automatic (first reason found). */
  automatic: AutomaticReason | null;
  /** Set for a DSN (multipart/report; report-type=delivery-status). */
  report: DeliveryReport | null;
}
