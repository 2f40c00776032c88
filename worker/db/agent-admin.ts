/**
 * @module Agent administration in D1: invites, role and capacity changes, deactivation.
 * The last-owner rule is enforced inside each UPDATE (one SQLite statement is atomic),
 * so two admins demoting the last two owners at once cannot both succeed. Each write
 * takes the audit entry that records it (audit/entry.ts), batched right after the write,
 * so it lands exactly when the write changed something.
 */
import { and, eq, isNotNull, ne } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import type { Db } from "./client";
import { agentInvites, agents, conversations } from "./schema";
import type { ManagedAgent, Role } from "../protocol";
import type { PasswordHash } from "../auth/password";
import { toAgent, type AgentRow } from "./agents";

export type InviteRow = typeof agentInvites.$inferSelect;

export function toManagedAgent(row: AgentRow): ManagedAgent {
  return { ...toAgent(row), capacity: row.capacity ?? null, status: row.disabledAt ? "deactivated" : "active" };
}

export async function listAllAgents(db: Db): Promise<ManagedAgent[]> {
  const rows = await db.select().from(agents).orderBy(agents.name);
  return rows.map(toManagedAgent);
}

export async function insertInvite(db: Db, invite: Omit<InviteRow, "acceptedAt" | "agentId">, audit?: BatchItem<"sqlite">): Promise<void> {
  await db.batch([db.insert(agentInvites).values(invite), ...(audit ? [audit] : [])]);
}

export async function findInvite(db: Db, tokenHash: string): Promise<InviteRow | undefined> {
  return db.select().from(agentInvites).where(eq(agentInvites.tokenHash, tokenHash)).get();
}

/** Claims the invite and makes its agent (and their default-team membership) in one
 * transaction: the claim is conditional on the invite being unused and unexpired, and
 * the agent row is inserted only if this claim won, so a link makes one agent at most.
 * Returns false when the claim lost (used, expired, or a racing accept won). A taken
 * e-mail throws the UNIQUE error and rolls the claim back. */
export async function acceptInvite(
  db: Db,
  tokenHash: string,
  agent: { id: string; name: string; password: PasswordHash; teamId: string | null },
  now: number,
  audit?: D1PreparedStatement,
): Promise<boolean> {
  const d1 = db.$client;
  const [claim] = await d1.batch([
    d1.prepare("UPDATE agent_invites SET accepted_at = ?, agent_id = NULL WHERE token_hash = ? AND accepted_at IS NULL AND expires_at > ?").bind(now, tokenHash, now),
    d1
      .prepare(
        `INSERT INTO agents (id, email, name, role, password_hash, password_salt, password_iterations, created_at)
         SELECT ?, email, ?, role, ?, ?, ?, ? FROM agent_invites WHERE token_hash = ? AND accepted_at = ? AND agent_id IS NULL`,
      )
      .bind(agent.id, agent.name, agent.password.hash, agent.password.salt, agent.password.iterations, now, tokenHash, now),
    ...(audit ? [audit] : []),
    d1.prepare("UPDATE agent_invites SET agent_id = ? WHERE token_hash = ? AND accepted_at = ? AND agent_id IS NULL").bind(agent.id, tokenHash, now),
    d1
      .prepare("INSERT INTO team_members (team_id, agent_id) SELECT ?, ? WHERE ? IS NOT NULL AND EXISTS (SELECT 1 FROM agents WHERE id = ?)")
      .bind(agent.teamId, agent.id, agent.teamId, agent.id),
  ]);
  return claim?.meta.changes === 1;
}

const OTHER_ACTIVE_OWNER = "EXISTS (SELECT 1 FROM agents o WHERE o.role = 'owner' AND o.disabled_at IS NULL AND o.id != agents.id)";

/** Sets the role (and capacity when given) unless that would demote the last active
 * owner. Returns false when the last-owner rule refused. */
export async function updateRole(db: Db, id: string, role: Role, capacity: number | null | undefined, audit?: D1PreparedStatement): Promise<boolean> {
  const d1 = db.$client;
  const setCapacity = capacity === undefined ? "" : ", capacity = ?";
  const binds: unknown[] = [role, ...(capacity === undefined ? [] : [capacity]), id, role];
  const [res] = await d1.batch([
    d1.prepare(`UPDATE agents SET role = ?${setCapacity} WHERE id = ? AND (role != 'owner' OR ? = 'owner' OR disabled_at IS NOT NULL OR ${OTHER_ACTIVE_OWNER})`).bind(...binds),
    ...(audit ? [audit] : []),
  ]);
  return res?.meta.changes === 1;
}

/** Deactivates the agent and revokes every live session in one transaction, unless they
 * are the last active owner. Returns false when the last-owner rule refused. */
export async function deactivate(db: Db, id: string, now: number, audit?: D1PreparedStatement): Promise<boolean> {
  const d1 = db.$client;
  const [res] = await d1.batch([
    d1.prepare(`UPDATE agents SET disabled_at = ? WHERE id = ? AND disabled_at IS NULL AND (role != 'owner' OR ${OTHER_ACTIVE_OWNER})`).bind(now, id),
    ...(audit ? [audit] : []),
    d1.prepare("UPDATE sessions SET revoked_at = ? WHERE agent_id = ? AND revoked_at IS NULL AND EXISTS (SELECT 1 FROM agents WHERE id = ? AND disabled_at IS NOT NULL)").bind(now, id, id),
  ]);
  return res?.meta.changes === 1;
}

/** Reactivates a deactivated agent (an active one is left as it is, and `audit` with it). */
export async function reactivate(db: Db, id: string, audit?: BatchItem<"sqlite">): Promise<void> {
  await db.batch([db.update(agents).set({ disabledAt: null }).where(and(eq(agents.id, id), isNotNull(agents.disabledAt))), ...(audit ? [audit] : [])]);
}

/** The conversations still assigned to the agent and not resolved (D1's projection). */
export async function openAssignedIds(db: Db, agentId: string): Promise<string[]> {
  const rows = await db
    .select({ id: conversations.id })
    .from(conversations)
    .where(and(eq(conversations.assigneeId, agentId), ne(conversations.status, "resolved")));
  return rows.map((r) => r.id);
}

