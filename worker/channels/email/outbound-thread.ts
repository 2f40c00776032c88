/**
 * @module The thread an e-mail reply answers, from the conversation's stored mail: the
 * customer's latest Message-ID (In-Reply-To) and the ids that came before it, theirs
 * and ours (References, RFC 5322 section 3.6.4:
 * https://www.rfc-editor.org/rfc/rfc5322#section-3.6.4).
 */
import type { EmailContent } from "../../protocol";
import type { OutboundEmail } from "../types";

export interface StoredMail {
  fromContact: boolean;
  content: EmailContent;
  /** Our reply's id at Email Service (its Message-ID), once sent; the customer's come in
   * their content. */
  sentId: string | null;
}

/** `earlier`: the conversation's e-mail before this reply, oldest first. */
export function outboundThread(content: EmailContent, earlier: StoredMail[]): OutboundEmail {
  const idOf = (m: StoredMail) => (m.fromContact ? m.content.messageId : m.sentId);
  const latestInbound = [...earlier].reverse().find((m) => m.fromContact && m.content.messageId) ?? null;
  const references: string[] = [];
  const add = (id: string | null | undefined) => {
    if (id && !references.includes(id)) references.push(id);
  };
  // The customer's own References first: they hold the thread's root when it began
  // outside this conversation (a forward, an earlier exchange).
  for (const id of latestInbound?.content.references ?? []) add(id);
  for (const m of earlier) add(idOf(m));
  return { content, inReplyTo: latestInbound?.content.messageId ?? null, references };
}
