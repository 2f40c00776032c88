/**
 * @module Pieces every settings section shares: the list's loading / failed / empty
 * states, and the Delete button that asks for confirmation in place.
 */
import type { ComponentChildren } from "preact";
import { useId, useLayoutEffect, useRef, useState } from "preact/hooks";
import type { ListState } from "./use-settings-list";
import { s } from "./strings";

/** Renders `children(items)` once loaded; otherwise what is happening, and a retry. */
export function ListStatus<T>(props: { state: ListState<T>; empty: string; onRetry: () => void; children: (items: T[]) => ComponentChildren }) {
  const { state } = props;
  if (state.name === "loading") return <p role="status" class="muted">{s.loading}</p>;
  if (state.name === "failed") {
    return (
      <div role="alert" class="form-error">
        <p>{s.loadFailed(state.message)}</p>
        <button type="button" onClick={props.onRetry}>
          {s.retry}
        </button>
      </div>
    );
  }
  if (state.items.length === 0) return <p class="muted">{props.empty}</p>;
  return <>{props.children(state.items)}</>;
}

/**
 * "Delete" that turns into "Delete “name”? [Yes, delete] [Cancel]". Focus moves to
 * Cancel (the safe answer) and comes back to Delete when cancelled; Escape cancels.
 */
export function DeleteButton(props: { name: string; label: string; onConfirm: () => Promise<boolean> }) {
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const questionId = useId();
  const cancelRef = useRef<HTMLButtonElement>(null);
  const deleteRef = useRef<HTMLButtonElement>(null);
  const returnFocus = useRef(false);

  // Layout effects, here and in useEditMode: the focus moves as the buttons appear, not
  // a frame later, when it could pull the caret away from wherever the person went next.
  useLayoutEffect(() => {
    if (asking) cancelRef.current?.focus();
    else if (returnFocus.current) deleteRef.current?.focus();
    returnFocus.current = false;
  }, [asking]);

  const cancel = () => {
    returnFocus.current = true;
    setAsking(false);
  };

  if (!asking) {
    return (
      <button type="button" ref={deleteRef} class="danger-outline" aria-label={props.label} onClick={() => setAsking(true)}>
        {s.delete}
      </button>
    );
  }
  return (
    <div role="group" aria-labelledby={questionId} class="confirm" onKeyDown={(e) => e.key === "Escape" && cancel()}>
      <span id={questionId}>{s.confirmDelete(props.name)}</span>
      <button
        type="button"
        class="danger"
        disabled={busy}
        onClick={async () => {
          setBusy(true);
          // On success the row goes away with this button; on failure, ask again later.
          const deleted = await props.onConfirm();
          if (!deleted) {
            setBusy(false);
            cancel();
          }
        }}
      >
        {s.confirmDeleteButton}
      </button>
      <button type="button" ref={cancelRef} disabled={busy} onClick={cancel}>
        {s.cancel}
      </button>
    </div>
  );
}

/** What the Settings screen gives each section. */
export interface SectionProps {
  /** The server answered 403: this agent may not change settings. */
  onForbidden: () => void;
  /** Says something politely to screen readers (and shows it): "“billing” deleted." */
  announce: (message: string) => void;
}
