/**
 * @module What automation reads and writes around a run, in D1: the run claims (a rule
 * runs once per trigger on a conversation), whether a message is a conversation's first,
 * the idle conversations a rule has not yet run on, and the facts its conditions need.
 */
import { and, eq, inArray, lt, sql } from "drizzle-orm";
import type { Db } from "./client";
import { automationRuns, contactTags, contacts, conversations, conversationTags, inboxes, messages, tags, teams } from "./schema";
import { BusinessHours } from "../protocol";

export interface RunClaim {
  ruleId: string;
  conversationId: string;
  runKey: string;
}

/** Claims each run; returns the claims that were new (one D1 batch). A claim already
 * there is a run made before: a batch the pipeline delivered again, an idle period seen
 * on an earlier tick. */
export async function claimRuns(db: Db, claims: RunClaim[], now: number): Promise<RunClaim[]> {
  if (claims.length === 0) return [];
  const inserts = claims.map((c) => db.insert(automationRuns).values({ ...c, ranAt: now }).onConflictDoNothing().returning({ ruleId: automationRuns.ruleId }));
  const results = await db.batch([inserts[0]!, ...inserts.slice(1)]);
  return claims.filter((_, i) => results[i]!.length > 0);
}

/** Remembers runs without making them: automation's own activity (a canned reply) must
 * not start a new idle period for the rule that caused it. */
export async function rememberRuns(db: Db, claims: RunClaim[], now: number): Promise<void> {
  if (claims.length > 0) await db.insert(automationRuns).values(claims.map((c) => ({ ...c, ranAt: now }))).onConflictDoNothing();
}

/** Forgets runs made before `before` (epoch ms): their triggers will not come again. */
export async function pruneRuns(db: Db, before: number): Promise<void> {
  await db.delete(automationRuns).where(lt(automationRuns.ranAt, before));
}

/** Of `candidates` (conversation id → the seq of its earliest message in this batch), the
 * conversations with no message before that seq: the batch holds their first message. One
 * index range per conversation on the messages key, stopping at the first row found. */
export async function firstMessages(db: Db, candidates: Map<string, number>): Promise<Set<string>> {
  const entries = [...candidates];
  if (entries.length === 0) return new Set();
  const reads = entries.map(([id, seq]) =>
    db
      .select({ seq: messages.seq })
      .from(messages)
      .where(and(eq(messages.conversationId, id), lt(messages.seq, seq), inArray(messages.kind, ["text", "attachment"])))
      .limit(1),
  );
  const results = await db.batch([reads[0]!, ...reads.slice(1)]);
  return new Set(entries.filter((_, i) => results[i]!.length === 0).map(([id]) => id));
}

/** Open conversations with no message since `cutoff` on which rule `ruleId` has not run
 * for their current idle period, oldest first, at most `limit`. Walks the
 * (status, last_activity_at) index (conversations_status_activity_idx, whose partial
 * condition `last_seq > 0` is spelled as it is there). */
export async function idleConversationIds(db: Db, ruleId: string, cutoff: number, limit: number): Promise<string[]> {
  const rows = await db.all<{ id: string }>(sql`
    SELECT c.id AS id FROM ${conversations} c
    WHERE c.status = 'open' AND c.last_seq > 0 AND c.last_activity_at <= ${cutoff}
      AND NOT EXISTS (SELECT 1 FROM ${automationRuns} r WHERE r.rule_id = ${ruleId} AND r.conversation_id = c.id AND r.run_key = 'idle:' || c.last_activity_at)
    ORDER BY c.last_activity_at, c.id
    LIMIT ${limit}`);
  return rows.map((r) => r.id);
}

/** A contact's tags and attributes, for conditions. */
export interface ContactFacts {
  tagIds: string[];
  attributes: Record<string, unknown>;
}

/** The contacts' tags and attributes, and the business hours of the teams and inboxes
 * named, in one D1 batch. */
export async function ruleFactsOf(
  db: Db,
  need: { contactIds: string[]; teamIds: string[]; inboxIds: string[] },
): Promise<{ contacts: Map<string, ContactFacts>; teamHours: Map<string, BusinessHours | null>; inboxHours: Map<string, BusinessHours | null> }> {
  const none = sql`0`;
  const [contactRows, tagRows, teamRows, inboxRows] = await db.batch([
    db.select({ id: contacts.id, attributes: contacts.attributes }).from(contacts).where(need.contactIds.length ? inArray(contacts.id, need.contactIds) : none),
    db.select({ contactId: contactTags.contactId, tagId: contactTags.tagId }).from(contactTags).where(need.contactIds.length ? inArray(contactTags.contactId, need.contactIds) : none),
    db.select({ id: teams.id, hours: teams.businessHours }).from(teams).where(need.teamIds.length ? inArray(teams.id, need.teamIds) : none),
    db.select({ id: inboxes.id, kind: inboxes.kind, settings: inboxes.settings }).from(inboxes).where(need.inboxIds.length ? inArray(inboxes.id, need.inboxIds) : none),
  ]);
  const byContact = new Map<string, ContactFacts>(contactRows.map((c) => [c.id, { tagIds: [], attributes: c.attributes ?? {} }]));
  for (const t of tagRows) byContact.get(t.contactId)?.tagIds.push(t.tagId);
  return {
    contacts: byContact,
    teamHours: new Map(teamRows.map((t) => [t.id, readHours(t.hours)])),
    // Only web chat keeps hours on the inbox (WebchatSettings.businessHours).
    inboxHours: new Map(inboxRows.map((i) => [i.id, i.kind === "webchat" ? readHours(i.settings["businessHours"]) : null])),
  };
}

/** Stored hours that no longer read count as none (always open), never as closed. */
function readHours(value: unknown): BusinessHours | null {
  const parsed = BusinessHours.nullable().safeParse(value ?? null);
  return parsed.success ? parsed.data : null;
}

/** Puts tag `tagId` on the conversation (kept if already there); false when no such tag. */
export async function addConversationTag(db: Db, conversationId: string, tagId: string): Promise<boolean> {
  const [, found] = await db.batch([
    db.insert(conversationTags).select(sql`SELECT ${conversationId}, ${tags.id} FROM ${tags} WHERE ${tags.id} = ${tagId}`).onConflictDoNothing(),
    db.select({ id: tags.id }).from(tags).where(eq(tags.id, tagId)),
  ]);
  return found.length > 0;
}
