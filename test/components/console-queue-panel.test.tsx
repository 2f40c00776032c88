/**
 * The console's queue panel against a fake API at the fetch boundary: per-team waiting
 * figures, read again when the live feed reports a change and on the 15 s floor; Next
 * assigning and opening the conversation it got; the red state while a priority customer
 * waits; `queue_empty` said in words; the strings in en, pt-BR and es.
 */
import { act } from "preact/test-utils";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { ConversationItem, TeamQueueStats } from "../../worker/protocol";
import { ConversationStore } from "../../console/list/conversation-store";
import { QueuePanel } from "../../console/queue/queue-panel";
import { QUEUE_STRINGS, type QueueStrings } from "../../console/queue/queue-strings";
import { conversationPath, listPath } from "../../console/router";
import { click, installFetch, mount, settle } from "./fakes";
import { item } from "./console-fixtures";

const NAMES: Record<string, string> = { t1: "Sales", t2: "Support" };
let unmount: (() => void) | null = null;
beforeEach(() => history.replaceState(null, "", listPath));
afterEach(async () => {
  await act(() => unmount?.());
  unmount = null;
});

function queueServer(opts: { teams: TeamQueueStats[]; next?: ConversationItem | null }) {
  const state = { teams: opts.teams, next: opts.next ?? null };
  const calls = installFetch([
    ({ method, url }) => {
      if (method === "GET" && url.pathname === "/api/v1/queue/stats") return { body: { teams: state.teams } };
      if (method === "POST" && url.pathname === "/api/v1/queue/next") {
        if (!state.next) return { status: 404, body: { error: { code: "queue_empty", message: "No conversation is waiting in your teams' queues." } } };
        return { body: { conversation: state.next } };
      }
      return undefined;
    },
  ]);
  return { state, calls, statsReads: () => calls.filter((c) => c.path === "/api/v1/queue/stats").length };
}

async function show(opts: { store?: ConversationStore; strings?: QueueStrings; floorMs?: number } = {}) {
  const store = opts.store ?? new ConversationStore();
  const view = await mount(<QueuePanel store={store} teamName={(id) => NAMES[id] ?? null} strings={opts.strings} floorMs={opts.floorMs} />);
  unmount = view.unmount;
  await settle();
  return { root: view.container, store };
}

const figures = (root: HTMLElement) => [...root.querySelectorAll(".queue-team")].map((li) => li.textContent);
const nextButton = (root: HTMLElement) => root.querySelector<HTMLButtonElement>("button.queue-next")!;
const team = (teamId: string, waiting: number, oldestWaitMs: number | null, priorityWaiting = false): TeamQueueStats => ({ teamId, waiting, oldestWaitMs, priorityWaiting });

describe("the queue panel's figures", () => {
  it("shows each team's waiting count and oldest wait", async () => {
    queueServer({ teams: [team("t1", 3, 4 * 60_000 + 30_000), team("t2", 0, null), team("t9", 1, 20_000)] });
    const { root } = await show();
    expect(figures(root)).toEqual(["Sales3 waiting · oldest 4 min", "Support0 waiting", "1 waiting · oldest <1 min"]);
    expect(root.querySelector(".queue-team-name")!.textContent).toBe("Sales");
  });

  it("says hours and minutes for a long wait", async () => {
    queueServer({ teams: [team("t1", 2, 75 * 60_000)] });
    const { root } = await show();
    expect(root.querySelector(".queue-figures")!.textContent).toBe("2 waiting · oldest 1 h 15 min");
  });

  it("reads the figures again when the live feed reports a change, not on the agent's own actions", async () => {
    const server = queueServer({ teams: [team("t1", 1, 60_000)] });
    const { root, store } = await show();
    expect(server.statsReads()).toBe(1);
    server.state.teams = [team("t1", 2, 120_000)];
    await act(() => store.putItem(item({ id: "c7" }), "action"));
    await settle();
    expect(server.statsReads()).toBe(1);
    await act(() => store.putItem(item({ id: "c8" }), "live"));
    await settle();
    expect(server.statsReads()).toBe(2);
    expect(figures(root)).toEqual(["Sales2 waiting · oldest 2 min"]);
  });

  it("reads them again on the floor interval with no socket traffic", async () => {
    const server = queueServer({ teams: [team("t1", 1, 60_000)] });
    const { root } = await show({ floorMs: 30 });
    server.state.teams = [team("t1", 5, 300_000)];
    await act(async () => await new Promise((r) => setTimeout(r, 80)));
    await settle();
    expect(server.statsReads()).toBeGreaterThanOrEqual(2);
    expect(figures(root)).toEqual(["Sales5 waiting · oldest 5 min"]);
  });
});

