/**
 * @module The Worker's `email()` handler: a mail Email Routing hands us becomes a
 * message in the conversation it continues, or a new one, in one room write.
 *
 *   size → parse (./parse.ts) → loop? → route (./route.ts) → bounce of our reply?
 *   → thread (./thread.ts) → automatic mail opens nothing → files (./files.ts) → room
 *
 * What the sending server learns: a mail refused for good (too big, unreadable, no
 * mailbox here) gets `message.setReject(reason)`, a permanent SMTP error with our reason;
 * mail we choose not to store (a loop, automatic mail outside any conversation) is
 * accepted and logged, never answered. Any other failure (D1, R2, a room) throws: the
 * handler's error is a temporary failure to the sending server, which retries later, and
 * the retry is deduplicated by Message-ID (./message-key.ts), so nothing is stored twice.
 */
import type { Db } from "../../db/client";
import { database } from "../../db/client";
import { findConversation } from "../../db/conversations";
import { conversationsHolding, externalIdOf, teamExists } from "../../db/email-threads";
import type { Env } from "../../env";
import type { ConversationSummary } from "../../protocol";
import { roomOf } from "../../conversation/room-client";
import type { IngestContact } from "../../conversation/ingest";
import { readCapped } from "../read-capped";
import { contactFor, conversationWithId, derivedId, identityKindOf } from "../threads";
import { storeMailFiles } from "./files";
import { MAX_EMAIL_BYTES } from "./inbound-limits";
import { emailItem } from "./message-item";
import { messageKeyOf } from "./message-key";
import { bareAddress, readOurMarker } from "./our-ids";
import { parseEmail } from "./parse";
import type { ParsedEmail } from "./parsed";
import { emailInboxes, loopOf, recipientsOf, routeOf, type EmailInbox, type Route } from "./route";
import { threadOf, type ThreadedBy } from "./thread";

export type ParseEmail = (raw: ArrayBuffer) => Promise<ParsedEmail>;

/** What became of a mail (for logs and tests). */
export type EmailOutcome =
  | { result: "rejected"; reason: string }
  /** Our own mail coming back: accepted, not stored. */
  | { result: "ignored"; reason: string }
  /** Automatic mail with no conversation to go to, or a report we do not act on. */
  | { result: "dropped"; reason: string }
  /** A bounce of one of our replies: that reply is marked failed. */
  | { result: "status"; conversationId: string }
  | { result: "stored"; conversationId: string; threadedBy: ThreadedBy | "new"; stored: number; duplicates: number };

export async function receiveEmail(message: ForwardableEmailMessage, env: Env, parse: ParseEmail = parseEmail): Promise<EmailOutcome> {
  const tooBig = `Message too large: this help desk takes messages up to ${MAX_EMAIL_BYTES / (1024 * 1024)} MiB.`;
  if (message.rawSize > MAX_EMAIL_BYTES) return reject(message, tooBig);
  // Capped again while reading: rawSize is what the platform says, the stream is what comes.
  const raw = await readCapped(message.raw, MAX_EMAIL_BYTES);
  if (!raw) return reject(message, tooBig);
  let parsed: ParsedEmail;
  try {
    parsed = await parse(raw);
  } catch (err) {
    // A message no retry makes readable: refused, so the sender hears of it.
    console.warn(JSON.stringify({ msg: "email unreadable", error: String(err).slice(0, 300) }));
    return reject(message, "The message could not be read as Internet mail (RFC 5322).");
  }

  const db = database(env.DB);
  const inboxes = await emailInboxes(db);
  const loop = loopOf(inboxes, message.from, parsed);
  if (loop) return logged({ result: "ignored", reason: loop }, parsed);
  const recipients = recipientsOf(message.to, parsed);
  const route = routeOf(inboxes, recipients);
  if (!route) return reject(message, `No mailbox here for ${bareAddress(message.to)}.`);

  if (parsed.report) {
    const handled = await applyReport(env, db, inboxes, parsed);
    if (handled) return logged(handled, parsed);
  }
  const automatic = isAutomatic(parsed, route.inbox);
  const key = await messageKeyOf(parsed, raw);
  const thread = await threadOf(db, inboxes, route.inbox, recipients, parsed, key);
  if (automatic && !thread) return logged({ result: "dropped", reason: `automatic mail (${parsed.automatic}) opens no conversation` }, parsed);
  const sender = parsed.from.address.trim().toLowerCase() || bareAddress(message.from);
  if (!thread && !sender.includes("@")) return reject(message, "The message names no sender (From).");

  const now = Date.now();
  let conversation = thread?.conversation ?? null;
  // A mail that starts a conversation names it: the same mail redelivered (or sent to two
  // of this inbox's addresses) finds the same one, even before D1 shows its messages.
  const conversationId = conversation?.id ?? (await derivedId("conversation", route.inbox.row.id, "email", sender, key));
  conversation ??= (await findConversation(db, conversationId)) ?? null;
  // Stored already (the room knows, D1 may not yet): its files are not copied again.
  if (conversation && (await roomOf(env, conversation).heldProviderIds([key])).includes(key)) {
    return logged({ result: "stored", conversationId: conversation.id, threadedBy: thread?.by ?? "new", stored: 0, duplicates: 1 }, parsed);
  }
  // Files before a contact or conversation is created: a failed R2 write leaves nothing
  // in the console, and the retry stores them under the same conversation id.
  const files = await storeMailFiles(env.FILES, conversationId, raw, parsed);
  if (!conversation) {
    const contactId = await contactFor(db, route.inbox.row, { externalId: sender, name: parsed.from.name, email: sender }, now);
    conversation = await conversationWithId(db, route.inbox.row, conversationId, contactId, now, await teamOf(db, route));
  }
  // The conversation's own inbox: the same mail sent to two inboxes joins the first one's.
  const home = inboxes.find((i) => i.row.id === conversation!.inboxId) ?? route.inbox;
  const contact = await ingestContactOf(db, home, conversation, sender);
  const result = await roomOf(env, conversation).ingest(contact, [emailItem(parsed, key, files, automatic, now)]);
  return logged({ result: "stored", conversationId: conversation.id, threadedBy: thread?.by ?? "new", stored: result.stored, duplicates: result.duplicates }, parsed);
}

