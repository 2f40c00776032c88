/**
 * @module The room's half of an erasure (LGPD art. 18: a contact's erasure, or an inbox's
 * retention): every stored event rewritten by ../rights/erased-event.ts, the changes
 * waiting for a message (they may carry an edit's text), the delivery queue (a queued
 * reply must not go out as "[removed]"), unsent uploads, the contact's remembered name
 * and the state's preview and recipient — then the files in R2, then every socket told.
 *
 * Why this order, and why it is safe to run again:
 * - The rewrite is one synchronous transaction, and it records the files to delete in
 *   `erasure_files` in the same transaction: once the events no longer name a file, this
 *   table still does, until R2 confirmed the delete. A retry after R2 failed finds the
 *   events already erased (nothing new to rewrite) and the files still listed.
 * - Events still in the projection outbox now hold the erased text, so every handoff from
 *   here on carries "[removed]". A handoff already in flight carries the old text; the
 *   erasure waits for it (`projected`) so the caller's D1 rewrite, which comes after this
 *   RPC returns, lands after it — and the caller also fences the Projector for a handoff
 *   an evicted instance of this room left behind (../rights/erase-conversations.ts).
 * - Sockets get an `erased` frame and are closed: clients drop what they show and
 *   reconnect from seq 0, so they replay only erased events.
 */
import type { Env } from "../env";
import type { RoomState } from "./commands";
import type { EventLog } from "./event-log";
import { REMOVED_TEXT, type ConversationEvent } from "../protocol";
import { ERASED_CLOSE_CODE } from "../protocol/limits";
import { erasedEvent, fileIdsOf, type ErasureScope } from "../rights/erased-event";
import { fileKey } from "../channels/webchat/files";
import { closeSocket, sendFrame } from "../durable/hibernatable-sockets";

export type { ErasureScope };

/** R2's bulk delete takes at most 1,000 keys per call
 * (https://developers.cloudflare.com/r2/api/workers/workers-api-reference/#bucket-method-definitions). */
const R2_DELETE_MAX_KEYS = 1000;

export interface RoomErasure {
  /** Events whose stored form changed (0 on a retry that found everything erased). */
  events: number;
  /** Files deleted from R2 by this call. */
  files: number;
  lastSeq: number;
}

export interface ErasableRoom {
  ctx: DurableObjectState;
  env: Env;
  log: EventLog;
  state: RoomState;
  /** Keeps the erased state as the room's own. */
  saveState: (state: RoomState) => void;
  /** Resolves when no projection handoff is in flight. */
  projected: () => Promise<void>;
}

/** Erases the room's personal data of `scope`; idempotent. With `resolvedBefore` (the
 * retention cron), only a conversation still resolved before that time is erased — one a
 * customer reopened since the cron read D1 keeps its new text — and null says it was not. */
export async function eraseRoom(room: ErasableRoom, scope: ErasureScope, resolvedBefore?: number): Promise<RoomErasure | null> {
  if (resolvedBefore !== undefined && !(room.state.status === "resolved" && room.state.resolvedAt !== null && room.state.resolvedAt < resolvedBefore)) return null;
  const { sql } = room.ctx.storage;
  const events = room.ctx.storage.transactionSync(() => {
    sql.exec("CREATE TABLE IF NOT EXISTS erasure_files (id TEXT PRIMARY KEY)");
    const rewritten = rewriteEvents(sql, scope);
    if (rewritten > 0) room.log.noteRewritten(); // memory copies of events are stale now
    for (const row of sql.exec<{ id: string }>("SELECT id FROM uploads").toArray()) sql.exec("INSERT OR IGNORE INTO erasure_files (id) VALUES (?)", row.id);
    sql.exec("DELETE FROM uploads");
    // Receipts, reactions, edits and unsends waiting for their message (an edit holds text).
    sql.exec("DELETE FROM pending_changes");
    // Replies not yet handed to the provider would go out as "[removed]": they are dropped.
    sql.exec("DELETE FROM deliveries");
    if (scope === "contact") sql.exec("UPDATE participants SET name = NULL WHERE participant LIKE 'contact:%'");
    const state = erasedState(room.state, scope);
    room.log.saveState(state);
    room.saveState(state);
    return rewritten;
  });
  if (scope === "contact") room.log.forgetNames();
  // The in-flight handoff (old text) must be through before the caller rewrites D1.
  await room.projected();
  const files = await deleteFiles(room, sql);
  for (const ws of room.ctx.getWebSockets()) {
    sendFrame(ws, { type: "erased" });
    closeSocket(ws, ERASED_CLOSE_CODE, "conversation erased");
  }
  return { events, files, lastSeq: room.state.lastSeq };
}

/** Rewrites every event whose erased form differs; queues the files they named. */
function rewriteEvents(sql: SqlStorage, scope: ErasureScope): number {
  let changed = 0;
  // Read whole first: rows are updated while walking, which a live cursor must not see.
  for (const row of sql.exec<{ seq: number; body: string }>("SELECT seq, body FROM events ORDER BY seq").toArray()) {
    const event = JSON.parse(row.body) as ConversationEvent;
    const body = JSON.stringify(erasedEvent(event, scope));
    if (body === row.body) continue;
    for (const id of fileIdsOf(event)) sql.exec("INSERT OR IGNORE INTO erasure_files (id) VALUES (?)", id);
    sql.exec("UPDATE events SET body = ? WHERE seq = ?", body, row.seq);
    changed++;
  }
  return changed;
}

function erasedState(state: RoomState, scope: ErasureScope): RoomState {
  const preview = state.lastMessagePreview ? REMOVED_TEXT : state.lastMessagePreview;
  // The contact's channel address goes with the contact: nothing can be sent any more.
  return scope === "contact" ? { ...state, lastMessagePreview: preview, recipient: null, menu: null } : { ...state, lastMessagePreview: preview };
}

/** Deletes the listed files from R2, then forgets them; a failure leaves them listed. */
async function deleteFiles(room: ErasableRoom, sql: SqlStorage): Promise<number> {
  const ids = sql.exec<{ id: string }>("SELECT id FROM erasure_files").toArray().map((r) => r.id);
  for (let i = 0; i < ids.length; i += R2_DELETE_MAX_KEYS) {
    const chunk = ids.slice(i, i + R2_DELETE_MAX_KEYS);
    await room.env.FILES.delete(chunk.map(fileKey));
    room.ctx.storage.transactionSync(() => {
      for (const id of chunk) sql.exec("DELETE FROM erasure_files WHERE id = ?", id);
    });
  }
  return ids.length;
}
