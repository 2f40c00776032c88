/**
 * @module Find-or-create for every channel: the contact a channel identity names, and
 * the conversation its next message belongs to, by the kind's reuse rule (types.ts
 * `ReuseRule`).
 *
 * Providers deliver concurrently and retry, so two deliveries for the same new customer
 * can race here (Chatwoot's duplicate contacts and conversations, chatwoot#6046, #9314).
 * Nothing is read-then-written on a guess: the ids of what gets created are derived from
 * what they are for — the contact from its identity, a conversation from the one it
 * follows — and inserted with ON CONFLICT DO NOTHING. Two racers compute the same id,
 * one insert wins, and both read back the same row.
 *
 * Web chat comes through here too (./webchat/visitor.ts): its visitor identity is
 * `webchat:<inbox>` like any channel's, with an external id the server mints, and its
 * reuse rule is "single" (one thread per visitor). What stays in ./webchat/identify.ts is
 * not a find-or-create: a host page's user id is a global identity that moves between
 * contacts as claims get verified (see the comment there).
 */
import { and, eq } from "drizzle-orm";
import type { Db } from "../db/client";
import { contactIdentities, contacts, conversations } from "../db/schema";
import { findConversation, latestConversationOf } from "../db/conversations";
import type { InboxRow } from "../db/inboxes";
import { truncateText, type ConversationSummary } from "../protocol";
import type { ContactRef, ReuseRule } from "./types";
import { initialStatusOf } from "../bots/menu/stored";

/** What creating a conversation reads of its inbox (`menuBot`: a new conversation in an
 * inbox whose menu bot is on starts in `bot`). */
type NewConversationInbox = Pick<InboxRow, "id" | "teamId" | "priority"> & { menuBot?: unknown; agentBot?: unknown };

const HOUR_MS = 60 * 60 * 1000;
const MAX_NAME_CHARS = 200;

/** The identity kind a channel inbox knows its customers by. Scoped to the inbox: a
 * page-scoped or business-scoped id means nothing outside the account that issued it. */
export function identityKindOf(inbox: Pick<InboxRow, "id" | "kind">): string {
  return `${inbox.kind}:${inbox.id}`;
}

/** A UUID-shaped id that is a pure function of `parts` (SHA-256, version nibble 8 for
 * "custom", RFC 9562 §5.8), so every racer derives the same one. */
