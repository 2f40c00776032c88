/**
 * Keyboard shortcuts: the keys do what the help says, never while the agent is typing,
 * conversation commands reach the open conversation over the command bus, and the help
 * dialog traps focus, closes on Escape and gives focus back.
 */
import { useState } from "preact/hooks";
import { act } from "preact/test-utils";
import { afterEach, describe, expect, it, vi } from "vitest";
import { onCommand, type ConsoleCommand } from "../../console/commands";
import { ShortcutHelp } from "../../console/shortcuts/help-dialog";
import { LIST_REGION_SELECTOR, SHORTCUTS, shortcutFor } from "../../console/shortcuts/keymap";
import { useShortcuts, type ShortcutHandlers } from "../../console/shortcuts/use-shortcuts";
import { click, mount } from "./fakes";

let cleanup: Array<() => void> = [];
afterEach(() => {
  cleanup.forEach((c) => c());
  cleanup = [];
  document.body.innerHTML = "";
});

function press(target: Element | Document, key: string, init: KeyboardEventInit = {}): KeyboardEvent {
  const event = new KeyboardEvent("keydown", { key, bubbles: true, cancelable: true, ...init });
  target.dispatchEvent(event);
  return event;
}

const keyOn = (target: Element | null, key: string, mods: Partial<{ ctrlKey: boolean; metaKey: boolean; altKey: boolean }> = {}) =>
  shortcutFor({ key, ctrlKey: false, metaKey: false, altKey: false, ...mods, target });

describe("which key is which shortcut", () => {
  it("maps every key the help lists", () => {
    expect(keyOn(document.body, "j")).toBe("next");
    expect(keyOn(document.body, "k")).toBe("previous");
    expect(keyOn(document.body, "ArrowDown")).toBe("next");
    expect(keyOn(document.body, "ArrowUp")).toBe("previous");
    expect(keyOn(document.body, "/")).toBe("search");
    expect(keyOn(document.body, "?")).toBe("help");
    expect(keyOn(document.body, "e")).toBe("resolve");
    expect(keyOn(document.body, "E")).toBe("resolve-and-next");
    expect(keyOn(document.body, "n")).toBe("note-mode");
    expect(keyOn(document.body, "r")).toBe("focus-composer");
    expect(new Set(SHORTCUTS.map((s) => s.action)).size).toBe(SHORTCUTS.length);
  });

  it("ignores keys typed into a field, with a modifier, or inside a dialog", () => {
    document.body.innerHTML = `<input id="i"><input id="cb" type="checkbox"><textarea id="t"></textarea><select id="s"></select>
      <div id="ce" contenteditable="true"></div><div role="dialog"><button id="d">x</button></div><button id="b">b</button>`;
    const el = (id: string) => document.getElementById(id);
    for (const id of ["i", "t", "s", "ce", "d"]) expect(keyOn(el(id), "e"), id).toBeNull();
    expect(keyOn(el("cb"), "e")).toBe("resolve");
    expect(keyOn(el("b"), "e")).toBe("resolve");
    expect(keyOn(document.body, "r", { ctrlKey: true })).toBeNull();
    expect(keyOn(document.body, "k", { metaKey: true })).toBeNull();
    expect(keyOn(document.body, "e", { altKey: true })).toBeNull();
  });

  it("lets the arrows step the list only from the list or the page, so they still scroll a timeline", () => {
    document.body.innerHTML = `<div data-shortcut-region="list"><a id="row" href="#">row</a></div><div role="log" tabindex="0" id="log"></div>`;
    expect(document.querySelector(LIST_REGION_SELECTOR)).not.toBeNull();
    expect(keyOn(document.getElementById("row"), "ArrowDown")).toBe("next");
    expect(keyOn(document.getElementById("log"), "ArrowDown")).toBeNull();
    expect(keyOn(document.getElementById("log"), "j")).toBe("next");
  });
});

describe("the dispatcher", () => {
  async function bind(open: boolean) {
    const handlers: ShortcutHandlers = { next: vi.fn(), previous: vi.fn(), search: vi.fn(), help: vi.fn(), conversationOpen: () => open };
    function Probe() {
      useShortcuts(handlers);
      return <input aria-label="reply" />;
    }
    const view = await mount(<Probe />);
    cleanup.push(view.unmount);
    const commands: ConsoleCommand[] = [];
    cleanup.push(onCommand((c) => commands.push(c)));
    return { handlers, commands, input: view.container.querySelector("input")! };
  }

  it("sends conversation commands to the open conversation and handles list moves itself", async () => {
    const { handlers, commands } = await bind(true);
    press(document.body, "e");
    press(document.body, "E", { shiftKey: true });
    press(document.body, "n");
    press(document.body, "r");
    const slash = press(document.body, "/");
    press(document.body, "j");
    press(document.body, "?");
    expect(commands).toEqual(["resolve", "resolve-and-next", "note-mode", "focus-composer"]);
    expect(handlers.next).toHaveBeenCalledTimes(1);
    expect(handlers.search).toHaveBeenCalledTimes(1);
    expect(handlers.help).toHaveBeenCalledTimes(1);
    // Handled keys are consumed: `/` must not be typed into the search box it focuses.
    expect(slash.defaultPrevented).toBe(true);
  });

  it("does nothing while the agent types, and sends no commands with no conversation open", async () => {
    const typing = await bind(true);
    const e = press(typing.input, "e");
    press(typing.input, "j");
    expect(typing.commands).toEqual([]);
    expect(typing.handlers.next).not.toHaveBeenCalled();
    expect(e.defaultPrevented).toBe(false);
    cleanup.forEach((c) => c());
    cleanup = [];

    const closed = await bind(false);
    press(document.body, "e");
    expect(closed.commands).toEqual([]);
  });
});

describe("the shortcut help dialog", () => {
  it("is a modal dialog that keeps focus inside, closes on Escape and returns focus", async () => {
    function Host() {
      const [open, setOpen] = useState(false);
      return (
        <>
          <button id="opener" onClick={() => setOpen(true)}>
            ?
          </button>
          {open && <ShortcutHelp onClose={() => setOpen(false)} />}
        </>
      );
    }
    const view = await mount(<Host />);
    cleanup.push(view.unmount);
    const opener = view.container.querySelector<HTMLButtonElement>("#opener")!;
    opener.focus();
    await click(opener);
    const dialog = view.container.querySelector('[role="dialog"]')!;
    expect(dialog.getAttribute("aria-modal")).toBe("true");
    expect(document.getElementById(dialog.getAttribute("aria-labelledby")!)?.textContent).toBe("Keyboard shortcuts");
    expect(dialog.querySelectorAll("kbd").length).toBeGreaterThanOrEqual(SHORTCUTS.length);
    const close = dialog.querySelector("button")!;
    expect(document.activeElement).toBe(close);

    // The only focusable element is the close button: Tab and Shift+Tab stay on it.
    const tab = press(close, "Tab");
    expect(tab.defaultPrevented).toBe(true);
    expect(document.activeElement).toBe(close);
    press(close, "Tab", { shiftKey: true });
    expect(document.activeElement).toBe(close);

    await act(() => {
      press(close, "Escape");
    });
    expect(view.container.querySelector('[role="dialog"]')).toBeNull();
    expect(document.activeElement).toBe(opener);
  });
});
