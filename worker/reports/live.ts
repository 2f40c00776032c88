/**
 * @module The live dashboard: open and unassigned conversations (D1), and per team the
 * queue's waiting count with its oldest wait, each member's status and load — read from
 * the TeamQueues, which hold presence and the assigned book, so the figures are those
 * the distribution itself works with (the console polls; a queue answers at once).
 */
import type { Env } from "../env";
import type { Db } from "../db/client";
import { liveTeams, openCounts } from "../db/report-live";
import type { LiveReport } from "../protocol";

const STATUS_RANK = { offline: 0, away: 1, online: 2 } as const;

export async function liveReport(db: Db, env: Env): Promise<LiveReport> {
  const [teams, counts] = await Promise.all([liveTeams(db), openCounts(db)]);
  const agents = new Map<string, { id: string; name: string; status: keyof typeof STATUS_RANK; load: number; capacity: number }>();
  const queues = await Promise.all(
    teams.map(async (team) => {
      const queue = env.TEAM_QUEUE.getByName(team.id);
      const [stats, statuses, loads] = await Promise.all([queue.stats(), queue.statuses(team.members.map((m) => m.id)), queue.assignedCounts()]);
      for (const m of team.members) {
        const seen = agents.get(m.id) ?? { id: m.id, name: m.name, status: "offline" as const, load: 0, capacity: m.capacity ?? team.defaultCapacity };
        const status = statuses[m.id] ?? "offline";
        if (STATUS_RANK[status] > STATUS_RANK[seen.status]) seen.status = status;
        seen.load += loads[m.id] ?? 0;
        agents.set(m.id, seen);
      }
      return { teamId: team.id, name: team.name, waiting: stats.waiting, oldestWaitingSince: stats.oldestReceivedAt };
    }),
  );
  return {
    ...counts,
    queues,
    // Busy: online and at (or over) capacity, so the distribution gives them nothing new.
    agents: [...agents.values()].map((a) => ({ id: a.id, name: a.name, status: a.status === "online" && a.load >= a.capacity ? "busy" : a.status, load: a.load })),
  };
}
