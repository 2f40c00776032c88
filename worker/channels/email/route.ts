/**
 * @module Which e-mail inbox a mail is for, and whether it is our own mail coming back.
 *
 * Routing tries the recipients in order — the envelope `to` (what the sending server
 * asked Email Routing to deliver to; right even for Bcc and forwarded mail), then the
 * To, Cc and Delivered-To headers — and for each, an inbox that owns the address, else an
 * inbox whose catch-all domain is the address's. A `+detail` (our reply token) is not
 * part of the owned address.
 */
import type { Db } from "../../db/client";
import type { InboxRow } from "../../db/inboxes";
import { liveEmailInboxes } from "../../db/email-threads";
import { EmailSettings } from "../../protocol";
import type { ParsedEmail } from "./parsed";
import { bareAddress, domainOf, readOurMarker } from "./our-ids";

export interface EmailInbox {
  row: InboxRow;
  settings: EmailSettings;
}

export interface Route {
  inbox: EmailInbox;
  /** The owned address (or the catch-all domain's address) the mail came in on. */
  address: string;
}

/** Every live e-mail inbox whose settings read; one that does not is logged and skipped
 * (its mail is then refused, like any unknown address, rather than guessed at). */
export async function emailInboxes(db: Db): Promise<EmailInbox[]> {
  const out: EmailInbox[] = [];
  for (const row of await liveEmailInboxes(db)) {
    const settings = EmailSettings.safeParse(row.settings);
    if (settings.success) out.push({ row, settings: settings.data });
    else console.warn(JSON.stringify({ msg: "email inbox settings unreadable", inboxId: row.id }));
  }
  return out;
}

/** The recipients to route by, in order, lower-cased, duplicates dropped. */
export function recipientsOf(envelopeTo: string, parsed: ParsedEmail): string[] {
  const all = [envelopeTo, ...parsed.to.map((m) => m.address), ...parsed.cc.map((m) => m.address), ...parsed.deliveredTo];
  return [...new Set(all.map((a) => a.trim().toLowerCase()).filter((a) => a.includes("@")))];
}

export function routeOf(inboxes: EmailInbox[], recipients: string[]): Route | null {
  for (const recipient of recipients) {
    const address = bareAddress(recipient);
    const owner = inboxes.find((i) => i.settings.addresses.includes(address));
    if (owner) return { inbox: owner, address };
    const domain = domainOf(address);
    const catchAll = inboxes.find((i) => i.settings.catchAllDomain !== "" && i.settings.catchAllDomain === domain);
    if (catchAll) return { inbox: catchAll, address };
  }
  return null;
}

/** Why a mail is our own coming back (a loop), or null. Mail from one of our inbox
 * addresses (our reply Cc'd to another of our addresses, an inbox forwarding to
 * another), or carrying one of our Message-IDs (`sb-…@` one of our domains), is never
 * stored: storing it could answer it, and the answer would come back again. Only our own
 * Message-ID form counts, not any id at our domain: a colleague's mail client at the
 * company's domain makes ids there too, and their mail to the help desk is real. */
export function loopOf(inboxes: EmailInbox[], envelopeFrom: string, parsed: ParsedEmail): string | null {
  const owned = new Set(inboxes.flatMap((i) => i.settings.addresses));
  for (const sender of [parsed.from.address, envelopeFrom]) {
    if (sender && owned.has(bareAddress(sender))) return "from one of our inbox addresses";
  }
  const ours = parsed.messageId ? readOurMarker(parsed.messageId) : null;
  if (ours && ourDomains(inboxes).has(ours.domain)) return "carries our own Message-ID";
  return null;
}

function ourDomains(inboxes: EmailInbox[]): Set<string> {
  const domains = new Set<string>();
  for (const i of inboxes) {
    for (const a of i.settings.addresses) domains.add(domainOf(a));
    if (i.settings.catchAllDomain) domains.add(i.settings.catchAllDomain);
  }
  return domains;
}
