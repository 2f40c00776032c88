/**
 * @module Whether the contact panel is open. On a wide screen it opens by default and
 * remembers the agent's choice; on a laptop or tablet it starts closed, so the timeline
 * keeps the room (where the pane is narrow the panel floats over the timeline; see
 * conversation.css).
 */
import { useState } from "preact/hooks";

const KEY = "switchboard:contact-panel";
export const WIDE_QUERY = "(min-width: 1440px)";

function wide(): boolean {
  return typeof matchMedia === "function" && matchMedia(WIDE_QUERY).matches;
}

function saved(): string | null {
  try {
    return localStorage.getItem(KEY);
  } catch {
    return null;
  }
}

export function useContactPanel(): { open: boolean; toggle: () => void } {
  const [open, setOpen] = useState(() => wide() && saved() !== "closed");
  const toggle = () =>
    setOpen((was) => {
      if (wide()) {
        try {
          localStorage.setItem(KEY, was ? "closed" : "open");
        } catch {
          // Not remembered; still toggles.
        }
      }
      return !was;
    });
  return { open, toggle };
}
