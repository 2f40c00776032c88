/**
 * @module The envelope of an agent's e-mail reply, fixed when the reply is written and
 * stored as its EmailContent: from the inbox address the customer wrote to, under the
 * agent's name "via" the inbox's; to the customer; Cc as the agent chose (else the
 * conversation's latest Cc, without our own addresses or the customer's); `Re:` the
 * customer's subject. The send (./send.ts) goes out exactly as stored.
 */
import type { EmailContent, EmailSettings, MailboxContent } from "../../protocol";
import { MAX_CC } from "./limits";
import { replySubject } from "./mime-headers";

export interface ThreadMail {
  fromContact: boolean;
  content: EmailContent;
}

export interface ReplyInput {
  /** The conversation's e-mail messages, newest first. */
  thread: ThreadMail[];
  /** The customer's address (the conversation's recipient). */
  recipient: string | null;
  /** The agent's Cc (PostMessageBody.cc); absent: keep the conversation's. */
  cc?: string[];
  /** The inbox's settings, when they could be read. */
  settings: EmailSettings | null;
  inboxName: string | null;
  agentName: string | null;
}

/** Whether `address` is one of the inbox's own (an owned address, or at its catch-all domain). */
export function isOwnAddress(settings: EmailSettings | null, address: string): boolean {
  const a = address.toLowerCase();
  if (!settings) return false;
  return settings.addresses.includes(a) || (settings.catchAllDomain !== "" && a.endsWith(`@${settings.catchAllDomain}`));
}

/** The address the customer's latest mail reached us at (To first, then Cc), else the inbox's first. */
function fromAddress(latest: EmailContent | null, settings: EmailSettings | null): string {
  const candidates = latest ? [...latest.to, ...latest.cc].map((m) => m.address.toLowerCase()) : [];
  const routed = candidates.find((a) => isOwnAddress(settings, a));
  // Without settings (unreadable), the customer's To is the best guess at our address.
  return routed ?? settings?.addresses[0] ?? candidates[0] ?? "";
}

function senderName(settings: EmailSettings | null, inboxName: string | null, agentName: string | null): string | null {
  const inbox = settings?.displayName || inboxName || "";
  const agent = agentName?.trim() ?? "";
  const name = agent && inbox ? `${agent} via ${inbox}` : agent || inbox;
  // A display name is one header line; 200 is MailboxContent's cap.
  return name ? name.replace(/[\r\n]+/g, " ").slice(0, 200) : null;
}

export function replyContent(input: ReplyInput): EmailContent {
  const { thread, settings } = input;
  const latestInbound = thread.find((m) => m.fromContact)?.content ?? null;
  const latestAny = thread[0]?.content ?? null;
  const customer = (input.recipient ?? latestInbound?.from.address ?? "").toLowerCase();
  const customerName = latestInbound && latestInbound.from.address.toLowerCase() === customer ? latestInbound.from.name : null;
  const chosen: MailboxContent[] = input.cc ? input.cc.map((address) => ({ address, name: null })) : (latestAny?.cc ?? []);
  const cc: MailboxContent[] = [];
  for (const m of chosen) {
    const address = m.address.toLowerCase();
    // Never Cc ourselves (a loop) or the customer (already in To); each address once.
    if (!address || address === customer || isOwnAddress(settings, address) || cc.some((c) => c.address === address)) continue;
    cc.push({ address, name: m.name });
  }
  const subject = latestInbound?.subject || latestAny?.subject || "";
  return {
    type: "email",
    subject: subject ? replySubject(subject) : (settings?.displayName || input.inboxName || "Re:").slice(0, 998),
    from: { address: fromAddress(latestInbound, settings), name: senderName(settings, input.inboxName, input.agentName) },
    to: customer ? [{ address: customer, name: customerName }] : [],
    cc: cc.slice(0, MAX_CC),
    messageId: null,
    fullText: null,
    htmlFileId: null,
    rawFileId: null,
  };
}
