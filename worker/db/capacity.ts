/**
 * @module Agents' capacity in D1 (issue 14): how many open conversations each agent
 * carries, and the reservation a TeamQueue takes before handing one out.
 *
 * The invariant "automatic assignment never exceeds capacity" must hold across teams: an
 * agent in two teams is served by two TeamQueues that run concurrently. D1 runs one
 * statement at a time per database, so the reservation is a single conditional INSERT
 * that counts the agent's load and inserts only under the limit: two queues can never
 * both take the agent's last unit. The load it counts is the agent's open conversations
 * as projected plus reservations not yet projected; the projection deletes a
 * reservation in the same batch that writes its assignment (./projection.ts), so a
 * conversation is never counted twice or not at all.
 *
 * Raw SQL: the conditional INSERT … SELECT … WHERE with a correlated count has no
 * query-builder form, and the statements are few and fixed.
 */

import { DEFAULT_TEAM_CAPACITY } from "../protocol";

/** A reservation whose room never answered (the queue died between reserving and
 * assigning) stops counting after this long; an assignment takes well under a second. */
export const RESERVATION_TTL_MS = 60_000;

/** What distribution needs to know about one agent. */
export interface AgentLoad {
  agentId: string;
  name: string;
  /** Open conversations assigned, plus live reservations. */
  load: number;
  /** The agent's own override, else the team's default. */
  capacity: number;
  /** When automatic distribution last gave them a conversation (0: never). */
  lastAssignedAt: number;
}

/** Open conversations per agent. `last_seq > 0` is spelled literally so the count walks
 * conversations_assignee_activity_idx (a partial index with that condition). */
const OPEN_COUNT = "SELECT COUNT(*) FROM conversations c WHERE c.assignee_id = a.id AND c.status = 'open' AND c.last_seq > 0";
const RESERVED_COUNT = "SELECT COUNT(*) FROM capacity_reservations r WHERE r.agent_id = a.id AND r.expires_at > ?1";

/** D1 binds at most 100 parameters per statement
 * (https://developers.cloudflare.com/d1/platform/limits/); two are taken. */
const AGENTS_PER_STATEMENT = 98;

/** Loads of the given (active) agents; deactivated or unknown ids are left out. */
export async function agentLoads(db: D1Database, agentIds: readonly string[], teamDefaultCapacity: number, now: number): Promise<AgentLoad[]> {
  const out: AgentLoad[] = [];
  for (let i = 0; i < agentIds.length; i += AGENTS_PER_STATEMENT) {
    const ids = agentIds.slice(i, i + AGENTS_PER_STATEMENT);
    const marks = ids.map((_, k) => `?${k + 3}`).join(", ");
    const { results } = await db
      .prepare(
        `SELECT a.id AS agentId, a.name AS name, COALESCE(a.capacity, ?2) AS capacity, a.last_assigned_at AS lastAssignedAt,
           (${OPEN_COUNT}) + (${RESERVED_COUNT}) AS load
         FROM agents a WHERE a.id IN (${marks}) AND a.disabled_at IS NULL`,
      )
      .bind(now, teamDefaultCapacity, ...ids)
      .all<AgentLoad>();
    out.push(...results);
  }
  return out;
}

/**
 * Reserves one unit of `agentId`'s capacity for `conversationId`, only if their load is
 * below `capacity` right now. True when reserved. A leftover reservation of the same
 * conversation is replaced only once it has expired. Also stamps the agent's
 * last_assigned_at (the roleta's tie-break) in the same batch, only if it reserved.
 */
export async function reserveCapacity(db: D1Database, r: { conversationId: string; agentId: string; capacity: number; now: number }): Promise<boolean> {
  const expiresAt = r.now + RESERVATION_TTL_MS;
  const [insert] = await db.batch([
    db
      .prepare(
        `INSERT INTO capacity_reservations (conversation_id, agent_id, expires_at)
         SELECT ?1, ?2, ?3 WHERE
           (SELECT COUNT(*) FROM conversations c WHERE c.assignee_id = ?2 AND c.status = 'open' AND c.last_seq > 0)
           + (SELECT COUNT(*) FROM capacity_reservations r WHERE r.agent_id = ?2 AND r.expires_at > ?4) < ?5
         ON CONFLICT (conversation_id) DO UPDATE SET agent_id = excluded.agent_id, expires_at = excluded.expires_at
           WHERE capacity_reservations.expires_at <= ?4`,
      )
      .bind(r.conversationId, r.agentId, expiresAt, r.now, r.capacity),
    db
      .prepare(
        `UPDATE agents SET last_assigned_at = ?3 WHERE id = ?2
           AND EXISTS (SELECT 1 FROM capacity_reservations WHERE conversation_id = ?1 AND agent_id = ?2 AND expires_at = ?4)`,
      )
      .bind(r.conversationId, r.agentId, r.now, expiresAt),
  ]);
  return (insert?.meta.changes ?? 0) > 0;
}

/** A manual assignment is on its way to the room: it counts in the agent's load from now
 * (the projection deletes the row with the assignment), so neither a queue nor the
 * over-capacity answer misses it while D1 trails the room. Unconditional: an admin may
 * exceed capacity. */
export async function holdCapacity(db: D1Database, conversationId: string, agentId: string, now: number): Promise<void> {
  await db
    .prepare("INSERT INTO capacity_reservations (conversation_id, agent_id, expires_at) VALUES (?1, ?2, ?3) ON CONFLICT (conversation_id) DO UPDATE SET agent_id = excluded.agent_id, expires_at = excluded.expires_at")
    .bind(conversationId, agentId, now + RESERVATION_TTL_MS)
    .run();
}

/** The room did not assign (someone else had it meanwhile): give the unit back. */
export async function releaseCapacity(db: D1Database, conversationId: string, agentId: string): Promise<void> {
  await db.prepare("DELETE FROM capacity_reservations WHERE conversation_id = ? AND agent_id = ?").bind(conversationId, agentId).run();
}

/** The distribution settings a TeamQueue reads from its team's row. */
export interface TeamDistribution {
  mode: "manual" | "auto";
  defaultCapacity: number;
  unansweredTimeoutS: number | null;
}

export async function teamDistribution(db: D1Database, teamId: string): Promise<TeamDistribution | null> {
  return db
    .prepare("SELECT distribution_mode AS mode, default_capacity AS defaultCapacity, unanswered_timeout_s AS unansweredTimeoutS FROM teams WHERE id = ?")
    .bind(teamId)
    .first<TeamDistribution>();
}

/** After a manual assignment of `conversationId` to `agentId`: their load and capacity
 * when the load is now over it, else null. The conversation counts once whether or not
 * the projection has written it yet. Capacity: the agent's own, else the team's default. */
export async function capacityExceeded(db: D1Database, agentId: string, conversationId: string, teamId: string | null): Promise<{ load: number; capacity: number } | null> {
  const row = await db
    .prepare(
      `SELECT COALESCE(a.capacity, (SELECT default_capacity FROM teams WHERE id = ?3), ?4) AS capacity,
         (SELECT COUNT(*) FROM conversations c WHERE c.assignee_id = a.id AND c.status = 'open' AND c.last_seq > 0 AND c.id != ?2)
         + (SELECT COUNT(*) FROM capacity_reservations r WHERE r.agent_id = a.id AND r.expires_at > ?5 AND r.conversation_id != ?2) + 1 AS load
       FROM agents a WHERE a.id = ?1`,
    )
    .bind(agentId, conversationId, teamId, DEFAULT_TEAM_CAPACITY, Date.now())
    .first<{ capacity: number; load: number }>();
  return row && row.load > row.capacity ? row : null;
}
