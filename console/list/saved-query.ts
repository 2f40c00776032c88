/**
 * @module The agent's last view and filters, remembered per agent in this browser, so a
 * reload (or tomorrow's shift) opens where they left off. Read back through the
 * protocol's own query schema: anything stale or tampered with falls back to the default.
 *
 * The default is All (every open conversation), not Mine: on a first visit, and on a
 * fresh install above all, Mine is empty and the waiting customers would be one click
 * away from being seen.
 */
import { ConversationListQuery } from "../../worker/protocol";
import type { ListQuery } from "./view-query";

export const DEFAULT_QUERY: ListQuery = { view: "all", filters: {} };
const keyFor = (agentId: string) => `switchboard:console-list:${agentId}`;

export function loadQuery(agentId: string, storage: Storage | undefined = globalThis.localStorage): ListQuery {
  try {
    const raw = storage?.getItem(keyFor(agentId));
    if (!raw) return DEFAULT_QUERY;
    const parsed = ConversationListQuery.safeParse(JSON.parse(raw));
    if (!parsed.success) return DEFAULT_QUERY;
    const { view, limit: _limit, cursor: _cursor, ...filters } = parsed.data;
    return { view: view ?? DEFAULT_QUERY.view, filters };
  } catch {
    return DEFAULT_QUERY;
  }
}

export function saveQuery(agentId: string, query: ListQuery, storage: Storage | undefined = globalThis.localStorage): void {
  try {
    storage?.setItem(keyFor(agentId), JSON.stringify({ view: query.view, ...query.filters }));
  } catch {
    // Not remembered; the console still works.
  }
}
