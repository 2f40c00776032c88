/**
 * @module A modal dialog done by hand (role="dialog", aria-modal): focus moves in when it
 * opens, Tab and Shift+Tab cycle inside it, Escape or a click on the backdrop closes it,
 * and focus goes back to whatever had it before (usually the button that opened it).
 */
import type { ComponentChildren } from "preact";
import { useLayoutEffect, useRef } from "preact/hooks";
import "./modal.css";

const FOCUSABLE = "a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex='-1'])";

let nextId = 0;

export function Modal(props: { title: string; closeLabel: string; onClose: () => void; children: ComponentChildren }) {
  const dialogRef = useRef<HTMLDivElement>(null);
  const titleId = useRef(`modal-title-${++nextId}`).current;
  const onClose = useRef(props.onClose);
  onClose.current = props.onClose;

  // Layout effect: focus moves before the first paint and returns before the opener
  // could be left unfocused for a frame (Preact 11 runs plain effects after paint).
  useLayoutEffect(() => {
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const dialog = dialogRef.current;
    (dialog?.querySelector<HTMLElement>(FOCUSABLE) ?? dialog)?.focus();
    return () => opener?.focus();
  }, []);

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === "Escape") {
      e.preventDefault();
      e.stopPropagation();
      onClose.current();
      return;
    }
    if (e.key !== "Tab" || !dialogRef.current) return;
    const focusable = [...dialogRef.current.querySelectorAll<HTMLElement>(FOCUSABLE)];
    const first = focusable[0];
    const last = focusable[focusable.length - 1];
    if (!first || !last) {
      e.preventDefault();
      return;
    }
    if (e.shiftKey && (document.activeElement === first || document.activeElement === dialogRef.current)) {
      e.preventDefault();
      last.focus();
    } else if (!e.shiftKey && document.activeElement === last) {
      e.preventDefault();
      first.focus();
    }
  };

  return (
    <div class="modal-backdrop" onClick={(e) => e.target === e.currentTarget && onClose.current()}>
      <div ref={dialogRef} class="modal" role="dialog" aria-modal="true" aria-labelledby={titleId} tabIndex={-1} onKeyDown={onKeyDown}>
        <div class="modal-head">
          <h2 id={titleId}>{props.title}</h2>
          <button type="button" class="icon-button" aria-label={props.closeLabel} onClick={() => onClose.current()}>
            <span aria-hidden="true">×</span>
          </button>
        </div>
        {props.children}
      </div>
    </div>
  );
}
