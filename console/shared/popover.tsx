/**
 * @module Popover: a button that opens a menu or a small dialog below it, the one popup
 * pattern of the pane (assign, snooze, tags, emoji, message actions). It follows the
 * WAI-ARIA menu button pattern (https://www.w3.org/WAI/ARIA/apg/patterns/menu-button/):
 * the first item takes focus on open, arrows and Home/End move between items, Escape
 * closes and gives focus back to the button, a click outside closes.
 */
import { createContext, type ComponentChildren } from "preact";
import { useContext, useId, useLayoutEffect, useRef, useState } from "preact/hooks";
import { Icon } from "./icon";

const ITEM = '[role="menuitem"],[role="menuitemcheckbox"],[role="menuitemradio"]';
const FOCUSABLE = 'button:not([disabled]),input:not([disabled]),select:not([disabled]),textarea,a[href],[tabindex="0"]';

/** Closes the popover that contains the caller and, unless told otherwise, returns
 * focus to its button. */
const CloseContext = createContext<(refocus?: boolean) => void>(() => {});

export interface PopoverProps {
  /** What the button shows. */
  label: ComponentChildren;
  /** The button's accessible name when `label` is only an icon. */
  buttonLabel?: string;
  buttonClass?: string;
  /** The panel's accessible name. */
  panelLabel: string;
  kind?: "menu" | "dialog";
  align?: "start" | "end";
  /** Open upwards, for buttons near the bottom of the screen (the composer's). */
  above?: boolean;
  disabled?: boolean;
  /** The button's tooltip; defaults to `buttonLabel`. */
  title?: string;
  children: ComponentChildren;
}

export function Popover(props: PopoverProps) {
  const { kind = "menu", align = "start" } = props;
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const wrapper = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const panel = useRef<HTMLDivElement>(null);

  const close = (refocus = true) => {
    setOpen(false);
    if (refocus) button.current?.focus();
  };

  // Layout effect: the first item has focus before a key can land elsewhere.
  useLayoutEffect(() => {
    if (!open) return;
    const first = panel.current?.querySelector<HTMLElement>(kind === "menu" ? ITEM : FOCUSABLE);
    (first ?? panel.current)?.focus();
    const onPointer = (e: PointerEvent) => {
      if (!wrapper.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener("pointerdown", onPointer);
    return () => document.removeEventListener("pointerdown", onPointer);
  }, [open]);

  const onPanelKey = (e: KeyboardEvent) => {
    if (e.key === "Escape") {
      e.preventDefault();
      e.stopPropagation();
      close();
      return;
    }
    if (kind === "menu" && e.key === "Tab") return setOpen(false);
    if (kind !== "menu" || !["ArrowDown", "ArrowUp", "Home", "End"].includes(e.key)) return;
    e.preventDefault();
    const items = [...(panel.current?.querySelectorAll<HTMLElement>(ITEM) ?? [])];
    if (items.length === 0) return;
    const at = items.indexOf(document.activeElement as HTMLElement);
    const next = e.key === "Home" ? 0 : e.key === "End" ? items.length - 1 : (at + (e.key === "ArrowDown" ? 1 : -1) + items.length) % items.length;
    items[next]?.focus();
  };

  return (
    <div class="popover" ref={wrapper}>
      <button
        ref={button}
        type="button"
        class={props.buttonClass}
        aria-label={props.buttonLabel}
        title={props.title ?? props.buttonLabel}
        aria-haspopup={kind === "menu" ? "menu" : "dialog"}
        aria-expanded={open}
        aria-controls={open ? panelId : undefined}
        disabled={props.disabled}
        onClick={() => setOpen((o) => !o)}
        onKeyDown={(e) => {
          if (e.key === "ArrowDown" && !open) {
            e.preventDefault();
            setOpen(true);
          }
        }}
      >
        {props.label}
      </button>
      {open && (
        <div
          ref={panel}
          id={panelId}
          class={`popover-panel popover-panel--${align}${props.above ? " popover-panel--above" : ""}`}
          role={kind}
          aria-label={props.panelLabel}
          tabIndex={-1}
          onKeyDown={onPanelKey}
        >
          <CloseContext.Provider value={close}>{props.children}</CloseContext.Provider>
        </div>
      )}
    </div>
  );
}

/** The function that closes the enclosing popover, for custom content (forms). */
export function usePopoverClose(): (refocus?: boolean) => void {
  return useContext(CloseContext);
}

/** One entry of a menu. Plain items close the menu; checkbox items stay open so several
 * can be toggled in a row. */
export function MenuItem(props: {
  onSelect: () => void;
  checked?: boolean;
  kind?: "item" | "checkbox" | "radio";
  disabled?: boolean;
  children: ComponentChildren;
}) {
  const close = useContext(CloseContext);
  const kind = props.kind ?? "item";
  const role = kind === "item" ? "menuitem" : kind === "checkbox" ? "menuitemcheckbox" : "menuitemradio";
  return (
    <button
      type="button"
      role={role}
      class="menu-item"
      tabIndex={-1}
      // aria-disabled, not disabled: a disabled menu item stays reachable with the
      // arrow keys, so its reason ("no tags yet") can be read.
      aria-disabled={props.disabled ? true : undefined}
      aria-checked={kind === "item" ? undefined : props.checked === true}
      onClick={() => {
        if (props.disabled) return;
        props.onSelect();
        if (kind !== "checkbox") close();
      }}
    >
      {kind !== "item" && (
        <span class="menu-check" aria-hidden="true">
          {props.checked && <Icon name="check" />}
        </span>
      )}
      {props.children}
    </button>
  );
}

/** A labelled group of menu items. */
export function MenuGroup(props: { label: string; children: ComponentChildren }) {
  const id = useId();
  return (
    <div role="group" aria-labelledby={id} class="menu-group">
      <div id={id} class="menu-group-label">
        {props.label}
      </div>
      {props.children}
    </div>
  );
}
