/**
 * The list on screen: a view's first page from the API with a channel icon and an unread
 * badge per row (asked for again only when the live feed came up after it); then live
 * changes — a row with new activity moves up, a row that stops matching
 * the view leaves, a row that starts matching enters — and infinite scroll asks for the
 * next page with the cursor.
 */
import { act } from "preact/test-utils";
import { useState } from "preact/hooks";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ConversationStore } from "../../console/list/conversation-store";
import { ConversationList } from "../../console/list/conversation-list";
import { useConversationList } from "../../console/list/use-conversation-list";
import type { LiveFeed } from "../../console/list/use-queue-live";
import type { ListQuery } from "../../console/list/view-query";
import { DEFAULT_PAGE_SIZE } from "../../worker/protocol/limits";
import type { ConversationItem } from "../../worker/protocol";
import { ME_ID, item, summaryOf } from "./console-fixtures";
import { installFetch, mount, settle } from "./fakes";

let unmount = () => {};
afterEach(() => unmount());

const online = (): LiveFeed => ({ state: "online", since: performance.now() });
let setFeed: (feed: LiveFeed) => void = () => {};

function Harness({ store, query, feed = online() }: { store: ConversationStore; query: ListQuery; feed?: LiveFeed }) {
  const [live, setLive] = useState(feed);
  setFeed = setLive;
  const list = useConversationList(store, query, ME_ID, live);
  return (
    <ConversationList store={store} list={list} view={query.view} filtered={false} meId={ME_ID} selectedId={null} tags={new Map()} connection={live.state} onStar={() => {}} />
  );
}

const UNASSIGNED: ListQuery = { view: "unassigned", filters: {} };

const rowNames = (root: HTMLElement) => [...root.querySelectorAll(".row-name")].map((el) => el.textContent);

