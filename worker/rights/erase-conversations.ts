/**
 * @module One erasure step sequence over conversations, shared by the contact's erasure
 * (./erase-contact.ts, scope "contact") and the retention cron (./retention.ts, scope
 * "text"). Every step is idempotent, so a run cut off anywhere (D1 down, a room failing)
 * is simply run again from the top:
 *
 * 1. each ConversationRoom rewrites its log, deletes its files from R2 and tells its
 *    sockets (worker/conversation/erasure.ts);
 * 2. the Projectors are fenced: every handoff they took before now is through, so no batch
 *    carrying text from before step 1 can reach D1 or an outbox after step 3 or 4
 *    (worker/pipeline/projector.ts `fence`);
 * 3. D1, in one batch with the caller's own statements (worker/db/erasure.ts);
 * 4. every WebhookOutbox drops the payloads of these conversations (and the contact);
 * 5. the TeamQueues get the rows again, so no live list keeps an old name or preview.
 *
 * Why not a Durable Object running the sequence: nothing here needs to be held between
 * steps — each is derived again from D1 (the conversations of a contact, the endpoints)
 * and is harmless to repeat — so a row saying "not finished" (contact_erasures, or the
 * conversations' `erased_at` for retention) and a cron that runs the sequence again is
 * all the durability it needs.
 */
import type { BatchItem } from "drizzle-orm/batch";
import { isNotNull } from "drizzle-orm";
import type { Env } from "../env";
import type { Db } from "../db/client";
import { findConversations } from "../db/conversations";
import { eraseConversationStatements } from "../db/erasure";
import { inboxes, webhookEndpoints } from "../db/schema";
import { roomOf } from "../conversation/room-client";
import { projectorName } from "../pipeline/shard";
import { agentBotOutboxName } from "../bots/agent/stored";
import { UNROUTED_TEAM } from "../pipeline/listeners/team-queue-publish";
import type { ConversationSummary, ErasureCounts } from "../protocol";
import type { ErasureScope } from "./erased-event";

/** Rooms erased at once. Workers allow 6 simultaneous outgoing connections per invocation
 * (https://developers.cloudflare.com/workers/platform/limits/#simultaneous-open-connections). */
const ROOMS_AT_ONCE = 6;

export interface ConversationErasure {
  /** What the run did, counts only. */
  counts: ErasureCounts;
  /** The conversations actually erased (retention skips one reopened meanwhile). */
  erased: string[];
}

export async function eraseConversations(
  env: Env,
  db: Db,
  conversationIds: readonly string[],
  opts: { scope: ErasureScope; contactId: string | null; now: number; resolvedBefore?: number; alsoInD1?: BatchItem<"sqlite">[] },
): Promise<ConversationErasure> {
  const rows = await findConversations(db, conversationIds);
  const counts: ErasureCounts = { conversations: 0, events: 0, files: 0, webhookDeliveries: 0 };
  const erased: ConversationSummary[] = [];
  // 1. The rooms.
  for (let i = 0; i < rows.length; i += ROOMS_AT_ONCE) {
    const chunk = rows.slice(i, i + ROOMS_AT_ONCE);
    const done = await Promise.all(chunk.map((row) => roomOf(env, row).erase(opts.scope, opts.resolvedBefore)));
    done.forEach((d, j) => {
      if (!d) return;
      erased.push(chunk[j]!);
      counts.events += d.events;
      counts.files += d.files;
    });
  }
  counts.conversations = erased.length;
  const ids = erased.map((r) => r.id);
  // 2. No handoff from before step 1 still on its way.
  await Promise.all([...new Set(ids.map(projectorName))].map((name) => env.PROJECTOR.getByName(name).fence()));
  // 3. D1.
  const statements = [...eraseConversationStatements(db, ids, opts.scope, opts.now), ...(opts.alsoInD1 ?? [])];
  const [first, ...rest] = statements;
  if (first) await db.batch([first, ...rest]);
  // 4. The webhook outboxes: every endpoint's, and the agent bots' of these inboxes.
  counts.webhookDeliveries = await eraseOutboxes(env, db, ids, opts.contactId, new Set(erased.map((r) => r.inboxId)));
  // 5. The live lists.
  await republish(env, await findConversations(db, ids));
  return { counts, erased: ids };
}

async function eraseOutboxes(env: Env, db: Db, ids: string[], contactId: string | null, inboxIds: Set<string>): Promise<number> {
  if (ids.length === 0 && !contactId) return 0;
  const endpoints = (await db.select({ id: webhookEndpoints.id }).from(webhookEndpoints).all()).map((e) => e.id);
  const bots = (await db.select({ id: inboxes.id }).from(inboxes).where(isNotNull(inboxes.agentBot)).all()).filter((i) => inboxIds.has(i.id)).map((i) => agentBotOutboxName(i.id));
  let erased = 0;
  const names = [...endpoints, ...bots];
  for (let i = 0; i < names.length; i += ROOMS_AT_ONCE) {
    const done = await Promise.all(names.slice(i, i + ROOMS_AT_ONCE).map((name) => env.WEBHOOK_OUTBOX.getByName(name).erase(ids, contactId)));
    erased += done.reduce((a, b) => a + b, 0);
  }
  return erased;
}

async function republish(env: Env, rows: ConversationSummary[]): Promise<void> {
  const byTeam = new Map<string, ConversationSummary[]>();
  for (const row of rows) {
    if (row.lastSeq === 0) continue;
    const team = row.teamId ?? UNROUTED_TEAM;
    byTeam.set(team, [...(byTeam.get(team) ?? []), row]);
  }
  await Promise.all([...byTeam].map(([team, changed]) => env.TEAM_QUEUE.getByName(team).publishMany(changed)));
}
