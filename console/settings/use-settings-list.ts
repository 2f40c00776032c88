/**
 * @module The list a settings section edits: loaded once (or again when `key` changes,
 * e.g. a search), then kept in step with the section's own saves without reloading.
 *
 * A load and a save can cross: the admin adds a tag while the list is still loading, or
 * saves an edit while a search is on its way. The load may have been answered before the
 * save reached the server, so its answer alone would drop the new tag or bring back the
 * old text. Every save the section makes while a load is in flight is therefore kept and
 * applied again on top of that load's answer (a put or a removal by id gives the same
 * result twice, so a save the answer already holds changes nothing). A load sent after a
 * save needs no such help: the server had the save before it was asked.
 */
import { useEffect, useRef, useState } from "preact/hooks";
import { ApiError, errorMessage } from "../api";

export type ListState<T> =
  | { name: "loading" }
  | { name: "failed"; message: string }
  | { name: "ready"; items: T[] };

export interface SettingsList<T extends { id: string }> {
  state: ListState<T>;
  reload: () => void;
  /** Adds or replaces one item (by id), keeping the list's order rule. */
  put: (item: T) => void;
  remove: (id: string) => void;
}

type Change<T> = { put: T } | { remove: string };

function applyChange<T extends { id: string }>(items: T[], change: Change<T>): T[] {
  const id = "put" in change ? change.put.id : change.remove;
  const others = items.filter((item) => item.id !== id);
  return "put" in change ? [...others, change.put] : others;
}

export function useSettingsList<T extends { id: string }>(
  load: () => Promise<T[]>,
  order: (a: T, b: T) => number,
  onForbidden: () => void,
  key = "",
): SettingsList<T> {
  const [state, setState] = useState<ListState<T>>({ name: "loading" });
  const [attempt, setAttempt] = useState(0);
  /** The saves made since the load in flight was sent. */
  const savedSinceLoad = useRef<Change<T>[]>([]);

  useEffect(() => {
    let current = true;
    savedSinceLoad.current = [];
    load().then(
      (items) => {
        if (!current) return;
        setState({ name: "ready", items: savedSinceLoad.current.reduce(applyChange, items).sort(order) });
        savedSinceLoad.current = [];
      },
      (err: unknown) => {
        if (!current) return;
        if (err instanceof ApiError && err.status === 403) onForbidden();
        setState({ name: "failed", message: errorMessage(err) });
      },
    );
    // A slower answer to an older search must not overwrite a newer one.
    return () => {
      current = false;
    };
  }, [key, attempt]);

  const change = (saved: Change<T>) => {
    savedSinceLoad.current.push(saved);
    setState((prev) => (prev.name === "ready" ? { name: "ready", items: applyChange(prev.items, saved).sort(order) } : prev));
  };

  return {
    state,
    reload: () => setAttempt((n) => n + 1),
    put: (item) => change({ put: item }),
    remove: (id) => change({ remove: id }),
  };
}

/** Case- and accent-insensitive order for names, in the console's language. */
export const byName =
  <T,>(name: (item: T) => string) =>
  (a: T, b: T) =>
    name(a).localeCompare(name(b), undefined, { sensitivity: "base" });
