/**
 * @module A TeamQueue's record of its team's open conversations that an agent has, in
 * the Durable Object's SQLite: who has each, since when, whether an agent has answered,
 * and when its customer started waiting. It is what lets a conversation go back to the
 * queue at its original place (the agent went offline, was deactivated, or did not
 * answer in time) and what the team's "forward if no response" deadline is measured from.
 */
import type { AssignmentReason, ConversationSummary } from "../protocol";

/** Why the queue wants a conversation back from its agent. */
export type ReturnReason = Extract<AssignmentReason, "offline" | "timeout" | "reopened">;

export interface AssignedRow {
  conversationId: string;
  agentId: string;
  summary: ConversationSummary;
  receivedAt: number;
  assignedAt: number;
  returnReason: ReturnReason | null;
}

interface StoredAssigned extends Record<string, SqlStorageValue> {
  conversation_id: string;
  agent_id: string;
  summary: string;
  received_at: number;
  assigned_at: number;
  return_reason: ReturnReason | null;
}

export class AssignedBook {
  constructor(private readonly sql: SqlStorage) {
    // `answered`: an agent has replied (firstResponseAt set); only unanswered ones go
    // back when their agent leaves or lets the deadline pass. `return_reason`: the queue
    // asked for it back and the room has not confirmed yet; kept until it has, so a
    // failed attempt is retried by the alarm.
    sql.exec(`CREATE TABLE IF NOT EXISTS assigned (
      conversation_id TEXT PRIMARY KEY,
      agent_id TEXT NOT NULL,
      summary TEXT NOT NULL,
      last_seq INTEGER NOT NULL,
      received_at INTEGER NOT NULL,
      assigned_at INTEGER NOT NULL,
      answered INTEGER NOT NULL,
      return_reason TEXT)`);
    sql.exec("CREATE INDEX IF NOT EXISTS assigned_agent ON assigned (agent_id, answered)");
    sql.exec("CREATE INDEX IF NOT EXISTS assigned_deadline ON assigned (answered, assigned_at)");
    sql.exec("CREATE INDEX IF NOT EXISTS assigned_returns ON assigned (return_reason) WHERE return_reason IS NOT NULL");
  }

  /** A published row of this team. Keeps it while an agent has it open; otherwise
   * forgets it and answers what it knew (the original received time, a skip), so the
   * waiting list can put it back at its place. */
  update(summary: ConversationSummary, receivedAtIfNew: number, now: number): { receivedAt: number; skipAgent: string | null } | null {
    const known = this.sql.exec<StoredAssigned & { last_seq: number }>("SELECT * FROM assigned WHERE conversation_id = ?", summary.id).toArray()[0];
    if (known && known.last_seq > summary.lastSeq) return null;
    if (summary.status !== "open" || summary.assigneeId === null) {
      if (!known) return null;
      this.sql.exec("DELETE FROM assigned WHERE conversation_id = ?", summary.id);
      // It timed out with this agent: the distribution offers it to someone else first.
      return { receivedAt: known.received_at, skipAgent: known.return_reason === "timeout" ? known.agent_id : null };
    }
    // A new assignee starts a new deadline; the customer's waiting time stays theirs.
    const sameAgent = known?.agent_id === summary.assigneeId;
    this.sql.exec(
      `INSERT INTO assigned (conversation_id, agent_id, summary, last_seq, received_at, assigned_at, answered, return_reason) VALUES (?, ?, ?, ?, ?, ?, ?, NULL)
       ON CONFLICT(conversation_id) DO UPDATE SET agent_id = excluded.agent_id, summary = excluded.summary, last_seq = excluded.last_seq,
         answered = excluded.answered, assigned_at = ${sameAgent ? "assigned.assigned_at" : "excluded.assigned_at"},
         return_reason = ${sameAgent ? "assigned.return_reason" : "NULL"}`,
      summary.id,
      summary.assigneeId,
      JSON.stringify(summary),
      summary.lastSeq,
      known?.received_at ?? receivedAtIfNew,
      now,
      summary.firstResponseAt === null ? 0 : 1,
    );
    return null;
  }

  /** The conversation left the team: forget it (the new team learns its received time). */
  forget(conversationId: string): number | null {
    const row = this.sql.exec<{ received_at: number }>("SELECT received_at FROM assigned WHERE conversation_id = ?", conversationId).toArray()[0];
    this.sql.exec("DELETE FROM assigned WHERE conversation_id = ?", conversationId);
    return row?.received_at ?? null;
  }

  /** The agent's conversations here that no agent has answered yet. */
  unansweredOf(agentId: string): AssignedRow[] {
    return this.sql.exec<StoredAssigned>("SELECT * FROM assigned WHERE agent_id = ? AND answered = 0", agentId).toArray().map(rowOf);
  }

  /** Unanswered assignments older than `timeoutMs` at `at`, not already being returned. */
  timedOut(at: number, timeoutMs: number): AssignedRow[] {
    return this.sql.exec<StoredAssigned>("SELECT * FROM assigned WHERE answered = 0 AND assigned_at <= ? AND return_reason IS NULL", at - timeoutMs).toArray().map(rowOf);
  }

  /** When the oldest unanswered assignment times out, if any. */
  nextTimeout(timeoutMs: number): number | null {
    const row = this.sql.exec<{ at: number | null }>("SELECT MIN(assigned_at) AS at FROM assigned WHERE answered = 0 AND return_reason IS NULL").one();
    return row.at === null ? null : row.at + timeoutMs;
  }

  /** The queue wants these back (durably: the alarm retries until the room answers). */
  markReturn(conversationIds: readonly string[], reason: ReturnReason): void {
    for (const id of conversationIds) this.sql.exec("UPDATE assigned SET return_reason = ? WHERE conversation_id = ?", reason, id);
  }

  /** Returns asked for and not yet confirmed by a publish. */
  pendingReturns(): AssignedRow[] {
    return this.sql.exec<StoredAssigned>("SELECT * FROM assigned WHERE return_reason IS NOT NULL").toArray().map(rowOf);
  }

  /** The room declined the return (the agent answered, or someone else has it): stop
   * asking; a new deadline starts now. */
  declined(conversationId: string, now: number): void {
    this.sql.exec("UPDATE assigned SET return_reason = NULL, assigned_at = ? WHERE conversation_id = ?", now, conversationId);
  }

  /** Open conversations per agent in this team (for the console and tests). */
  countsByAgent(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const r of this.sql.exec<{ agent_id: string; n: number }>("SELECT agent_id, COUNT(*) AS n FROM assigned GROUP BY agent_id")) out[r.agent_id] = r.n;
    return out;
  }
}

function rowOf(r: StoredAssigned): AssignedRow {
  return { conversationId: r.conversation_id, agentId: r.agent_id, summary: JSON.parse(r.summary) as ConversationSummary, receivedAt: r.received_at, assignedAt: r.assigned_at, returnReason: r.return_reason };
}
