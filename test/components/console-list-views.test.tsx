/**
 * The views are named for what they show: "All open" (snoozed and resolved ones are not
 * in it), and Snoozed and Resolved views where those conversations can be found, each
 * with its own empty state.
 */
import { useState } from "preact/hooks";
import { act } from "preact/test-utils";
import { afterEach, describe, expect, it, vi } from "vitest";
import { ConversationStore } from "../../console/list/conversation-store";
import { ConversationList } from "../../console/list/conversation-list";
import { useConversationList } from "../../console/list/use-conversation-list";
import type { LiveFeed } from "../../console/list/use-queue-live";
import { ViewNav } from "../../console/list/view-nav";
import type { ListQuery } from "../../console/list/view-query";
import type { ConversationItem } from "../../worker/protocol";
import { ME_ID, item, summaryOf } from "./console-fixtures";
import { click, installFetch, mount, settle } from "./fakes";

let unmount = () => {};
afterEach(() => unmount());

function Harness({ store, query }: { store: ConversationStore; query: ListQuery }) {
  const [live] = useState<LiveFeed>({ state: "online", since: performance.now() });
  const list = useConversationList(store, query, ME_ID, live);
  return <ConversationList store={store} list={list} view={query.view} filtered={false} meId={ME_ID} selectedId={null} tags={new Map()} connection="online" onStar={() => {}} />;
}

describe("the view switcher", () => {
  it("names each view for what it shows, Snoozed and Resolved included", async () => {
    const onView = vi.fn();
    const view = await mount(<ViewNav view="all" counts={{ mine: 0, unassigned: 0 }} onView={onView} />);
    unmount = view.unmount;
    const buttons = [...view.container.querySelectorAll("button")];
    expect(buttons.map((b) => b.textContent)).toEqual(["Mine", "Unassigned", "All open", "Starred", "Snoozed", "Resolved"]);
    expect(buttons[2]!.getAttribute("aria-current")).toBe("true");
    await click(buttons[4]!);
    expect(onView).toHaveBeenCalledWith("snoozed");
  });
});

describe("the Snoozed view", () => {
  it("asks for snoozed conversations, says so when there are none, and takes one snoozed live", async () => {
    const calls = installFetch([({ url }) => (url.pathname === "/api/v1/conversations" ? { body: { conversations: [] as ConversationItem[], nextCursor: null } } : undefined)]);
    const store = new ConversationStore();
    const view = await mount(<Harness store={store} query={{ view: "snoozed", filters: {} }} />);
    unmount = view.unmount;
    await settle();
    expect(calls[0]!.path).toMatch(/^\/api\/v1\/conversations\?view=snoozed&/);
    expect(view.container.querySelector("#list-title")!.textContent).toBe("Snoozed");
    expect(view.container.querySelector(".list-empty")!.textContent).toBe("No snoozed conversations. A snoozed one waits here until it reopens.");

    await act(() => void store.putSummary(summaryOf(item({ id: "z", contactName: "Zé", status: "snoozed", snoozedUntil: Date.now() + 60_000, lastSeq: 3, lastActivityAt: 500 }))));
    await settle();
    expect([...view.container.querySelectorAll(".row-name")].map((el) => el.textContent)).toEqual(["Zé"]);
  });
});
