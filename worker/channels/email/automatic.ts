/**
 * @module Whether an inbound e-mail is automatic (an auto-reply, a bounce, list mail):
 * such mail is never allowed to open or reopen a conversation nor to trigger an automatic
 * answer, which is how mail loops between two auto-responders are broken (RFC 3834 §2).
 */
import type { Header } from "postal-mime";
import type { AutomaticReason } from "./parsed";
import { headerParam, headerValue, mainValue } from "./header-fields";

/** The reason the message's own header gives, first match in order of strength: a DSN
 * first (the handler also needs its report), list mail last (the inbox's
 * listMailIsAutomatic decides what the caller does with it). */
export function automaticReason(headers: readonly Header[]): AutomaticReason | null {
  const contentType = headerValue(headers, "content-type");
  if (mainValue(contentType) === "multipart/report") {
    // RFC 3464 DSNs, and the other machine reports of RFC 6522 (RFC 8098 read receipts,
    // RFC 5965 abuse reports): none is a person writing.
    return headerParam(contentType, "report-type") === "delivery-status" ? "delivery-status" : "auto-submitted";
  }
  // RFC 3834 §5: "no" is the only value a person's mail carries; anything else
  // (auto-generated, auto-replied, auto-notified, or an unknown keyword) is automatic.
  const autoSubmitted = headerValue(headers, "auto-submitted");
  if (autoSubmitted !== null && mainValue(autoSubmitted) !== "no") return "auto-submitted";
  // Non-standard but common vacation-responder markers (Exchange, cPanel, old Sendmail
  // vacation): present at all means automatic, unless the value says otherwise.
  for (const key of ["x-autoreply", "x-autorespond"]) {
    const value = headerValue(headers, key);
    if (value !== null && !["no", "false", "0"].includes(mainValue(value))) return "autoreply-header";
  }
  // RFC 2076 §3.9 / RFC 3834 §3.1.8: Precedence bulk, junk and list mark mail no
  // responder should answer; "auto_reply" is what some responders set on their own.
  const precedence = mainValue(headerValue(headers, "precedence"));
  if (["bulk", "junk", "list", "auto_reply"].includes(precedence)) return "precedence";
  // RFC 3834 §3.1.5 / RFC 5321 §4.5.5: a null reverse-path (`Return-Path: <>`) is what
  // bounces and other notifications are sent with.
  const returnPath = headerValue(headers, "return-path");
  if (returnPath !== null && /^<\s*>$/.test(returnPath.trim())) return "empty-return-path";
  // RFC 2919 List-Id with RFC 2369 List-Unsubscribe: mailing-list traffic. Either alone is
  // too weak (transactional senders set List-Unsubscribe on receipts people answer).
  if (headerValue(headers, "list-id") !== null && headerValue(headers, "list-unsubscribe") !== null) return "mailing-list";
  return null;
}
