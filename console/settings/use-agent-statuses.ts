/**
 * @module useAgentStatuses: each agent's effective status for Settings → Agents' dots,
 * from every team's `GET /api/v1/agents/status` (an agent counts as present where any of
 * their teams' consoles sees them). Best effort: without answers there are no dots.
 */
import { useEffect, useState } from "preact/hooks";
import type { EffectiveStatus } from "../../worker/protocol";
import { statusApi } from "../shell/status-api";

const RANK: Record<EffectiveStatus, number> = { offline: 0, away: 1, online: 2 };

export function useAgentStatuses(): Record<string, EffectiveStatus> {
  const [statuses, setStatuses] = useState<Record<string, EffectiveStatus>>({});
  useEffect(() => {
    let live = true;
    void (async () => {
      try {
        const teams = await statusApi.teams();
        const answers = await Promise.all(teams.map((team) => statusApi.team(team.id)));
        const merged: Record<string, EffectiveStatus> = {};
        for (const answer of answers) {
          for (const a of answer.agents) if (!merged[a.id] || RANK[a.status] > RANK[merged[a.id]!]) merged[a.id] = a.status;
        }
        if (live) setStatuses(merged);
      } catch {
        // The dots are a hint; the list works without them.
      }
    })();
    return () => {
      live = false;
    };
  }, []);
  return statuses;
}
