/**
 * @module The names behind ids — agents, teams, inboxes, tags — for the filters and the
 * rows' tag chips. Loaded once per workspace (and again on `reloadKey`, e.g. coming back
 * from the settings, where tags change). A failure leaves that list empty: filters by it
 * are then unavailable, the rest of the console is not.
 */
import { useEffect, useState } from "preact/hooks";
import type { Agent, Inbox, Tag, Team } from "../../worker/protocol";
import { api } from "../api";

export interface Directory {
  agents: readonly Agent[];
  teams: readonly Team[];
  inboxes: readonly Inbox[];
  tags: readonly Tag[];
  tagsById: ReadonlyMap<string, Tag>;
}

const EMPTY: Directory = { agents: [], teams: [], inboxes: [], tags: [], tagsById: new Map() };

export function useDirectory(reloadKey: unknown): Directory {
  const [directory, setDirectory] = useState<Directory>(EMPTY);
  useEffect(() => {
    let live = true;
    const or = <T,>(p: Promise<T>, fallback: T) => p.catch(() => fallback);
    void Promise.all([
      or(api.agents().then((r) => r.agents), []),
      or(api.teams().then((r) => r.teams), []),
      or(api.inboxes().then((r) => r.inboxes), []),
      or(api.tags().then((r) => r.tags), []),
    ]).then(([agents, teams, inboxes, tags]) => {
      if (live) setDirectory({ agents, teams, inboxes, tags, tagsById: new Map(tags.map((t) => [t.id, t])) });
    });
    return () => {
      live = false;
    };
  }, [reloadKey]);
  return directory;
}
