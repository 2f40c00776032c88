/**
 * @module What the live dashboard reads from D1: teams with their members and capacity,
 * and open / unassigned counts (the queues' own figures come from the TeamQueues).
 */
import { sql } from "drizzle-orm";
import type { Db } from "./client";

export interface LiveTeam {
  id: string;
  name: string;
  defaultCapacity: number;
  members: { id: string; name: string; capacity: number | null }[];
}

export async function liveTeams(db: Db): Promise<LiveTeam[]> {
  const rows = await db.all<{ teamId: string; teamName: string; defaultCapacity: number; agentId: string | null; agentName: string | null; capacity: number | null }>(sql`
    SELECT t.id AS teamId, t.name AS teamName, t.default_capacity AS defaultCapacity, a.id AS agentId, a.name AS agentName, a.capacity AS capacity
    FROM teams t LEFT JOIN team_members m ON m.team_id = t.id LEFT JOIN agents a ON a.id = m.agent_id AND a.disabled_at IS NULL
    ORDER BY t.name, a.name`);
  const teams = new Map<string, LiveTeam>();
  for (const r of rows) {
    const team = teams.get(r.teamId) ?? { id: r.teamId, name: r.teamName, defaultCapacity: r.defaultCapacity, members: [] };
    if (r.agentId !== null) team.members.push({ id: r.agentId, name: r.agentName ?? "", capacity: r.capacity });
    teams.set(r.teamId, team);
  }
  return [...teams.values()];
}

/** Open conversations now, and those of them without an agent. */
export async function openCounts(db: Db): Promise<{ open: number; unassigned: number }> {
  const row = await db.get<{ open: number; unassigned: number }>(
    sql`SELECT count(*) AS open, coalesce(sum(assignee_id IS NULL), 0) AS unassigned FROM conversations WHERE status = 'open' AND last_seq > 0`,
  );
  return { open: row?.open ?? 0, unassigned: row?.unassigned ?? 0 };
}
