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
 */
import { and, eq } from "drizzle-orm";
import type { Db } from "../db/client";
import { contactIdentities, contacts, conversations } from "../db/schema";
import { findConversation, latestConversationOf } from "../db/conversations";
import type { InboxRow } from "../db/inboxes";
import { truncateText, type ConversationSummary } from "../protocol";
import type { ContactRef, ReuseRule } from "./types";

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
  const contactId = await derivedId("contact", kind, ref.externalId);
  const name = ref.name ? truncateText(ref.name.trim(), MAX_NAME_CHARS) || null : null;
  await db.batch([
    db
      .insert(contacts)
      .values({ id: contactId, name, phone: ref.phone ?? null, email: ref.email ?? null, createdAt: now })
      .onConflictDoNothing(),
    db
      .insert(contactIdentities)
      .values({ id: await derivedId("identity", kind, ref.externalId), contactId, kind, externalId: ref.externalId, createdAt: now })
      .onConflictDoNothing(),
  ]);
  // Read back: an identity made earlier under another id (or merged into another contact)
  // wins over the one just derived.
  return (await identityOf(db, kind, ref.externalId)) ?? contactId;
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
  inbox: Pick<InboxRow, "id" | "kind" | "teamId" | "priority">,
  contactId: string,
  rule: ReuseRule,
  reopenWindowHours: number,
  now: number,
): Promise<ConversationSummary> {
  const latest = await latestConversationOf(db, contactId, inbox.id);
  if (latest && reuses(rule, latest, reopenWindowHours, now)) return latest;
  // The next conversation's id follows from the one it comes after (or from the contact
  // and inbox for the first), so concurrent deliveries create one, not two.
  const id = await derivedId("conversation", inbox.id, contactId, latest?.id ?? "first");
  await db
    .insert(conversations)
    .values({ id, inboxId: inbox.id, contactId, teamId: inbox.teamId, status: "open", priority: inbox.priority, createdAt: now, lastActivityAt: now })
    .onConflictDoNothing();
  const created = await findConversation(db, id);
  if (!created) throw new Error("conversation vanished after insert");
  return created;
}

/** The id of the conversation `contactFor` + `conversationFor` would give `ref`'s next
 * message, found by reads alone (the same derivation, nothing inserted). The webhook
 * copies a message's files before it creates anything, so a file the provider cannot
 * give yet leaves no empty contact or conversation behind; the files are labelled with
 * this id. */
export async function plannedConversationId(db: Db, inbox: Pick<InboxRow, "id" | "kind">, ref: ContactRef, rule: ReuseRule, reopenWindowHours: number, now: number): Promise<string> {
  const kind = identityKindOf(inbox);
  const contactId = (await identityOf(db, kind, ref.externalId)) ?? (await derivedId("contact", kind, ref.externalId));
  const latest = await latestConversationOf(db, contactId, inbox.id);
  if (latest && reuses(rule, latest, reopenWindowHours, now)) return latest.id;
  return derivedId("conversation", inbox.id, contactId, latest?.id ?? "first");
}

/** The contact's current conversation in the inbox, if the customer ever wrote there:
 * receipts and reactions go to it and never create anything. */
export async function existingConversationFor(db: Db, inbox: Pick<InboxRow, "id" | "kind">, externalId: string): Promise<ConversationSummary | null> {
  const contactId = await identityOf(db, identityKindOf(inbox), externalId);
  if (!contactId) return null;
  return (await latestConversationOf(db, contactId, inbox.id)) ?? null;
}
