/**
 * @module Teams' settings and members in D1: create, read, change, members in and out,
 * and deleting a team (its conversations moved to another first).
 */
import { and, count, eq } from "drizzle-orm";
import type { Db } from "./client";
import { conversations, inboxes, teamMembers, teams } from "./schema";
import type { TeamDetail, TeamSettings } from "../protocol";
import type { BatchItem } from "drizzle-orm/batch";
import { writeAudited } from "./audit-conditional";

type TeamRow = typeof teams.$inferSelect;

function toDetail(row: TeamRow, memberIds: string[]): TeamDetail {
  return {
    id: row.id,
    name: row.name,
    distributionMode: row.distributionMode,
    defaultCapacity: row.defaultCapacity,
    businessHours: row.businessHours ?? null,
    awayMessage: row.awayMessage,
    overflowTeamId: row.overflowTeamId ?? null,
    unansweredTimeoutSeconds: row.unansweredTimeoutS ?? null,
    memberIds,
  };
}

export async function findTeamRow(db: Db, id: string): Promise<TeamRow | undefined> {
  return db.select().from(teams).where(eq(teams.id, id)).get();
}

export async function teamDetail(db: Db, id: string): Promise<TeamDetail | undefined> {
  const row = await findTeamRow(db, id);
  if (!row) return undefined;
  const members = await db.select({ agentId: teamMembers.agentId }).from(teamMembers).where(eq(teamMembers.teamId, id)).orderBy(teamMembers.agentId);
  return toDetail(row, members.map((m) => m.agentId));
}

/** Each write here takes the audit entry recording it (`audit`), which lands in the same
 * batch only if the write changed a row (./audit-conditional.ts). */
export async function insertTeam(db: Db, id: string, name: string, settings: TeamSettings, now: number, audit?: BatchItem<"sqlite">): Promise<void> {
  await writeAudited(db, db.insert(teams).values({ id, name, createdAt: now, ...columnsOf(settings) }), audit);
}

export async function updateTeam(db: Db, id: string, changes: Partial<TeamSettings & { name: string }>, audit?: BatchItem<"sqlite">): Promise<boolean> {
  const rows = await writeAudited(db, db.update(teams).set(columnsOf(changes)).where(eq(teams.id, id)).returning({ id: teams.id }), audit);
  return rows.length === 1;
}

/** The API's names to the table's where they differ (seconds are spelled out in the API). */
function columnsOf<T extends Partial<TeamSettings>>(settings: T): Omit<T, "unansweredTimeoutSeconds"> & { unansweredTimeoutS?: number | null } {
  const { unansweredTimeoutSeconds, ...rest } = settings;
  return unansweredTimeoutSeconds === undefined ? rest : { ...rest, unansweredTimeoutS: unansweredTimeoutSeconds };
}

/** Adds the agent to the team; true when they were not a member yet. */
export async function addMember(db: Db, teamId: string, agentId: string, audit?: BatchItem<"sqlite">): Promise<boolean> {
  const rows = await writeAudited(db, db.insert(teamMembers).values({ teamId, agentId }).onConflictDoNothing().returning({ agentId: teamMembers.agentId }), audit);
  return rows.length === 1;
}

/** Drops the agent from the team; true when they were a member. */
export async function removeMember(db: Db, teamId: string, agentId: string, audit?: BatchItem<"sqlite">): Promise<boolean> {
  const rows = await writeAudited(db, db.delete(teamMembers).where(and(eq(teamMembers.teamId, teamId), eq(teamMembers.agentId, agentId))).returning({ agentId: teamMembers.agentId }), audit);
  return rows.length === 1;
}

export async function countTeamConversations(db: Db, teamId: string): Promise<number> {
  const [row] = await db.select({ n: count() }).from(conversations).where(eq(conversations.teamId, teamId));
  return row?.n ?? 0;
}

/** The team's conversations: their rooms must log the transfer. */
export async function teamConversationIds(db: Db, teamId: string): Promise<string[]> {
  const rows = await db.select({ id: conversations.id }).from(conversations).where(eq(conversations.teamId, teamId));
  return rows.map((r) => r.id);
}

/** Deletes the team in one D1 batch (one transaction): whatever still points at it
 * (conversations the rooms have not projected yet, resolved ones, inboxes defaulting to
 * it) moves to `targetId` (or to no team), other teams stop overflowing into it, its
 * members are dropped. Every reference goes first because D1 enforces foreign keys. */
export async function deleteTeam(db: Db, id: string, targetId: string | null, audit?: BatchItem<"sqlite">): Promise<number> {
  const [moved] = await db.batch([
    db.update(conversations).set({ teamId: targetId }).where(eq(conversations.teamId, id)).returning({ id: conversations.id }),
    db.update(inboxes).set({ teamId: targetId }).where(eq(inboxes.teamId, id)),
    db.update(teams).set({ overflowTeamId: null }).where(eq(teams.overflowTeamId, id)),
    db.delete(teamMembers).where(eq(teamMembers.teamId, id)),
    db.delete(teams).where(eq(teams.id, id)),
    ...(audit ? [audit] : []),
  ]);
  return moved.length;
}
