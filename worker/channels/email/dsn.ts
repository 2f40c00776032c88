/**
 * @module A delivery status notification (RFC 3464, in a multipart/report of RFC 6522)
 * read for what the channel needs: which of our messages bounced, what happened to it
 * (Action) and why (Diagnostic-Code, else Status). Non-standard bounces (plain-text
 * qmail-style) are not read here; they are still automatic by their empty Return-Path.
 */
import type { Attachment } from "postal-mime";
import type { DeliveryReport } from "./parsed";
import { messageIdOf } from "./addresses";
import { fieldBlocks, type FieldBlock } from "./header-fields";

/** The status part: RFC 3464 §2, and RFC 6533 §6.2's UTF-8 variant. */
const STATUS_TYPES = new Set(["message/delivery-status", "message/global-delivery-status"]);
/** The returned message or its header: RFC 3462/6522 §3 (text/rfc822-headers), RFC 3464
 * §2 (message/rfc822), RFC 6533 §6.3–6.4 (message/global, message/global-headers). */
const RETURNED_TYPES = new Set(["message/rfc822", "text/rfc822-headers", "message/global", "message/global-headers"]);
/** Every part a DSN carries as evidence rather than content. */
export const REPORT_PART_TYPES = new Set([...STATUS_TYPES, ...RETURNED_TYPES]);

/** DeliveryEvent.error holds at most 500 characters (worker/protocol/events.ts). */
const MAX_REASON = 500;
/** Only the header of the returned message is read; RFC 5322 puts no bound on a header
 * but 64 KiB is far beyond any real one, and decoding no more keeps the cost flat. */
const MAX_RETURNED_HEADER = 64 * 1024;

const utf8 = new TextDecoder("utf-8");

function bytesOf(content: Attachment["content"]): Uint8Array {
  if (typeof content === "string") return new TextEncoder().encode(content);
  return content instanceof Uint8Array ? content : new Uint8Array(content);
}

const ACTIONS: Record<string, DeliveryReport["action"]> = { failed: "failed", delayed: "delayed", delivered: "delivered" };

/** "smtp; 550 5.1.1 user unknown" → "550 5.1.1 user unknown" (RFC 3464 §2.3.6: a
 * diagnostic-type, a semicolon, then the text). */
function withoutType(value: string): string {
  const semicolon = value.indexOf(";");
  return (semicolon >= 0 && semicolon < 20 ? value.slice(semicolon + 1) : value).trim();
}

function reasonOf(recipient: FieldBlock): string {
  const diagnostic = withoutType(recipient.get("diagnostic-code") ?? "");
  const status = (recipient.get("status") ?? "").split(/\s/)[0] ?? "";
  const reason = diagnostic && status && !diagnostic.includes(status) ? `${diagnostic} (${status})` : diagnostic || (status ? `status ${status}` : "");
  return reason.slice(0, MAX_REASON);
}

/** The id in the message/delivery-status fields some MTAs add (Exchange's
 * X-Original-Message-ID, the Original-Message-ID of a few others). */
function idInStatus(blocks: readonly FieldBlock[]): string | null {
  for (const block of blocks) {
    const value = block.get("original-message-id") ?? block.get("x-original-message-id");
    const id = messageIdOf(value);
    if (id) return id;
  }
  return null;
}

/** The Message-ID in the header of the returned message (its first block of fields). */
function idInReturned(part: Attachment): string | null {
  const bytes = bytesOf(part.content);
  const head = utf8.decode(bytes.subarray(0, MAX_RETURNED_HEADER));
  const end = head.search(/\r?\n\r?\n/);
  const [fields] = fieldBlocks(end >= 0 ? head.slice(0, end) : head, 1);
  return messageIdOf(fields?.get("message-id"));
}

/** The report of a DSN, from its parts (postal-mime keeps every part of a multipart/report
 * as an attachment); null when it carries no status part. */
export function deliveryReportOf(parts: readonly Attachment[]): DeliveryReport | null {
  const statusPart = parts.find((p) => STATUS_TYPES.has(p.mimeType.toLowerCase()));
  if (!statusPart) return null;
  const blocks = fieldBlocks(utf8.decode(bytesOf(statusPart.content)));
  // The first block is per-message (Reporting-MTA …); each next one is per recipient. We
  // send to one customer address per reply, so the first recipient that failed (else the
  // first with an Action) speaks for the message.
  const recipients = blocks.slice(1).filter((b) => b.has("action"));
  const recipient = recipients.find((b) => mainAction(b) === "failed") ?? recipients[0] ?? new Map<string, string>();
  const returned = parts.find((p) => RETURNED_TYPES.has(p.mimeType.toLowerCase()));
  return {
    originalMessageId: idInStatus(blocks) ?? (returned ? idInReturned(returned) : null),
    action: ACTIONS[mainAction(recipient)] ?? "other",
    reason: reasonOf(recipient),
  };
}

function mainAction(block: FieldBlock): string {
  // RFC 3464 §2.3.3: the action may carry a comment, "failed (bad destination mailbox)".
  return (block.get("action") ?? "").split(/[\s(]/)[0]!.toLowerCase();
}
