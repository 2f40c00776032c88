/**
 * @module Contacts whose effective priority changed (db/contact-priority.ts): their open,
 * unassigned conversations move in their team's queue. The rows are read back from D1
 * after the write and published to each team's TeamQueue as the pipeline publishes them
 * (listeners/team-queue-publish.ts); a publish with the seq the queue already holds is
 * accepted and rewrites the row's sort keys, and one older than it is ignored, so a
 * conversation event racing this cannot be undone by it.
 */
import { and, eq, isNull, sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { findConversations } from "../db/conversations";
import { conversations } from "../db/schema";
import type { Env } from "../env";
import type { ConversationSummary } from "../protocol";
import { UNROUTED_TEAM } from "./listeners/team-queue-publish";

/** Contact ids per read: one JSON parameter each (D1 binds at most 100 parameters per
 * statement, https://developers.cloudflare.com/d1/platform/limits/), kept well under
 * D1's 2 MB per string value. */
const CONTACTS_PER_READ = 500;
/** Rows per TeamQueue call, so a rule lifting thousands of contacts never builds one
 * huge RPC message (https://developers.cloudflare.com/durable-objects/platform/limits/). */
const ROWS_PER_PUBLISH = 200;

/** Moves the waiting conversations of `contactIds`. Awaited by the writer, after its D1
 * batch committed: the write is durable first. A queue that cannot be reached is logged
 * and left: the conversation's next event publishes its row, with the new priority, again. */
export async function republishContacts(env: Env, db: Db, contactIds: readonly string[]): Promise<void> {
  for (let i = 0; i < contactIds.length; i += CONTACTS_PER_READ) {
    const rows = await waitingRowsOf(db, contactIds.slice(i, i + CONTACTS_PER_READ));
    const byTeam = new Map<string, ConversationSummary[]>();
    for (const row of rows) {
      const team = row.teamId ?? UNROUTED_TEAM;
      byTeam.set(team, [...(byTeam.get(team) ?? []), row]);
    }
    await Promise.all([...byTeam].map(([team, teamRows]) => publish(env, team, teamRows)));
  }
}

async function waitingRowsOf(db: Db, contactIds: readonly string[]): Promise<ConversationSummary[]> {
  const ids = await db
    .select({ id: conversations.id })
    .from(conversations)
    .where(
      and(
        sql`${conversations.contactId} IN (SELECT value FROM json_each(${JSON.stringify(contactIds)}))`,
        eq(conversations.status, "open"),
        isNull(conversations.assigneeId),
      ),
    );
  if (ids.length === 0) return [];
  return findConversations(
    db,
    ids.map((r) => r.id),
  );
}

async function publish(env: Env, team: string, rows: ConversationSummary[]): Promise<void> {
  try {
    const queue = env.TEAM_QUEUE.getByName(team);
    for (let i = 0; i < rows.length; i += ROWS_PER_PUBLISH) await queue.publishMany(rows.slice(i, i + ROWS_PER_PUBLISH));
  } catch (err) {
    // Only the error's name and message: never the rows (customer names, previews).
    console.error("contact priority: team queue publish failed", team, err instanceof Error ? `${err.name}: ${err.message}` : "unknown error");
  }
}