describe("the Next button", () => {
  it("takes the next conversation, puts it in the store and opens it", async () => {
    const taken = item({ id: "c42", assigneeId: "a1", contactName: "João" });
    const server = queueServer({ teams: [team("t1", 1, 60_000)], next: taken });
    const { root, store } = await show();
    server.state.teams = [team("t1", 0, null)];
    await click(nextButton(root));
    await settle();
    expect(server.calls.filter((c) => c.method === "POST").map((c) => c.path)).toEqual(["/api/v1/queue/next"]);
    expect(location.pathname).toBe(conversationPath("c42"));
    expect(store.get("c42")?.assigneeId).toBe("a1");
    expect(root.querySelector(".queue-notice")).toBeNull();
    // The queue moved: the figures are read again.
    expect(figures(root)).toEqual(["Sales0 waiting"]);
  });

  it("says nobody is waiting on queue_empty and stays where it is", async () => {
    queueServer({ teams: [team("t1", 0, null)], next: null });
    const { root } = await show();
    await click(nextButton(root));
    await settle();
    expect(root.querySelector("[role=status]")!.textContent).toBe("Nobody is waiting");
    expect(location.pathname).toBe(listPath);
    expect(nextButton(root).disabled).toBe(false);
  });

  it("says a failure apart from an empty queue", async () => {
    installFetch([
      ({ url }) => (url.pathname === "/api/v1/queue/stats" ? { body: { teams: [] } } : undefined),
      ({ url }) => (url.pathname === "/api/v1/queue/next" ? { status: 503, body: { error: { code: "unavailable", message: "down" } } } : undefined),
    ]);
    const { root } = await show();
    await click(nextButton(root));
    await settle();
    expect(root.querySelector("[role=status]")!.textContent).toBe("The next conversation could not be taken. Try again.");
  });

  it("turns red, and says why, while a priority customer waits in any team", async () => {
    const server = queueServer({ teams: [team("t1", 1, 60_000), team("t2", 2, 90_000, true)] });
    const { root, store } = await show();
    expect(nextButton(root).classList.contains("queue-next--priority")).toBe(true);
    expect(nextButton(root).getAttribute("aria-description")).toBe("A priority customer is waiting");

    server.state.teams = [team("t1", 1, 60_000), team("t2", 1, 90_000)];
    await act(() => store.putItem(item({ id: "c9" }), "live"));
    await settle();
    expect(nextButton(root).classList.contains("queue-next--priority")).toBe(false);
    expect(nextButton(root).hasAttribute("aria-description")).toBe(false);
  });
});

describe("the queue panel in three languages", () => {
  it("renders pt-BR and es", async () => {
    const server = queueServer({ teams: [team("t1", 3, 4 * 60_000, true)], next: null });
    const pt = await show({ strings: QUEUE_STRINGS["pt-BR"] });
    expect(figures(pt.root)).toEqual(["Sales3 aguardando · mais antigo há 4 min"]);
    expect(nextButton(pt.root).textContent).toBe("Próximo");
    expect(nextButton(pt.root).getAttribute("aria-description")).toBe("Um cliente prioritário está aguardando");
    await click(nextButton(pt.root));
    await settle();
    expect(pt.root.querySelector("[role=status]")!.textContent).toBe("Ninguém aguardando");
    await act(() => unmount?.());

    const es = await show({ strings: QUEUE_STRINGS.es });
    expect(figures(es.root)).toEqual(["Sales3 esperando · el más antiguo hace 4 min"]);
    expect(nextButton(es.root).textContent).toBe("Siguiente");
    await click(nextButton(es.root));
    await settle();
    expect(es.root.querySelector("[role=status]")!.textContent).toBe("Nadie esperando");
    expect(server.calls.filter((c) => c.method === "POST")).toHaveLength(2);
  });

  it("has every string translated, none left in English", () => {
    const sample = (t: QueueStrings) => [t.panelLabel, t.waiting(2), t.oldest(180_000), t.next, t.nextTitle, t.priority, t.empty, t.failed];
    const en = sample(QUEUE_STRINGS.en);
    for (const locale of ["pt-BR", "es"] as const) {
      const other = sample(QUEUE_STRINGS[locale]);
      expect(other.every((text) => text.trim().length > 0)).toBe(true);
      expect(other.filter((text, i) => text === en[i])).toEqual([]);
    }
  });
});
