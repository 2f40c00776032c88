/**
 * @module The list a settings section edits: loaded once (or again when `key` changes,
 * e.g. a search), then kept in step with the section's own saves without reloading.
 */
import { useCallback, useEffect, useState } from "preact/hooks";
import { errorMessage } from "../api";
import { SettingsApiError } from "./settings-api";

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

export function useSettingsList<T extends { id: string }>(
  load: () => Promise<T[]>,
  order: (a: T, b: T) => number,
  onForbidden: () => void,
  key = "",
): SettingsList<T> {
  const [state, setState] = useState<ListState<T>>({ name: "loading" });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let current = true;
    load().then(
      (items) => current && setState({ name: "ready", items: [...items].sort(order) }),
      (err: unknown) => {
        if (!current) return;
        if (err instanceof SettingsApiError && err.status === 403) onForbidden();
        setState({ name: "failed", message: errorMessage(err) });
      },
    );
    // A slower answer to an older search must not overwrite a newer one.
    return () => {
      current = false;
    };
  }, [key, attempt]);

  const edit = useCallback((change: (items: T[]) => T[]) => {
    setState((prev) => (prev.name === "ready" ? { name: "ready", items: change(prev.items).sort(order) } : prev));
  }, []);

  return {
    state,
    reload: () => setAttempt((n) => n + 1),
    put: (item) => edit((items) => [...items.filter((i) => i.id !== item.id), item]),
    remove: (id) => edit((items) => items.filter((i) => i.id !== id)),
  };
}

/** Case- and accent-insensitive order for names, in the console's language. */
export const byName =
  <T,>(name: (item: T) => string) =>
  (a: T, b: T) =>
    name(a).localeCompare(name(b), undefined, { sensitivity: "base" });
