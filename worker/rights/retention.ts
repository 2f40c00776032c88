/**
 * @module The retention cron (issue 16): for each inbox with a retention period, resolved
 * conversations whose resolution is older than the period get their text and files erased
 * the same way as a contact's erasure (scope "text": the contact and its name stay), and
 * one audit entry `retention.erased` per run that erased anything, with counts.
 *
 * It runs on the Worker's every-minute cron with bounded work: at most
 * MAX_CONVERSATIONS_PER_RUN per run, oldest resolution first, found through a partial
 * index of resolved, not yet erased conversations (migrations/0027), so a run that finds
 * nothing costs one indexed read per inbox with a period. A backlog (a period just set on a
 * busy inbox) drains over the following minutes. A conversation reopened after it was read
 * here is left alone by its room (`resolvedBefore`), and one reopened after it was erased
 * comes back into reach when it is resolved again (the trigger resets `erased_at`).
 */
import { and, asc, eq, inArray, isNotNull, isNull, lt } from "drizzle-orm";
import type { Env } from "../env";
import { database, type Db } from "../db/client";
import { auditStatement } from "../db/audit-log";
import { conversations, inboxes } from "../db/schema";
import { eraseConversations } from "./erase-conversations";

const DAY_MS = 24 * 3600_000;
/** Each room erasure is a few subrequests (the room, its R2 delete); 25 per minute keeps
 * a run well inside a cron invocation's limits while draining 36,000 a day. */
export const MAX_CONVERSATIONS_PER_RUN = 25;

export interface RetentionRun {
  conversations: number;
  events: number;
  files: number;
}

/** One run of the retention job at `now`. */
export async function runRetention(env: Env, now: number, db: Db = database(env.DB)): Promise<RetentionRun> {
  const withPeriod = await db.select({ id: inboxes.id, days: inboxes.retentionDays }).from(inboxes).where(isNotNull(inboxes.retentionDays)).all();
  const run: RetentionRun = { conversations: 0, events: 0, files: 0 };
  const inboxIds: string[] = [];
  let budget = MAX_CONVERSATIONS_PER_RUN;
  for (const inbox of withPeriod) {
    if (budget <= 0 || inbox.days === null) break;
    const cutoff = now - inbox.days * DAY_MS;
    const due = await db
      .select({ id: conversations.id })
      .from(conversations)
      .where(and(eq(conversations.inboxId, inbox.id), eq(conversations.status, "resolved"), isNull(conversations.erasedAt), lt(conversations.resolvedAt, cutoff)))
      .orderBy(asc(conversations.resolvedAt))
      .limit(budget)
      .all();
    if (due.length === 0) continue;
    budget -= due.length;
    const { counts, erased } = await eraseConversations(env, db, due.map((d) => d.id), { scope: "text", contactId: null, now, resolvedBefore: cutoff });
    // One its room refused (reopened since D1 was read) is marked all the same, so it can
    // never sit at the head of this list and starve the others: reopening moves its
    // resolved_at, and 0027's trigger clears the mark again when it does.
    const refused = due.map((d) => d.id).filter((id) => !erased.includes(id));
    if (refused.length > 0) await db.update(conversations).set({ erasedAt: now }).where(inArray(conversations.id, refused));
    run.conversations += counts.conversations;
    run.events += counts.events;
    run.files += counts.files;
    if (counts.conversations > 0) inboxIds.push(inbox.id);
  }
  if (run.conversations > 0) {
    await auditStatement(db, { action: "retention.erased", actor: { type: "system", id: null, name: null }, targetType: "inbox", targetId: inboxIds.length === 1 ? inboxIds[0]! : null, details: { ...run, inboxIds }, at: now });
  }
  return run;
}