/** A bounce (DSN) of one of our replies marks that reply failed with the report's reason.
 * The report names the bounced mail by its Message-ID: the one Email Service gave our
 * send (the send's provider id, which the room knows it by and D1 holds once projected),
 * or one of our marker ids. Null: the report is about mail that is not ours, and goes on
 * as automatic mail. */
async function applyReport(env: Env, db: Db, inboxes: EmailInbox[], parsed: ParsedEmail): Promise<EmailOutcome | null> {
  const report = parsed.report!;
  const original = report.originalMessageId;
  if (!original) return null;
  const conversation = await conversationOfOurs(db, inboxes, original);
  const inbox = conversation ? inboxes.find((i) => i.row.id === conversation.inboxId) : undefined;
  if (!conversation || !inbox) return null;
  // A delay is no failure (the sending server still tries); a success needs no mark.
  if (report.action !== "failed") return { result: "dropped", reason: `delivery report (${report.action}) for our reply` };
  const contact = await ingestContactOf(db, inbox, conversation, null);
  await roomOf(env, conversation).ingest(contact, [{ type: "status", providerMessageId: original, status: "failed", error: report.reason || "bounced", providerAt: Date.now() }]);
  return { result: "status", conversationId: conversation.id };
}

/** The e-mail conversation a mail of ours with Message-ID `id` belongs to. */
async function conversationOfOurs(db: Db, inboxes: EmailInbox[], id: string): Promise<ConversationSummary | null> {
  const marker = readOurMarker(id);
  if (marker) return (await findConversation(db, marker.conversationId)) ?? null;
  const emailInboxIds = new Set(inboxes.map((i) => i.row.id));
  const held = (await conversationsHolding(db, [id])).find((h) => emailInboxIds.has(h.inboxId));
  return held ? ((await findConversation(db, held.conversationId)) ?? null) : null;
}

/** Automatic mail never opens or reopens a conversation. List mail counts only where the
 * inbox says so (EmailSettings.listMailIsAutomatic). */
function isAutomatic(parsed: ParsedEmail, inbox: EmailInbox): boolean {
  if (!parsed.automatic) return false;
  return parsed.automatic !== "mailing-list" || inbox.settings.listMailIsAutomatic;
}

/** The team a new conversation starts with: the routed address's (addressTeams), if that
 * team still exists, else the inbox's. */
async function teamOf(db: Db, route: Route): Promise<string | null> {
  const teamId = route.inbox.settings.addressTeams[route.address];
  return teamId && (await teamExists(db, teamId)) ? teamId : route.inbox.row.teamId;
}

/** Who the room records as the conversation's customer: the contact it was opened for,
 * not whoever wrote this mail (a colleague in Cc, a mailer daemon), so replies keep
 * going to the customer. The room sets its recipient from this. */
async function ingestContactOf(db: Db, inbox: EmailInbox, conversation: ConversationSummary, sender: string | null): Promise<IngestContact> {
  const externalId = (await externalIdOf(db, conversation.contactId, identityKindOf(inbox.row))) ?? sender ?? "";
  return { externalId, name: conversation.contactName ?? null };
}

function reject(message: ForwardableEmailMessage, reason: string): EmailOutcome {
  message.setReject(reason);
  console.log(JSON.stringify({ msg: "email rejected", reason }));
  return { result: "rejected", reason };
}

function logged(outcome: EmailOutcome, parsed: ParsedEmail): EmailOutcome {
  console.log(JSON.stringify({ msg: `email ${outcome.result}`, ...outcome, messageId: parsed.messageId?.slice(0, 200) ?? null }));
  return outcome;
}
