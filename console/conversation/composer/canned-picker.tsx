/**
 * @module The canned-response picker: a listbox above the composer, driven from the
 * textarea (which keeps focus and points at the active option with
 * aria-activedescendant, per https://www.w3.org/WAI/ARIA/apg/patterns/combobox/),
 * searched as the agent types after `/`. The search waits for a short pause and ignores
 * answers that arrive after a newer question.
 */
import { useEffect, useRef, useState } from "preact/hooks";
import type { CannedResponse } from "../../../worker/protocol";
import { paneApi } from "../api";
import { cannedQuery } from "./canned";
import { s } from "../strings";

const SEARCH_DELAY_MS = 120;
export const MAX_SHOWN = 8;

export type CannedState = { status: "idle" | "loading" | "failed"; results: readonly CannedResponse[] };

/** Canned responses matching `query`; idle with no results while `query` is null. */
export function useCannedSearch(query: string | null): CannedState {
  const [state, setState] = useState<CannedState>({ status: "idle", results: [] });
  const latest = useRef(0);
  useEffect(() => {
    const ticket = ++latest.current;
    if (query === null) {
      setState({ status: "idle", results: [] });
      return;
    }
    setState((prev) => ({ status: "loading", results: prev.results }));
    const timer = setTimeout(() => {
      paneApi.canned(query).then(
        (results) => ticket === latest.current && setState({ status: "idle", results: results.slice(0, MAX_SHOWN) }),
        () => ticket === latest.current && setState({ status: "failed", results: [] }),
      );
    }, SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [query]);
  return state;
}

export const cannedOptionId = (listId: string, index: number) => `${listId}-${index}`;

export interface CannedPickerState {
  /** The search after `/`, or null while the picker is closed. */
  query: string | null;
  state: CannedState;
  active: number;
  setActive: (index: number) => void;
  /** Handles the picker's keys on the textarea; true when the key was the picker's. */
  onKeyDown: (e: KeyboardEvent) => boolean;
  /** For the textarea: which listbox it drives and which option is active. */
  textareaProps: { "aria-controls"?: string; "aria-activedescendant"?: string };
}

/** The picker's state for a textarea holding `text` with the caret at `caret`. Escape
 * closes it until the leading `/` is gone; arrows move (wrapping); Enter or Tab picks. */
export function useCannedPicker(text: string, caret: number, listId: string, onPick: (response: CannedResponse) => void): CannedPickerState {
  const [dismissed, setDismissed] = useState(false);
  const [active, setActive] = useState(0);
  const query = dismissed ? null : cannedQuery(text, caret);
  const state = useCannedSearch(query);
  useEffect(() => setActive(0), [query]);
  useEffect(() => {
    if (!text.startsWith("/")) setDismissed(false);
  }, [text]);
  const count = state.results.length;
  const current = Math.max(0, Math.min(active, count - 1));

  const onKeyDown = (e: KeyboardEvent): boolean => {
    if (query === null) return false;
    if (e.key === "Escape") {
      e.stopPropagation();
      setDismissed(true);
    } else if ((e.key === "ArrowDown" || e.key === "ArrowUp") && count > 0) {
      setActive((current + (e.key === "ArrowDown" ? 1 : -1) + count) % count);
    } else if ((e.key === "Enter" || e.key === "Tab") && !e.shiftKey && count > 0) {
      onPick(state.results[current]!);
    } else return false;
    e.preventDefault();
    return true;
  };

  const open = query !== null;
  return {
    query,
    state,
    active: current,
    setActive,
    onKeyDown,
    textareaProps: {
      "aria-controls": open ? listId : undefined,
      "aria-activedescendant": open && count > 0 ? cannedOptionId(listId, current) : undefined,
    },
  };
}

export function CannedPicker(props: {
  id: string;
  query: string;
  state: CannedState;
  active: number;
  onPick: (response: CannedResponse) => void;
  onHover: (index: number) => void;
}) {
  const { results, status } = props.state;
  return (
    <div class="canned-popup">
      <ul id={props.id} role="listbox" aria-label={s.composer.canned} class="canned-list">
        {results.map((r, i) => (
          <li
            key={r.id}
            id={cannedOptionId(props.id, i)}
            role="option"
            aria-selected={i === props.active}
            class="canned-option"
            // mousedown, not click: the textarea must keep focus (and its caret).
            onMouseDown={(e) => {
              e.preventDefault();
              props.onPick(r);
            }}
            onMouseMove={() => props.onHover(i)}
          >
            <span class="canned-shortcode">/{r.shortcode}</span>
            <span class="canned-body">{r.body}</span>
          </li>
        ))}
      </ul>
      {results.length === 0 && (
        <p class="canned-note" role="status">
          {status === "loading" ? s.composer.cannedLoading : status === "failed" ? s.composer.cannedFailed : s.composer.cannedNone(props.query)}
        </p>
      )}
    </div>
  );
}
