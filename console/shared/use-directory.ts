/**
 * @module useDirectory: the names behind ids — agents, teams, inboxes, tags and
 * conversation types — for the list's filters and tag chips and the pane's menus and
 * labels. One copy per tab, shared by every component that asks, so switching
 * conversations all day costs no requests; a copy older than a minute is reloaded when a
 * component mounts, and a save in the settings reloads it at once (`resetDirectory`).
 * Each list loads on its own: one failing (a role that may not read it) keeps what was
 * there before, the rest of the console is not held back.
 */
import { useEffect, useRef, useState } from "preact/hooks";
import type { Agent, ConversationType, Inbox, Tag, Team } from "../../worker/protocol";
import { api } from "../api";

export interface Directory {
  agents: readonly Agent[];
  teams: readonly Team[];
  inboxes: readonly Inbox[];
  tags: readonly Tag[];
  tagsById: ReadonlyMap<string, Tag>;
  types: readonly ConversationType[];
}

const STALE_MS = 60_000;
const EMPTY: Directory = { agents: [], teams: [], inboxes: [], tags: [], tagsById: new Map(), types: [] };

let current: Directory = EMPTY;
let loadedAt = 0;
/** Bumped by every reset, so a load that started before a settings save does not
 * overwrite what the save changed with what was there before it. */
let generation = 0;
let loading: { generation: number; promise: Promise<void> } | null = null;
const listeners = new Set<(d: Directory) => void>();

function load(): Promise<void> {
  if (loading?.generation === generation) return loading.promise;
  const mine = generation;
  const promise = Promise.all([
    api.agents().then((r) => r.agents, () => current.agents),
    api.teams().then((r) => r.teams, () => current.teams),
    api.inboxes().then((r) => r.inboxes, () => current.inboxes),
    api.tags().then((r) => r.tags, () => current.tags),
    api.types().then((r) => r.types, () => current.types),
  ]).then(([agents, teams, inboxes, tags, types]) => {
    if (loading?.generation === mine) loading = null;
    // A reset came in meanwhile: its own load brings the newer lists.
    if (mine !== generation) return;
    current = { agents, teams, inboxes, tags, tagsById: new Map(tags.map((t) => [t.id, t])), types };
    loadedAt = Date.now();
    for (const listener of listeners) listener(current);
  });
  loading = { generation: mine, promise };
  return promise;
}

/** Marks the copy out of date (call it after a settings save). Components showing it
 * get the new lists as soon as they arrive, keeping the old ones until then so no menu
 * flashes empty; with nothing showing it, the copy is dropped (a fresh start in tests). */
export function resetDirectory(): void {
  generation++;
  loadedAt = 0;
  if (listeners.size > 0) void load();
  else {
    current = EMPTY;
    loading = null;
  }
}

/** The directory, loaded on first use and reloaded when out of date; a change of
 * `reloadKey` (after the first render) reloads it regardless. */
export function useDirectory(reloadKey?: unknown): Directory {
  const [directory, setDirectory] = useState(current);
  const mounted = useRef(false);
  useEffect(() => {
    listeners.add(setDirectory);
    return () => void listeners.delete(setDirectory);
  }, []);
  useEffect(() => {
    const keyChanged = mounted.current;
    mounted.current = true;
    if (keyChanged) generation++;
    if (keyChanged || Date.now() - loadedAt > STALE_MS) void load();
    else setDirectory(current);
  }, [reloadKey]);
  return directory;
}

export function nameOfAgent(directory: Directory, id: string): string | null {
  return directory.agents.find((a) => a.id === id)?.name ?? null;
}

export function nameOfTeam(directory: Directory, id: string): string | null {
  return directory.teams.find((t) => t.id === id)?.name ?? null;
}
