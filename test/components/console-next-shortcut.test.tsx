/**
 * Shift+N presses the queue panel's Next (issue 14): the key maps to `take-next`, goes out
 * whether or not a conversation is open, never while the agent types, takes the next
 * conversation once (not again while a take is under way), and the `?` help lists it in
 * en, pt-BR and es.
 */
import { act } from "preact/test-utils";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { ConversationItem } from "../../worker/protocol";
import { onCommand, type ConsoleCommand } from "../../console/commands";
import { ConversationStore } from "../../console/list/conversation-store";
import { QueuePanel } from "../../console/queue/queue-panel";
import { conversationPath, listPath } from "../../console/router";
import { ShortcutHelp } from "../../console/shortcuts/help-dialog";
import { SHORTCUTS, shortcutFor } from "../../console/shortcuts/keymap";
import { SHORTCUT_STRINGS } from "../../console/shortcuts/strings";
import { useShortcuts } from "../../console/shortcuts/use-shortcuts";
import { installFetch, mount, settle } from "./fakes";
import { item } from "./console-fixtures";

let cleanup: Array<() => void> = [];
beforeEach(() => history.replaceState(null, "", listPath));
afterEach(async () => {
  await act(() => cleanup.forEach((c) => c()));
  cleanup = [];
  document.body.innerHTML = "";
});

const shiftN = (target: Element | Document = document.body) => {
  const event = new KeyboardEvent("keydown", { key: "N", shiftKey: true, bubbles: true, cancelable: true });
  target.dispatchEvent(event);
  return event;
};

/** The shell's shortcut binding and the queue panel, as the console mounts them. */
async function shell(next: () => { status?: number; body: unknown }) {
  const calls = installFetch([
    ({ method, url }) => {
      if (method === "GET" && url.pathname === "/api/v1/queue/stats") return { body: { teams: [{ teamId: "t1", waiting: 2, oldestWaitMs: 60_000, priorityWaiting: false }] } };
      if (method === "POST" && url.pathname === "/api/v1/queue/next") return next();
      return undefined;
    },
  ]);
  const handlers = { next: vi.fn(), previous: vi.fn(), search: vi.fn(), help: vi.fn(), conversationOpen: () => false };
  function Shell() {
    useShortcuts(handlers);
    return (
      <>
        <input aria-label="search" />
        <QueuePanel store={new ConversationStore()} teamName={() => "Sales"} />
      </>
    );
  }
  const view = await mount(<Shell />);
  cleanup.push(view.unmount);
  await settle();
  return { root: view.container, handlers, takes: () => calls.filter((c) => c.path === "/api/v1/queue/next").length };
}

describe("Shift+N", () => {
  it("is the take-next shortcut, free of every other key, and n stays note mode", () => {
    const on = (key: string) => shortcutFor({ key, ctrlKey: false, metaKey: false, altKey: false, target: document.body });
    expect(on("N")).toBe("take-next");
    expect(on("n")).toBe("note-mode");
    expect(SHORTCUTS.find((s) => s.action === "take-next")!.keys).toEqual([["Shift", "N"]]);
    expect(new Set(SHORTCUTS.flatMap((s) => s.keys.map((k) => k.join("+")))).size).toBe(SHORTCUTS.flatMap((s) => s.keys).length);
  });

  it("sends take-next with no conversation open, but not while typing", async () => {
    const commands: ConsoleCommand[] = [];
    cleanup.push(onCommand((c) => commands.push(c)));
    const { root, handlers } = await shell(() => ({ body: { conversation: item({ id: "c9" }) } }));
    const typed = shiftN(root.querySelector("input")!);
    expect(typed.defaultPrevented).toBe(false);
    expect(commands).toEqual([]);
    const pressed = shiftN();
    expect(pressed.defaultPrevented).toBe(true);
    expect(commands).toEqual(["take-next"]);
    expect(handlers.next).not.toHaveBeenCalled();
    await settle();
  });

  it("presses the queue panel's Next: takes the conversation and opens it", async () => {
    const got: ConversationItem = item({ id: "c9", assigneeId: "a1" });
    const { takes } = await shell(() => ({ body: { conversation: got } }));
    await act(() => void shiftN());
    await settle();
    expect(takes()).toBe(1);
    expect(location.pathname).toBe(conversationPath("c9"));
  });

  it("takes once while a take is under way", async () => {
    const { takes } = await shell(() => ({ body: { conversation: item({ id: "c9" }) } }));
    // Hold Next's answer until both presses are in.
    const answer = globalThis.fetch;
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    globalThis.fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
      const res = answer(input, init);
      if (String(input).includes("/queue/next")) await held;
      return res;
    }) as typeof fetch;
    await act(() => void shiftN());
    await act(() => void shiftN());
    expect(takes()).toBe(1);
    await act(async () => release());
    await settle();
    expect(takes()).toBe(1);
    expect(location.pathname).toBe(conversationPath("c9"));
  });

  it("is listed in the ? help, in en, pt-BR and es", async () => {
    const view = await mount(<ShortcutHelp onClose={() => {}} />);
    cleanup.push(view.unmount);
    expect(view.container.textContent).toContain("Take the next waiting customer (the queue's Next)");
    expect(SHORTCUT_STRINGS["pt-BR"].actions["take-next"]).toBe("Pegar o próximo cliente da fila (Próximo)");
    expect(SHORTCUT_STRINGS.es.actions["take-next"]).toBe("Tomar el siguiente cliente en espera (Siguiente de la cola)");
  });
});
