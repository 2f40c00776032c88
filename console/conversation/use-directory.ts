/**
 * @module useDirectory: the agents, teams, tags and conversation types the pane's menus
 * offer and its labels name. Shared by every pane an agent opens in a session and
 * refreshed when a pane opens after it went stale, so switching conversations all day
 * costs no requests while an admin's new tag still shows up within a minute. Each list
 * loads on its own: one failing (say, a role that may not read it) leaves the others.
 */
import { useEffect, useState } from "preact/hooks";
import type { Agent, ConversationType, Tag, Team } from "../../worker/protocol";
import { paneApi } from "./api";

export interface Directory {
  agents: readonly Agent[];
  teams: readonly Team[];
  tags: readonly Tag[];
  types: readonly ConversationType[];
}

const STALE_MS = 60_000;
const EMPTY: Directory = { agents: [], teams: [], tags: [], types: [] };

let current: Directory = EMPTY;
let loadedAt = 0;
let loading: Promise<Directory> | null = null;
const listeners = new Set<(d: Directory) => void>();

function refresh(): Promise<Directory> {
  loading ??= Promise.all([
    paneApi.agents().catch(() => current.agents),
    paneApi.teams().catch(() => current.teams),
    paneApi.tags().catch(() => current.tags),
    paneApi.types().catch(() => current.types),
  ]).then(([agents, teams, tags, types]) => {
    current = { agents, teams, tags, types };
    loadedAt = Date.now();
    loading = null;
    for (const listener of listeners) listener(current);
    return current;
  });
  return loading;
}

/** Forgets the cache (tests, and after a settings change in this tab). */
export function resetDirectory(): void {
  current = EMPTY;
  loadedAt = 0;
  loading = null;
}

export function useDirectory(): Directory {
  const [directory, setDirectory] = useState(current);
  useEffect(() => {
    listeners.add(setDirectory);
    if (Date.now() - loadedAt > STALE_MS) void refresh();
    else setDirectory(current);
    return () => listeners.delete(setDirectory);
  }, []);
  return directory;
}

export function nameOfAgent(directory: Directory, id: string): string | null {
  return directory.agents.find((a) => a.id === id)?.name ?? null;
}

export function nameOfTeam(directory: Directory, id: string): string | null {
  return directory.teams.find((t) => t.id === id)?.name ?? null;
}
