/**
 * @module Agents, sessions and teams in D1.
 */
import { and, count, eq, gt, isNull } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import type { Db } from "./client";
import { agents, sessions, teamMembers, teams } from "./schema";
import type { Agent, Role, Team } from "../protocol";
import type { PasswordHash } from "../auth/password";

export type AgentRow = typeof agents.$inferSelect;

export function toAgent(row: AgentRow): Agent {
  return { id: row.id, name: row.name, email: row.email, role: row.role };
}

export async function countAgents(db: Db): Promise<number> {
  const [row] = await db.select({ n: count() }).from(agents);
  return row?.n ?? 0;
}

export async function findAgentByEmail(db: Db, email: string): Promise<AgentRow | undefined> {
  return db.select().from(agents).where(eq(agents.email, email)).get();
}

export async function findAgent(db: Db, id: string): Promise<AgentRow | undefined> {
  return db.select().from(agents).where(eq(agents.id, id)).get();
}

export async function listAgents(db: Db): Promise<Agent[]> {
  const rows = await db.select().from(agents).where(isNull(agents.disabledAt)).orderBy(agents.name);
  return rows.map(toAgent);
}

interface NewAgent {
  id: string;
  name: string;
  email: string;
  role: Role;
  password: PasswordHash;
  teamIds: string[];
}

function insertAgentStatements(db: Db, a: NewAgent, now: number) {
  return [
    db.insert(agents).values({
      id: a.id,
      name: a.name,
      email: a.email,
      role: a.role,
      passwordHash: a.password.hash,
      passwordSalt: a.password.salt,
      passwordIterations: a.password.iterations,
      createdAt: now,
    }),
    ...a.teamIds.map((teamId) => db.insert(teamMembers).values({ teamId, agentId: a.id })),
  ] as const;
}

/** Creates the owner, the default team and the owner's membership in one D1 batch (one
 * transaction), only while no agent exists: two racing setups cannot both win, because
 * the second's conditional insert sees the first's row. drizzle cannot express
 * INSERT … SELECT … WHERE NOT EXISTS with literal values, so these three statements are
 * written by hand, parameterised. */
export async function createOwnerIfNone(db: Db, owner: Omit<NewAgent, "role" | "teamIds">, defaultTeam: Team, now: number, audit?: D1PreparedStatement): Promise<boolean> {
  const d1 = db.$client;
  const [inserted] = await d1.batch([
    d1
      .prepare(
        `INSERT INTO agents (id, email, name, role, password_hash, password_salt, password_iterations, created_at)
         SELECT ?, ?, ?, 'owner', ?, ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM agents)`,
      )
      .bind(owner.id, owner.email, owner.name, owner.password.hash, owner.password.salt, owner.password.iterations, now),
    // Right after the owner's insert: recorded only when it made the owner.
    ...(audit ? [audit] : []),
    d1.prepare("INSERT INTO teams (id, name, created_at) SELECT ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM teams)").bind(defaultTeam.id, defaultTeam.name, now),
    d1
      .prepare("INSERT INTO team_members (team_id, agent_id) SELECT ?, ? WHERE EXISTS (SELECT 1 FROM agents WHERE id = ?) AND EXISTS (SELECT 1 FROM teams WHERE id = ?)")
      .bind(defaultTeam.id, owner.id, owner.id, defaultTeam.id),
  ]);
  return inserted?.meta.changes === 1;
}

/** `audit` (the entry recording it) lands in the same batch, right after the agent's insert. */
export async function createAgent(db: Db, a: NewAgent, now: number, audit?: BatchItem<"sqlite">): Promise<void> {
  const [first, ...rest] = insertAgentStatements(db, a, now);
  await db.batch([first, ...(audit ? [audit] : []), ...rest]);
}

export async function teamIdsOf(db: Db, agentId: string): Promise<string[]> {
  const rows = await db.select({ teamId: teamMembers.teamId }).from(teamMembers).where(eq(teamMembers.agentId, agentId));
  return rows.map((r) => r.teamId);
}

export async function listTeams(db: Db): Promise<Team[]> {
  return db.select({ id: teams.id, name: teams.name }).from(teams).orderBy(teams.name);
}

export async function findTeam(db: Db, id: string): Promise<Team | undefined> {
  return db.select({ id: teams.id, name: teams.name }).from(teams).where(eq(teams.id, id)).get();
}

export async function findDefaultTeam(db: Db): Promise<Team | undefined> {
  return db.select({ id: teams.id, name: teams.name }).from(teams).orderBy(teams.createdAt).limit(1).get();
}

// --- sessions ------------------------------------------------------------------------

/** `audit` (the sign-in's entry) lands in the same batch as the session. */
export async function insertSession(db: Db, tokenHash: string, agentId: string, now: number, expiresAt: number, audit?: BatchItem<"sqlite">) {
  await db.batch([db.insert(sessions).values({ tokenHash, agentId, createdAt: now, expiresAt }), ...(audit ? [audit] : [])]);
}

export async function findLiveSession(db: Db, tokenHash: string, now: number) {
  return db
    .select({ agent: agents, expiresAt: sessions.expiresAt })
    .from(sessions)
    .innerJoin(agents, eq(agents.id, sessions.agentId))
    .where(and(eq(sessions.tokenHash, tokenHash), isNull(sessions.revokedAt), gt(sessions.expiresAt, now), isNull(agents.disabledAt)))
    .get();
}

/** Revokes a live session; `audit` (the sign-out's entry) lands only if it was live. */
export async function revokeSession(db: Db, tokenHash: string, now: number, audit?: BatchItem<"sqlite">) {
  await db.batch([db.update(sessions).set({ revokedAt: now }).where(and(eq(sessions.tokenHash, tokenHash), isNull(sessions.revokedAt))), ...(audit ? [audit] : [])]);
}
