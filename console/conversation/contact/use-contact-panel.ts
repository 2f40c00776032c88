/**
 * @module Whether the contact panel is open. On a wide screen it opens by default and
 * remembers the agent's choice; on a laptop or tablet it starts closed, so the timeline
 * keeps the room (where the pane is narrow the panel floats over the timeline; see
 * conversation.css). Until the agent opens or closes it in this pane, the default
 * follows the window: a panel that opened by itself on a wide screen folds away when the
 * window narrows, rather than covering the timeline nobody asked it to cover.
 */
import type { RefObject } from "preact";
import { useEffect, useRef, useState } from "preact/hooks";

const KEY = "switchboard:contact-panel";
export const WIDE_QUERY = "(min-width: 1440px)";

function wideQuery(): MediaQueryList | null {
  return typeof matchMedia === "function" ? matchMedia(WIDE_QUERY) : null;
}

function saved(): string | null {
  try {
    return localStorage.getItem(KEY);
  } catch {
    return null;
  }
}

function remember(open: boolean): void {
  try {
    localStorage.setItem(KEY, open ? "open" : "closed");
  } catch {
    // Not remembered; still toggles.
  }
}

function useWide(): boolean {
  const [wide, setWide] = useState(() => wideQuery()?.matches ?? false);
  useEffect(() => {
    const query = wideQuery();
    if (!query) return;
    const onChange = () => setWide(query.matches);
    query.addEventListener("change", onChange);
    return () => query.removeEventListener("change", onChange);
  }, []);
  return wide;
}

export interface ContactPanelState {
  open: boolean;
  toggle: () => void;
  /** Closes the panel and gives focus to the button that opens it. */
  close: () => void;
  /** The header's disclosure button. */
  buttonRef: RefObject<HTMLButtonElement | null>;
}

export function useContactPanel(): ContactPanelState {
  const wide = useWide();
  /** The agent's own choice in this pane; null until they make one. */
  const [chosen, setChosen] = useState<boolean | null>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const open = chosen ?? (wide && saved() !== "closed");

  const choose = (next: boolean) => {
    if (wideQuery()?.matches) remember(next);
    setChosen(next);
  };
  return {
    open,
    toggle: () => choose(!open),
    close: () => {
      // Focus moves before the panel goes: were it left inside, removing the panel would
      // drop it on <body> until something put it back, and a keyboard or screen-reader
      // user would be lost in between.
      buttonRef.current?.focus();
      choose(false);
    },
    buttonRef,
  };
}
