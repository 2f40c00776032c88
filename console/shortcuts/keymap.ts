/**
 * @module The console's keyboard shortcuts: which key does what, and the one rule for when
 * a key is a shortcut at all. Pure, so the rule is tested without a page.
 *
 * Keys are ignored while the agent is typing (an input, a textarea, a select, anything
 * contenteditable), when a modifier other than Shift is held (those belong to the browser
 * and the OS), and inside a dialog (it handles its own keys, Escape above all). The
 * arrows only step through the list when focus is in the list or on nothing, so they
 * still scroll a timeline or move inside a menu.
 */

export type ShortcutAction =
  | "next"
  | "previous"
  /** The queue panel's Next: take the longest-waiting conversation (issue 14). */
  | "take-next"
  | "search"
  | "help"
  | "resolve"
  | "resolve-and-next"
  | "note-mode"
  | "focus-composer";

/** In the order the help dialog lists them. `keys`: alternatives, each a combination
 * of keys pressed together, as shown there. */
export const SHORTCUTS: readonly { action: ShortcutAction; keys: readonly (readonly string[])[] }[] = [
  { action: "next", keys: [["j"], ["↓"]] },
  { action: "previous", keys: [["k"], ["↑"]] },
  { action: "take-next", keys: [["Shift", "N"]] },
  { action: "search", keys: [["/"]] },
  { action: "resolve", keys: [["e"]] },
  { action: "resolve-and-next", keys: [["Shift", "E"]] },
  { action: "note-mode", keys: [["n"]] },
  { action: "focus-composer", keys: [["r"]] },
  { action: "help", keys: [["?"]] },
];

const BY_KEY: Readonly<Record<string, ShortcutAction>> = {
  j: "next",
  k: "previous",
  "/": "search",
  "?": "help",
  e: "resolve",
  E: "resolve-and-next",
  n: "note-mode",
  // Shift+N: n's capital was free, and N reads as "Next" in all three languages' UI.
  N: "take-next",
  r: "focus-composer",
};

const ARROWS: Readonly<Record<string, ShortcutAction>> = { ArrowDown: "next", ArrowUp: "previous" };

/** Where the arrows may step through the list: the list column and the page itself. */
export const LIST_REGION_SELECTOR = "[data-shortcut-region='list']";

export interface KeyInput {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  isComposing?: boolean;
  defaultPrevented?: boolean;
  target: EventTarget | null;
}

export function shortcutFor(e: KeyInput): ShortcutAction | null {
  if (e.defaultPrevented || e.isComposing || e.ctrlKey || e.metaKey || e.altKey) return null;
  const target = e.target instanceof Element ? e.target : null;
  if (target && (isTypingTarget(target) || target.closest("[role='dialog'], [role='alertdialog'], [role='menu'], [role='listbox']"))) return null;
  const arrow = ARROWS[e.key];
  if (arrow) return !target || target === document.body || target.closest(LIST_REGION_SELECTOR) ? arrow : null;
  return BY_KEY[e.key] ?? null;
}

function isTypingTarget(el: Element): boolean {
  if (el instanceof HTMLTextAreaElement || el instanceof HTMLSelectElement) return true;
  if (el instanceof HTMLInputElement) return !["button", "checkbox", "radio", "submit", "reset", "range", "color", "file"].includes(el.type);
  return el instanceof HTMLElement && el.isContentEditable;
}