export async function derivedId(...parts: string[]): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(parts.join("\u0000"))));
  digest[6] = (digest[6]! & 0x0f) | 0x80;
  digest[8] = (digest[8]! & 0x3f) | 0x80;
  const hex = [...digest.slice(0, 16)].map((b) => b.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/** The contact `ref` names in `inbox`, created (with its identity) on first sight. */
export async function contactFor(db: Db, inbox: Pick<InboxRow, "id" | "kind">, ref: ContactRef, now: number): Promise<string> {
  const kind = identityKindOf(inbox);
  const known = await identityOf(db, kind, ref.externalId);
  if (known) return known;
  const { contactId, inserts } = await newContactInserts(db, kind, ref, now);
  await db.batch(inserts);
  // Read back: an identity made earlier under another id (or merged into another contact)
  // wins over the one just derived.
  return (await identityOf(db, kind, ref.externalId)) ?? contactId;
}

/** The inserts of a contact first seen as `ref`, and of its identity, under derived ids. */
async function newContactInserts(db: Db, kind: string, ref: ContactRef, now: number) {
  const contactId = await derivedId("contact", kind, ref.externalId);
  const name = ref.name ? truncateText(ref.name.trim(), MAX_NAME_CHARS) || null : null;
  const inserts = [
    db
      .insert(contacts)
      .values({ id: contactId, name, phone: ref.phone ?? null, email: ref.email ?? null, createdAt: now })
      .onConflictDoNothing(),
    db
      .insert(contactIdentities)
      .values({ id: await derivedId("identity", kind, ref.externalId), contactId, kind, externalId: ref.externalId, createdAt: now })
      .onConflictDoNothing(),
  ] as const;
  return { contactId, inserts };
}

async function identityOf(db: Db, kind: string, externalId: string): Promise<string | null> {
  const row = await db
    .select({ contactId: contactIdentities.contactId })
    .from(contactIdentities)
    .where(and(eq(contactIdentities.kind, kind), eq(contactIdentities.externalId, externalId)))
    .get();
  return row?.contactId ?? null;
}

/** Whether `latest` still takes the contact's next message under `rule`. */
export function reuses(rule: ReuseRule, latest: ConversationSummary, reopenWindowHours: number, now: number): boolean {
  if (rule.mode === "single") return true;
  if (latest.status !== "resolved" || latest.resolvedAt === null) return true;
  return now - latest.resolvedAt <= reopenWindowHours * HOUR_MS;
}

/** The conversation the contact's next message goes to, created when the rule says so. */
export async function conversationFor(
  db: Db,
  inbox: NewConversationInbox & Pick<InboxRow, "kind">,
  contactId: string,
  rule: ReuseRule,
  reopenWindowHours: number,
  now: number,
): Promise<ConversationSummary> {
  const latest = await latestConversationOf(db, contactId, inbox.id);
  if (latest && reuses(rule, latest, reopenWindowHours, now)) return latest;
  // The next conversation's id follows from the one it comes after (or from the contact
  // and inbox for the first), so concurrent deliveries create one, not two.
  const id = await conversationIdAfter(inbox.id, contactId, latest?.id ?? null);
  await conversationInsert(db, inbox, id, contactId, now);
  return createdConversation(db, id);
}

/** A customer never seen before, made whole in one D1 batch: contact, identity and first
 * conversation, so a failure leaves none of them behind. Web chat needs this: a new
 * visitor's external id is minted per attempt, so a retry after a half-done write would
 * be another visitor and the half would stay orphaned. A known identity takes the
 * ordinary path (`contactFor`'s read, then `conversationFor`). */
export async function threadFor(
  db: Db,
  inbox: NewConversationInbox & Pick<InboxRow, "kind">,
  ref: ContactRef,
  rule: ReuseRule,
  reopenWindowHours: number,
  now: number,
): Promise<ConversationSummary> {
  const kind = identityKindOf(inbox);
  const known = await identityOf(db, kind, ref.externalId);
  if (known) return conversationFor(db, inbox, known, rule, reopenWindowHours, now);
  // Every identity of a channel kind is made here or in contactFor, under the same derived
  // ids, so a racer that got in between the read and this batch wrote these same rows.
  const { contactId, inserts } = await newContactInserts(db, kind, ref, now);
  const id = await conversationIdAfter(inbox.id, contactId, null);
  await db.batch([...inserts, conversationInsert(db, inbox, id, contactId, now)]);
  return createdConversation(db, id);
}

function conversationIdAfter(inboxId: string, contactId: string, previousId: string | null): Promise<string> {
  return derivedId("conversation", inboxId, contactId, previousId ?? "first");
}

/** `teamId`: the team the conversation starts with when not the inbox's (an e-mail
 * inbox routes by recipient address, EmailSettings.addressTeams). */
export function conversationInsert(db: Db, inbox: NewConversationInbox, id: string, contactId: string, now: number, teamId: string | null = inbox.teamId) {
  return db
    .insert(conversations)
    .values({ id, inboxId: inbox.id, contactId, teamId, status: initialStatusOf(inbox), priority: inbox.priority, createdAt: now, lastActivityAt: now })
    .onConflictDoNothing();
}

/** The conversation `id`, created for `contactId` if it does not exist yet. For channels
 * whose messages name their thread (e-mail: headers and a reply token): the caller
 * derives `id` from what starts the thread, so a redelivery finds the same one. */
export async function conversationWithId(
  db: Db,
  inbox: NewConversationInbox,
  id: string,
  contactId: string,
  now: number,
  teamId: string | null = inbox.teamId,
): Promise<ConversationSummary> {
  await conversationInsert(db, inbox, id, contactId, now, teamId);
  return createdConversation(db, id);
}

async function createdConversation(db: Db, id: string): Promise<ConversationSummary> {
  const created = await findConversation(db, id);
  if (!created) throw new Error("conversation vanished after insert");
  return created;
}

/** Where `ref`'s next message goes, found by reads alone (the same derivation as
 * `contactFor` + `conversationFor`, nothing inserted): the conversation it reuses, or the
 * id the new one will get. The webhook copies a message's files before it creates
 * anything, so a file the provider cannot give yet leaves no empty contact or
 * conversation behind; the files are labelled with this id. A reused conversation needs
 * no further read. */
export async function planConversation(
  db: Db,
  inbox: Pick<InboxRow, "id" | "kind">,
  ref: ContactRef,
  rule: ReuseRule,
  reopenWindowHours: number,
  now: number,
): Promise<{ id: string; existing: ConversationSummary | null }> {
  const kind = identityKindOf(inbox);
  const contactId = (await identityOf(db, kind, ref.externalId)) ?? (await derivedId("contact", kind, ref.externalId));
  const latest = await latestConversationOf(db, contactId, inbox.id);
  if (latest && reuses(rule, latest, reopenWindowHours, now)) return { id: latest.id, existing: latest };
  return { id: await conversationIdAfter(inbox.id, contactId, latest?.id ?? null), existing: null };
}

export async function plannedConversationId(db: Db, inbox: Pick<InboxRow, "id" | "kind">, ref: ContactRef, rule: ReuseRule, reopenWindowHours: number, now: number): Promise<string> {
  return (await planConversation(db, inbox, ref, rule, reopenWindowHours, now)).id;
}

/** The contact's current conversation in the inbox, if the customer ever wrote there:
 * receipts and reactions go to it and never create anything. */
export async function existingConversationFor(db: Db, inbox: Pick<InboxRow, "id" | "kind">, externalId: string): Promise<ConversationSummary | null> {
  const contactId = await identityOf(db, identityKindOf(inbox), externalId);
  if (!contactId) return null;
  return (await latestConversationOf(db, contactId, inbox.id)) ?? null;
}
