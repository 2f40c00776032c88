/**
 * @module Who an e-mail reply goes to, read from the timeline: To is the customer who
 * wrote the latest inbound mail, Cc starts from that mail's Cc — without our own inbox
 * addresses (the mail reached us through them) and without the customer (already in To).
 * The agent's edits replace the prefill until the reply is sent. E-mail replies leave
 * over HTTP with `cc` (PostMessageBody.cc), as templates do: a socket `send` frame
 * carries no `cc`.
 */
import { useMemo, useRef, useState } from "preact/hooks";
import type { FeedEvent } from "../../../client/feed";
import { MailAddress, type EmailContent, type Inbox, type MailboxContent, type PostMessageBody } from "../../../worker/protocol";
import type { z } from "zod";
import { errorMessage } from "../../api";
import { paneApi } from "../api";
import { e } from "../email-strings";

/** Email Service takes 50 recipients a message: the customer and 49 in Cc
 * (PostMessageBody.cc's bound). */
export const MAX_CC = 49;

export function latestInboundEmail(events: readonly FeedEvent[]): EmailContent | null {
  for (let i = events.length - 1; i >= 0; i--) {
    const ev = events[i]!;
    if (ev.type === "message" && ev.actor.type === "contact" && ev.content?.type === "email") return ev.content;
  }
  return null;
}

/** The addresses an e-mail inbox owns (its settings as stored; nothing when unreadable). */
export function ownAddresses(inbox: Inbox | undefined): { addresses: Set<string>; catchAllDomain: string } {
  const raw = inbox?.settings["addresses"];
  const addresses = new Set(Array.isArray(raw) ? raw.filter((a): a is string => typeof a === "string").map((a) => a.toLowerCase()) : []);
  const domain = inbox?.settings["catchAllDomain"];
  return { addresses, catchAllDomain: typeof domain === "string" ? domain.toLowerCase() : "" };
}

export function prefillCc(email: EmailContent | null, inbox: Inbox | undefined): string[] {
  if (!email) return [];
  const own = ownAddresses(inbox);
  const customer = email.from.address.toLowerCase();
  const out: string[] = [];
  for (const m of email.cc) {
    const parsed = MailAddress.safeParse(m.address);
    if (!parsed.success) continue;
    const address = parsed.data;
    const ours = own.addresses.has(address) || (own.catchAllDomain !== "" && address.endsWith(`@${own.catchAllDomain}`));
    if (ours || address === customer || out.includes(address)) continue;
    out.push(address);
  }
  return out.slice(0, MAX_CC);
}

/** Checks one typed address against the list; the error is the agent's language. */
export function addCc(list: readonly string[], typed: string): { ok: true; list: string[] } | { ok: false; error: string } {
  const parsed = MailAddress.safeParse(typed);
  if (!parsed.success) return { ok: false, error: e.reply.ccInvalid(typed.trim()) };
  if (list.includes(parsed.data)) return { ok: false, error: e.reply.ccDuplicate(parsed.data) };
  if (list.length >= MAX_CC) return { ok: false, error: e.reply.ccFull(MAX_CC) };
  return { ok: true, list: [...list, parsed.data] };
}

export interface EmailReply {
  to: MailboxContent | null;
  cc: string[];
  setCc: (cc: string[]) => void;
  error: string | null;
  /** Sends a reply with the current Cc; true once the server stored it. */
  send: (body: string, attachmentIds: string[]) => Promise<boolean>;
}

export function useEmailReply(conversationId: string, events: readonly FeedEvent[], inbox: Inbox | undefined): EmailReply {
  const latest = useMemo(() => latestInboundEmail(events), [events]);
  const prefill = useMemo(() => prefillCc(latest, inbox), [latest, inbox]);
  const [edited, setEdited] = useState<string[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  // One id per reply being written: a retry after a lost answer is the same message.
  const clientId = useRef(crypto.randomUUID());
  const cc = edited ?? prefill;
  const send = async (body: string, attachmentIds: string[]) => {
    setError(null);
    const message: z.input<typeof PostMessageBody> = { clientId: clientId.current, body, kind: "text", cc };
    if (attachmentIds.length) message.attachmentIds = attachmentIds;
    try {
      await paneApi.postMessage(conversationId, message);
    } catch (err) {
      setError(e.reply.failed(errorMessage(err)));
      return false;
    }
    clientId.current = crypto.randomUUID();
    setEdited(null);
    return true;
  };
  return { to: latest?.from ?? null, cc, setCc: (next) => setEdited(next), error, send };
}