describe("the live conversation list", () => {
  let pages: Record<string, { conversations: ConversationItem[]; nextCursor: string | null }>;
  let calls: ReturnType<typeof installFetch>;

  beforeEach(() => {
    pages = {
      first: {
        conversations: [
          item({ id: "a", contactName: "Ana", lastActivityAt: 300, unread: 2 }),
          item({ id: "b", contactName: "Bia", lastActivityAt: 200, channel: "whatsapp" }),
        ],
        nextCursor: "CURSOR-1",
      },
      second: { conversations: [item({ id: "c", contactName: "Caio", lastActivityAt: 100 })], nextCursor: null },
    };
    calls = installFetch([
      ({ url }) => (url.pathname === "/api/v1/conversations" ? { body: url.searchParams.get("cursor") === "CURSOR-1" ? pages.second : pages.first } : undefined),
    ]);
  });

  it("shows the first page with channel icons and unread badges", async () => {
    const store = new ConversationStore();
    const view = await mount(<Harness store={store} query={UNASSIGNED} />);
    unmount = view.unmount;
    await settle();
    expect(calls[0]!.path).toBe("/api/v1/conversations?view=unassigned&limit=50");
    expect(rowNames(view.container)).toEqual(["Ana", "Bia"]);
    const icons = [...view.container.querySelectorAll("svg[role='img']")].map((svg) => svg.getAttribute("aria-label"));
    expect(icons).toEqual(["Web chat", "WhatsApp"]);
    const badges = [...view.container.querySelectorAll(".unread-badge")];
    expect(badges.map((b) => b.querySelector("[aria-hidden]")?.textContent)).toEqual(["2"]);
    expect(badges.map((b) => b.querySelector(".visually-hidden")?.textContent)).toEqual(["2 unread"]);
  });

  it("moves, removes and adds rows as live changes arrive", async () => {
    const store = new ConversationStore();
    const view = await mount(<Harness store={store} query={UNASSIGNED} />);
    unmount = view.unmount;
    await settle();

    // Bia writes again: her row goes to the top, keeping what this agent knew.
    await act(() => void store.putSummary(summaryOf(item({ id: "b", contactName: "Bia", lastActivityAt: 400, lastSeq: 2, channel: "whatsapp" }))));
    expect(rowNames(view.container)).toEqual(["Bia", "Ana"]);

    // Someone takes Ana's conversation: it is no longer unassigned.
    await act(() => void store.putSummary(summaryOf(item({ id: "a", contactName: "Ana", assigneeId: "other", lastActivityAt: 410, lastSeq: 3 }))));
    expect(rowNames(view.container)).toEqual(["Bia"]);

    // A new visitor arrives in the queue.
    await act(() => void store.putSummary(summaryOf(item({ id: "n", contactName: "Nina", lastActivityAt: 500 }))));
    expect(rowNames(view.container)).toEqual(["Nina", "Bia"]);
  });

  it("asks for the next page with the cursor when the end of the list scrolls into view", async () => {
    const observed: Array<{ el: Element; fire: () => void }> = [];
    const original = globalThis.IntersectionObserver;
    globalThis.IntersectionObserver = class {
      constructor(private readonly callback: IntersectionObserverCallback) {}
      observe(el: Element) {
        observed.push({ el, fire: () => this.callback([{ isIntersecting: true, target: el } as IntersectionObserverEntry], this as never) });
      }
      disconnect() {}
    } as unknown as typeof IntersectionObserver;
    try {
      const store = new ConversationStore();
      const view = await mount(<Harness store={store} query={UNASSIGNED} />);
      unmount = view.unmount;
      await settle();
      expect(calls).toHaveLength(1);
      const sentinel = observed.at(-1)!;
      expect(sentinel.el.classList.contains("load-more")).toBe(true);
      await act(() => sentinel.fire());
      await settle();
      expect(calls.map((c) => c.path)).toEqual(["/api/v1/conversations?view=unassigned&limit=50", "/api/v1/conversations?view=unassigned&cursor=CURSOR-1&limit=50"]);
      expect(rowNames(view.container)).toEqual(["Ana", "Bia", "Caio"]);
      expect(view.container.querySelector(".load-more")).toBeNull();
    } finally {
      globalThis.IntersectionObserver = original;
    }
  });

  it("offers a button for the next page where there is no IntersectionObserver", async () => {
    const original = globalThis.IntersectionObserver;
    // @ts-expect-error: a browser without the API
    delete globalThis.IntersectionObserver;
    try {
      const store = new ConversationStore();
      const view = await mount(<Harness store={store} query={UNASSIGNED} />);
      unmount = view.unmount;
      await settle();
      const more = view.container.querySelector<HTMLButtonElement>(".load-more button")!;
      expect(more.textContent).toBe("Load more");
      await act(() => more.click());
      await settle();
      expect(rowNames(view.container)).toEqual(["Ana", "Bia", "Caio"]);
    } finally {
      globalThis.IntersectionObserver = original;
    }
  });

  it("asks for the first page at once, and again only when the live feed came up after it", async () => {
    const view = await mount(<Harness store={new ConversationStore()} query={UNASSIGNED} feed={{ state: "connecting", since: null }} />);
    unmount = view.unmount;
    await settle();
    expect(calls.map((c) => c.path)).toEqual(["/api/v1/conversations?view=unassigned&limit=50"]);
    expect(rowNames(view.container)).toEqual(["Ana", "Bia"]);

    // The socket joins after the page was read: what changed in between (someone took
    // Bia's conversation, so it left Unassigned) is only in a fresh page.
    pages.first = { conversations: [pages.first!.conversations[0]!], nextCursor: null };
    await act(() => setFeed(online()));
    await settle();
    expect(calls).toHaveLength(2);
    expect(rowNames(view.container)).toEqual(["Ana"]);
  });

  it("reads a view's first page once when the feed is already up, and again after a reconnect", async () => {
    function Switcher({ store }: { store: ConversationStore }) {
      const [query, setQuery] = useState<ListQuery>(UNASSIGNED);
      switchView = setQuery;
      return <Harness store={store} query={query} />;
    }
    let switchView: (q: ListQuery) => void = () => {};
    const view = await mount(<Switcher store={new ConversationStore()} />);
    unmount = view.unmount;
    await settle();
    await act(() => switchView({ view: "all", filters: {} }));
    await settle();
    expect(calls.map((c) => c.path)).toEqual(["/api/v1/conversations?view=unassigned&limit=50", "/api/v1/conversations?view=all&limit=50"]);

    await act(() => setFeed({ state: "offline", since: null }));
    await settle();
    expect(calls).toHaveLength(2);
    await act(() => setFeed(online()));
    await settle();
    expect(calls.map((c) => c.path).at(-1)).toBe("/api/v1/conversations?view=all&limit=50");
    expect(calls).toHaveLength(3);
  });

  it("keeps the rows that live changes brought in while a first page was on its way", async () => {
    // The page is read, then a new conversation arrives on the socket before the answer does.
    let answer: () => void = () => {};
    const answered = new Promise<void>((done) => (answer = done));
    const served = globalThis.fetch;
    globalThis.fetch = (async (...args: Parameters<typeof fetch>) => {
      await answered;
      return served(...args);
    }) as typeof fetch;
    const store = new ConversationStore();
    const view = await mount(<Harness store={store} query={UNASSIGNED} />);
    unmount = view.unmount;
    await settle();
    await act(() => void store.putSummary(summaryOf(item({ id: "n", contactName: "Nina", lastActivityAt: 500 }))));
    answer();
    await settle();
    expect(rowNames(view.container)).toEqual(["Nina", "Ana", "Bia"]);
  });

  it("keeps a full page's last row in place when a live change touches it", async () => {
    const full = Array.from({ length: DEFAULT_PAGE_SIZE }, (_, i) => item({ id: `r${String(i).padStart(2, "0")}`, contactName: `Row ${i + 1}`, lastActivityAt: 10_000 - i, lastSeq: 1 }));
    pages.first = { conversations: full, nextCursor: "CURSOR-1" };
    const store = new ConversationStore();
    const view = await mount(<Harness store={store} query={UNASSIGNED} />);
    unmount = view.unmount;
    await settle();
    expect(rowNames(view.container)).toHaveLength(DEFAULT_PAGE_SIZE);

    // The 50th row gets an unread message's count without new activity (same sort key)…
    const last = full.at(-1)!;
    await act(() => store.putItem({ ...last, unread: 1 }, "live"));
    expect(rowNames(view.container)).toHaveLength(DEFAULT_PAGE_SIZE);
    expect(rowNames(view.container).at(-1)).toBe(`Row ${DEFAULT_PAGE_SIZE}`);
    // …and a newer summary of it moves it to the top, with nothing lost.
    await act(() => void store.putSummary(summaryOf({ ...last, lastActivityAt: 20_000, lastSeq: 2 })));
    expect(rowNames(view.container)).toHaveLength(DEFAULT_PAGE_SIZE);
    expect(rowNames(view.container)[0]).toBe(`Row ${DEFAULT_PAGE_SIZE}`);
  });
});
