/**
 * @module Full-text search over message bodies (replies and private notes included, as
 * agents may search their notes) and contacts (name, e-mail, phone), with FTS5. The
 * indexes and the triggers that fill them are in migrations/0002_console.sql.
 *
 * Hits are ordered by recency, not bm25: agents search to get back to a conversation,
 * and the one they mean is nearly always recent; chat messages are short, so bm25 over a
 * word or two mostly ranks by message length; and the two indexes' bm25 scores are not
 * comparable, while times merge messages and contacts into one list. Recency also gives
 * a stable keyset cursor: (time, key) of the last hit, where the key orders hits that
 * share a time.
 */
import { sql } from "drizzle-orm";
import type { Db } from "./client";
import { HIGHLIGHT_END, HIGHLIGHT_START, type ChannelKind, type SearchHit } from "../protocol";

/** Where the previous page ended. */
export interface SearchCursor {
  at: number;
  key: string;
}

interface HitRow {
  conversationId: string;
  seq: number | null;
  contactId: string;
  contactName: string | null;
  channel: ChannelKind;
  snippet: string;
  at: number;
  key: string;
}

const ELLIPSIS = "…";
const MESSAGE_SNIPPET_TOKENS = 12;
const CONTACT_SNIPPET_TOKENS = 8;

function after(cursor: SearchCursor | undefined, at: ReturnType<typeof sql>, key: ReturnType<typeof sql>) {
  return cursor ? sql`AND (${at} < ${cursor.at} OR (${at} = ${cursor.at} AND ${key} < ${cursor.key}))` : sql``;
}

function messageHits(db: Db, match: string, cursor: SearchCursor | undefined, limit: number) {
  const key = sql`printf('m:%s:%010d', messages_fts.conversation_id, messages_fts.seq)`;
  const at = sql`m.created_at`;
  return db.all<HitRow>(sql`
    SELECT messages_fts.conversation_id AS conversationId, messages_fts.seq AS seq, c.contact_id AS contactId, ct.name AS contactName,
      i.kind AS channel, ${at} AS at, ${key} AS key,
      snippet(messages_fts, 0, ${HIGHLIGHT_START}, ${HIGHLIGHT_END}, ${ELLIPSIS}, ${MESSAGE_SNIPPET_TOKENS}) AS snippet
    FROM messages_fts
    JOIN messages m ON m.conversation_id = messages_fts.conversation_id AND m.seq = messages_fts.seq
    JOIN conversations c ON c.id = messages_fts.conversation_id
    JOIN contacts ct ON ct.id = c.contact_id
    JOIN inboxes i ON i.id = c.inbox_id
    WHERE messages_fts MATCH ${match} ${after(cursor, at, key)}
    ORDER BY at DESC, key DESC
    LIMIT ${limit}`);
}

/** A contact hit opens the contact's latest conversation (one with an event). */
function contactHits(db: Db, match: string, cursor: SearchCursor | undefined, limit: number) {
  const key = sql`('c:' || contacts_fts.contact_id)`;
  const at = sql`latest.last_activity_at`;
  return db.all<HitRow>(sql`
    SELECT latest.id AS conversationId, NULL AS seq, contacts_fts.contact_id AS contactId, ct.name AS contactName,
      i.kind AS channel, ${at} AS at, ${key} AS key,
      snippet(contacts_fts, -1, ${HIGHLIGHT_START}, ${HIGHLIGHT_END}, ${ELLIPSIS}, ${CONTACT_SNIPPET_TOKENS}) AS snippet
    FROM contacts_fts
    JOIN contacts ct ON ct.id = contacts_fts.contact_id
    JOIN conversations latest ON latest.id = (
      SELECT id FROM conversations
      WHERE contact_id = contacts_fts.contact_id AND last_seq > 0
      ORDER BY last_activity_at DESC, id DESC LIMIT 1)
    JOIN inboxes i ON i.id = latest.inbox_id
    WHERE contacts_fts MATCH ${match} ${after(cursor, at, key)}
    ORDER BY at DESC, key DESC
    LIMIT ${limit}`);
}

const newestFirst = (a: HitRow, b: HitRow) => b.at - a.at || (a.key < b.key ? 1 : a.key > b.key ? -1 : 0);

/** Up to `limit` hits for the MATCH expression `match` (see ./fts-query.ts) after
 * `cursor`, newest first, and the cursor of the page after it (null on the last page). */
export async function search(db: Db, match: string, cursor: SearchCursor | undefined, limit: number): Promise<{ hits: SearchHit[]; next: SearchCursor | null }> {
  // Each source's first limit+1 rows after the cursor hold the merged list's first
  // limit+1, because both are cut at the same place in the same order.
  // Two reads in parallel: drizzle cannot batch raw SQL on D1.
  const [messages, contacts] = await Promise.all([messageHits(db, match, cursor, limit + 1), contactHits(db, match, cursor, limit + 1)]);
  const merged = [...messages, ...contacts].sort(newestFirst);
  const page = merged.slice(0, limit);
  const last = page[page.length - 1];
  return {
    hits: page.map((h) => ({
      kind: h.seq === null ? "contact" : "message",
      conversationId: h.conversationId,
      seq: h.seq,
      contactId: h.contactId,
      contactName: h.contactName,
      channel: h.channel,
      snippet: h.snippet,
      at: h.at,
    })),
    next: merged.length > limit && last ? { at: last.at, key: last.key } : null,
  };
}
