/**
 * @module The console's conversation list as one agent sees it: the shared summary plus
 * that agent's star and read mark, the unread count, tags and type (a ConversationItem),
 * filtered by view and facets and paged by a keyset cursor on recent activity.
 *
 * A page is chosen first (ids only, walking one of the partial activity indexes in order
 * and stopping after `limit` rows), and only that page is decorated: the per-row
 * subqueries (unread count, tag ids) never run for rows that are not returned, even
 * when a view has to sort (starred, tag). `list-plans.test.ts` pins the query plans.
 */
import { and, desc, eq, inArray, isNull, sql, type SQL } from "drizzle-orm";
import type { Db } from "./client";
import { summaryColumns } from "./conversations";
import { contacts, conversationReads, conversationStars, conversationTags, conversations, inboxes, messages } from "./schema";
import type { ChannelKind, ConversationItem, ConversationStatus, ConversationView } from "../protocol";

export interface ListQuery {
  /** The agent the items are for (their stars, read marks, and `mine`). */
  agentId: string;
  view?: ConversationView;
  status?: ConversationStatus;
  /** An agent id, or null for unassigned. */
  assigneeId?: string | null;
  inboxId?: string;
  /** Only conversations in these inboxes (an API token limited to them). */
  inboxIds?: string[];
  channel?: ChannelKind;
  teamId?: string;
  tagId?: string;
  /** Keyset cursor: the last row of the previous page. */
  before?: { lastActivityAt: number; id: string };
  limit: number;
}

/** The agent's own columns, for a query over `conversations` joined as in `decorated`. */
function agentColumns() {
  return {
    starred: sql<number>`${conversationStars.conversationId} IS NOT NULL`,
    readSeq: sql<number>`coalesce(${conversationReads.seq}, 0)`,
    // Spelled exactly as messages_inbound_idx's condition, so the count reads that index.
    unread: sql<number>`(SELECT count(*) FROM ${messages} WHERE ${messages.conversationId} = ${conversations.id} AND ${messages.direction} = 'in' AND ${messages.kind} <> 'event' AND ${messages.seq} > coalesce(${conversationReads.seq}, 0))`,
    tagIds: sql<string>`(SELECT json_group_array(${conversationTags.tagId}) FROM ${conversationTags} WHERE ${conversationTags.conversationId} = ${conversations.id})`,
    typeId: conversations.typeId,
  };
}

/** Conversations with their summary and `agentId`'s own columns. */
function decorated(db: Db, agentId: string) {
  return db
    .select({ ...summaryColumns, ...agentColumns() })
    .from(conversations)
    .innerJoin(inboxes, eq(inboxes.id, conversations.inboxId))
    .innerJoin(contacts, eq(contacts.id, conversations.contactId))
    .leftJoin(conversationStars, and(eq(conversationStars.agentId, agentId), eq(conversationStars.conversationId, conversations.id)))
    .leftJoin(conversationReads, and(eq(conversationReads.agentId, agentId), eq(conversationReads.conversationId, conversations.id)));
}

type DecoratedRow = Awaited<ReturnType<ReturnType<typeof decorated>["all"]>>[number];

function toItem(row: DecoratedRow): ConversationItem {
  const { starred, tagIds, ...rest } = row;
  return { ...rest, starred: Boolean(starred), tagIds: (JSON.parse(tagIds) as string[]).sort() };
}

/** The status a view shows when no status filter is given. */
function defaultStatus(view: ConversationView | undefined): ConversationStatus | undefined {
  if (view === "mine" || view === "unassigned" || view === "all") return "open";
  if (view === "snoozed" || view === "resolved") return view;
  return undefined;
}

/** The conditions of a list query, in terms of `conversations` alone. */
function conditions(q: ListQuery): SQL[] {
  // Literal, not a bound 0: the planner can only use the partial indexes when it can see
  // that the query implies their condition.
  const where: SQL[] = [sql`${conversations.lastSeq} > 0`];
  const status = q.status ?? defaultStatus(q.view);
  if (status) where.push(eq(conversations.status, status));
  if (q.view === "mine") where.push(eq(conversations.assigneeId, q.agentId));
  if (q.view === "unassigned") where.push(isNull(conversations.assigneeId));
  if (q.view === "starred") {
    where.push(sql`${conversations.id} IN (SELECT ${conversationStars.conversationId} FROM ${conversationStars} WHERE ${conversationStars.agentId} = ${q.agentId})`);
  }
  if (q.assigneeId === null) where.push(isNull(conversations.assigneeId));
  else if (q.assigneeId !== undefined) where.push(eq(conversations.assigneeId, q.assigneeId));
  if (q.inboxId) where.push(eq(conversations.inboxId, q.inboxId));
  if (q.inboxIds) where.push(inArray(conversations.inboxId, q.inboxIds));
  if (q.channel) where.push(sql`${conversations.inboxId} IN (SELECT ${inboxes.id} FROM ${inboxes} WHERE ${inboxes.kind} = ${q.channel})`);
  if (q.teamId) where.push(eq(conversations.teamId, q.teamId));
  if (q.tagId) {
    where.push(sql`${conversations.id} IN (SELECT ${conversationTags.conversationId} FROM ${conversationTags} WHERE ${conversationTags.tagId} = ${q.tagId})`);
  }
  // A row value, which SQLite turns into a range on the index (an OR of the two cases
  // would make every later page re-walk all the rows before it).
  if (q.before) where.push(sql`(${conversations.lastActivityAt}, ${conversations.id}) < (${q.before.lastActivityAt}, ${q.before.id})`);
  return where;
}

const newestFirst = [desc(conversations.lastActivityAt), desc(conversations.id)];

/** One page of the list, decorated for `q.agentId`: the page's ids are picked by the
 * inner query, then only those rows are joined and counted. Exported for the plan test. */
export function listQuery(db: Db, q: ListQuery) {
  const page = db
    .select({ id: conversations.id })
    .from(conversations)
    .where(and(...conditions(q)))
    .orderBy(...newestFirst)
    .limit(q.limit);
  return decorated(db, q.agentId)
    .where(inArray(conversations.id, page))
    .orderBy(...newestFirst);
}

/** Only conversations with at least one event are listed: a visitor who opened the
 * widget and wrote nothing is not work for anyone. */
export async function listConversationItems(db: Db, q: ListQuery): Promise<ConversationItem[]> {
  return (await listQuery(db, q)).map(toItem);
}

/** One conversation's row for `agentId`, from D1. Routes that answer from the room
 * spread the room's state over it: the summary there is newer than D1's copy. */
export async function findConversationItem(db: Db, agentId: string, id: string): Promise<ConversationItem | undefined> {
  const row = await decorated(db, agentId).where(eq(conversations.id, id)).get();
  return row && toItem(row);
}
