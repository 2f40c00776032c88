/**
 * The list on screen: a view's first page from the API with a channel icon and an unread
 * badge per row, then live changes — a row with new activity moves up, a row that stops
 * matching the view leaves, a row that starts matching enters — and infinite scroll
 * asks for the next page with the cursor.
 */
import { act } from "preact/test-utils";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ConversationStore } from "../../console/list/conversation-store";
import { ConversationList } from "../../console/list/conversation-list";
import { useConversationList } from "../../console/list/use-conversation-list";
import type { ListQuery } from "../../console/list/view-query";
import type { ConversationItem } from "../../worker/protocol";
import { ME, item, summaryOf } from "./console-list-fixtures";
import { installFetch, mount, settle } from "./fakes";

let unmount = () => {};
afterEach(() => unmount());

function Harness({ store, query }: { store: ConversationStore; query: ListQuery }) {
  const list = useConversationList(store, query, ME);
  return (
    <ConversationList store={store} list={list} view={query.view} filtered={false} meId={ME} selectedId={null} tags={new Map()} connection="online" onStar={() => {}} />
  );
}

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
    const view = await mount(<Harness store={store} query={{ view: "unassigned", filters: {} }} />);
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
    const view = await mount(<Harness store={store} query={{ view: "unassigned", filters: {} }} />);
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
      const view = await mount(<Harness store={store} query={{ view: "unassigned", filters: {} }} />);
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
      const view = await mount(<Harness store={store} query={{ view: "unassigned", filters: {} }} />);
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
});
