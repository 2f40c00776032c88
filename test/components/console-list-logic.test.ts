/**
 * The conversation list's rules, without a page: which rows a view shows, where a live
 * change puts a row (in, out, moved), how queue frames merge with what the agent already
 * knows, and how unread counts and next/previous are worked out.
 */
import { describe, expect, it, vi } from "vitest";
import { ConversationStore, type StoreChange } from "../../console/list/conversation-store";
import { ItemRefresher } from "../../console/list/item-refresher";
import { EMPTY_WINDOW, appendPage, compareRows, placeRow, type ListWindow } from "../../console/list/list-window";
import { loadQuery, saveQuery } from "../../console/list/saved-query";
import { countUnread } from "../../console/list/view-counts";
import { matchesQuery, queryKey, toApiQuery, type ListQuery } from "../../console/list/view-query";
import { stepFrom } from "../../console/shell/use-stepper";
import type { ConversationItem } from "../../worker/protocol";
import { ME_ID, item, summaryOf } from "./console-fixtures";

const q = (view: ListQuery["view"], filters: ListQuery["filters"] = {}): ListQuery => ({ view, filters });

describe("which rows a view shows", () => {
  const mineOpen = item({ id: "a", assigneeId: ME_ID });
  const othersOpen = item({ id: "b", assigneeId: "someone" });
  const waiting = item({ id: "c" });
  const resolved = item({ id: "d", status: "resolved", assigneeId: ME_ID });
  const starredResolved = item({ id: "e", status: "resolved", starred: true });
  const snoozedMine = item({ id: "f", status: "snoozed", assigneeId: ME_ID });
  const rows = [mineOpen, othersOpen, waiting, resolved, starredResolved, snoozedMine];
  const shown = (query: ListQuery) => rows.filter((r) => matchesQuery(r, query, ME_ID)).map((r) => r.id);

  it("defaults Mine, Unassigned and All to open conversations", () => {
    expect(shown(q("mine"))).toEqual(["a"]);
    expect(shown(q("unassigned"))).toEqual(["c"]);
    expect(shown(q("all"))).toEqual(["a", "b", "c"]);
  });

  it("lets a status filter replace the open default", () => {
    expect(shown(q("mine", { status: "snoozed" }))).toEqual(["f"]);
    expect(shown(q("all", { status: "resolved" }))).toEqual(["d", "e"]);
  });

  it("shows starred rows of any status, and resolved ones in Resolved whatever the status filter", () => {
    expect(shown(q("starred"))).toEqual(["e"]);
    expect(shown(q("resolved"))).toEqual(["d", "e"]);
    expect(shown(q("resolved", { status: "open" }))).toEqual(["d", "e"]);
    expect(toApiQuery(q("resolved", { status: "open" }), null, 50)).toEqual({ view: "resolved", limit: 50 });
  });

  it("shows snoozed ones in Snoozed (and never in All open), whatever the status filter", () => {
    expect(shown(q("snoozed"))).toEqual(["f"]);
    expect(shown(q("snoozed", { status: "open" }))).toEqual(["f"]);
    expect(toApiQuery(q("snoozed", { status: "open" }), null, 50)).toEqual({ view: "snoozed", limit: 50 });
    expect(shown(q("all"))).not.toContain("f");
  });

  it("narrows by assignee, inbox, channel, team and tag", () => {
    const tagged = item({ id: "t", tagIds: ["vip"], channel: "whatsapp", inboxId: "i2", teamId: "t2", assigneeId: "x" });
    const list = [...rows, tagged];
    const ids = (filters: ListQuery["filters"]) => list.filter((r) => matchesQuery(r, q("all", filters), ME_ID)).map((r) => r.id);
    expect(ids({ tag: "vip" })).toEqual(["t"]);
    expect(ids({ channel: "whatsapp" })).toEqual(["t"]);
    expect(ids({ inbox: "i2" })).toEqual(["t"]);
    expect(ids({ team: "t2" })).toEqual(["t"]);
    expect(ids({ assignee: "me" })).toEqual(["a"]);
    expect(ids({ assignee: "none" })).toEqual(["c"]);
    expect(ids({ assignee: "x", tag: "other" })).toEqual([]);
  });

  it("gives equal queries equal keys, whatever order the filters were set in", () => {
    expect(queryKey(q("all", { tag: "a", team: "b" }))).toBe(queryKey(q("all", { team: "b", tag: "a" })));
    expect(queryKey(q("all", { tag: "a" }))).not.toBe(queryKey(q("mine", { tag: "a" })));
  });
});

describe("placing rows in the loaded window", () => {
  const store = new Map<string, ConversationItem>();
  const put = (...rows: ConversationItem[]) => rows.forEach((r) => store.set(r.id, r));
  const lookup = (id: string) => store.get(id);
  const win = (ids: string[], nextCursor: string | null = null): ListWindow => ({ ids, nextCursor, end: nextCursor ? (lookup(ids.at(-1)!) ?? null) : null });

  it("orders by last activity, newest first, ties by id descending", () => {
    expect(compareRows(item({ id: "a", lastActivityAt: 2 }), item({ id: "b", lastActivityAt: 1 }))).toBeLessThan(0);
    expect(compareRows(item({ id: "b", lastActivityAt: 1 }), item({ id: "a", lastActivityAt: 1 }))).toBeLessThan(0);
  });

  it("moves a row with new activity to the top and drops one that stopped matching", () => {
    put(item({ id: "a", lastActivityAt: 30 }), item({ id: "b", lastActivityAt: 20 }), item({ id: "c", lastActivityAt: 10 }));
    const bumped = item({ id: "c", lastActivityAt: 40 });
    put(bumped);
    expect(placeRow(win(["a", "b", "c"]), bumped, true, lookup).ids).toEqual(["c", "a", "b"]);
    expect(placeRow(win(["a", "b", "c"]), store.get("b")!, false, lookup).ids).toEqual(["a", "c"]);
  });

  it("lets a row that starts matching in where it sorts", () => {
    put(item({ id: "a", lastActivityAt: 30 }), item({ id: "c", lastActivityAt: 10 }));
    const entering = item({ id: "n", lastActivityAt: 20 });
    put(entering);
    expect(placeRow(win(["a", "c"]), entering, true, lookup).ids).toEqual(["a", "n", "c"]);
  });

  it("leaves a row that sorts below the loaded pages to arrive with its page", () => {
    put(item({ id: "a", lastActivityAt: 30 }), item({ id: "c", lastActivityAt: 10 }));
    const old = item({ id: "o", lastActivityAt: 5 });
    const w = win(["a", "c"], "cursor");
    expect(placeRow(w, old, true, lookup)).toBe(w);
    expect(placeRow(win(["a", "c"], null), old, true, lookup).ids).toEqual(["a", "c", "o"]);
  });

  it("keeps the last row of a page when it is placed again (the range ends at the cursor)", () => {
    put(item({ id: "a", lastActivityAt: 30 }), item({ id: "b", lastActivityAt: 20 }));
    const page = appendPage(EMPTY_WINDOW, [store.get("a")!, store.get("b")!], "cursor-after-b");
    // The unread count of the page's last row changes: same sort key, same place.
    expect(placeRow(page, item({ id: "b", lastActivityAt: 20, unread: 3 }), true, lookup).ids).toEqual(["a", "b"]);
    // And a row between the two pages' boundary and the next page stays out.
    expect(placeRow(page, item({ id: "z", lastActivityAt: 19 }), true, lookup).ids).toEqual(["a", "b"]);
  });

  it("returns the same window when nothing moved, so the list need not re-render its order", () => {
    put(item({ id: "a", lastActivityAt: 30 }), item({ id: "b", lastActivityAt: 20 }));
    const w = win(["a", "b"]);
    expect(placeRow(w, store.get("a")!, true, lookup)).toBe(w);
    expect(placeRow(w, item({ id: "zz" }), false, lookup)).toBe(w);
  });

  it("never shows a row twice when a page repeats one a live update already placed", () => {
    const next = appendPage(win(["x", "a"], "c1"), [item({ id: "a" }), item({ id: "b" })], null);
    expect(next).toEqual({ ids: ["x", "a", "b"], nextCursor: null, end: null });
  });

  it("keeps up with a burst of live updates on thousands of rows", () => {
    const big = new Map<string, ConversationItem>();
    let w: ListWindow = EMPTY_WINDOW;
    const rows = Array.from({ length: 5_000 }, (_, i) => item({ id: `r${String(i).padStart(5, "0")}`, lastActivityAt: 100_000 - i }));
    for (const r of rows) big.set(r.id, r);
    w = appendPage(w, rows, "more");
    const started = performance.now();
    for (let i = 0; i < 2_000; i++) {
      const r = item({ id: rows[(i * 7919) % rows.length]!.id, lastActivityAt: 200_000 + i });
      big.set(r.id, r);
      w = placeRow(w, r, true, (id) => big.get(id));
    }
    const elapsed = performance.now() - started;
    expect(w.ids.length).toBe(5_000);
    expect(new Set(w.ids).size).toBe(5_000);
    const times = w.ids.map((id) => big.get(id)!.lastActivityAt);
    expect(times).toEqual([...times].sort((a, b) => b - a));
    // Linear per update: 2,000 updates of 5,000 rows take milliseconds, not seconds.
    expect(elapsed).toBeLessThan(2_000);
  });
});

describe("the conversation store", () => {
  it("merges a queue frame over the agent's own fields instead of wiping them", () => {
    const store = new ConversationStore();
    store.putItem(item({ id: "a", starred: true, unread: 2, tagIds: ["vip"], lastSeq: 3 }), "load");
    expect(store.putSummary(summaryOf(item({ id: "a", lastSeq: 4, lastMessagePreview: "new", status: "resolved" })))).toBe("advanced");
    expect(store.get("a")).toMatchObject({ starred: true, unread: 2, tagIds: ["vip"], lastMessagePreview: "new", status: "resolved" });
  });

  it("ignores a frame older than what it knows, and says when a row is new", () => {
    const store = new ConversationStore();
    store.putItem(item({ id: "a", lastSeq: 5, lastMessagePreview: "newest" }), "load");
    expect(store.putSummary(summaryOf(item({ id: "a", lastSeq: 4, lastMessagePreview: "older" })))).toBe("stale");
    expect(store.get("a")!.lastMessagePreview).toBe("newest");
    expect(store.putSummary(summaryOf(item({ id: "b" })))).toBe("new");
    expect(store.get("b")).toMatchObject({ starred: false, unread: 0, tagIds: [] });
  });

  it("takes a slow reply's per-agent fields but not its older summary", () => {
    const store = new ConversationStore();
    store.putSummary(summaryOf(item({ id: "a", lastSeq: 7, status: "resolved" })));
    store.putItem(item({ id: "a", lastSeq: 6, status: "open", starred: true, unread: 1 }), "action");
    expect(store.get("a")).toMatchObject({ lastSeq: 7, status: "resolved", starred: true, unread: 0 });
  });

  it("tells listeners the source and the previous version", () => {
    const store = new ConversationStore();
    const seen: StoreChange[] = [];
    store.subscribe((c) => seen.push(c));
    store.putItem(item({ id: "a", unread: 1 }), "load");
    store.patch("a", { unread: 0 }, "action");
    store.patch("a", { unread: 0 }, "action"); // no change, no event
    expect(seen.map((c) => [c.source, c.previous?.unread, c.item.unread])).toEqual([
      ["load", undefined, 1],
      ["action", 1, 0],
    ]);
  });
});

describe("refreshing a row after a frame", () => {
  it("keeps one request in flight per conversation and one more after it", async () => {
    let release: () => void = () => {};
    const fetchItem = vi.fn((id: string) => new Promise<ConversationItem>((done) => (release = () => done(item({ id, unread: 3 })))));
    const got: ConversationItem[] = [];
    const refresher = new ItemRefresher(fetchItem, (i) => got.push(i));
    refresher.request("a");
    refresher.request("a");
    refresher.request("a");
    expect(fetchItem).toHaveBeenCalledTimes(1);
    release();
    await vi.waitFor(() => expect(fetchItem).toHaveBeenCalledTimes(2));
    release();
    await vi.waitFor(() => expect(got).toHaveLength(2));
    expect(fetchItem).toHaveBeenCalledTimes(2);
  });
});

describe("unread counts and stepping through the list", () => {
  it("counts unread customer messages in my open conversations and in the waiting ones", () => {
    const counts = countUnread(
      [
        item({ id: "a", assigneeId: ME_ID, unread: 2 }),
        item({ id: "b", assigneeId: ME_ID, unread: 5, status: "resolved" }),
        item({ id: "c", unread: 1 }),
        item({ id: "d", assigneeId: "other", unread: 4 }),
      ],
      ME_ID,
    );
    expect(counts).toEqual({ mine: 2, unassigned: 1 });
  });

  it("steps to the row that took the open one's place when it left the list", () => {
    const stops = ["a", "b", "c"].map((id) => ({ id, path: `/${id}` }));
    expect(stepFrom(stops, "b", 1, 1)?.id).toBe("c");
    expect(stepFrom(stops, "b", 1, -1)?.id).toBe("a");
    expect(stepFrom(stops, null, -1, 1)?.id).toBe("a");
    expect(stepFrom(stops, "c", 2, 1)).toBeNull();
    // "x" was at index 1 and has just been resolved out of [a, x, b, c]:
    expect(stepFrom(stops, "x", 1, 1)?.id).toBe("b");
    expect(stepFrom(stops, "x", 1, -1)?.id).toBe("a");
  });
});

describe("the remembered view", () => {
  it("round-trips per agent and falls back to All on anything it cannot read", () => {
    const storage = new Map<string, string>();
    const fake = { getItem: (k: string) => storage.get(k) ?? null, setItem: (k: string, v: string) => storage.set(k, v) } as unknown as Storage;
    saveQuery(ME_ID, q("unassigned", { tag: "vip", channel: "webchat" }), fake);
    expect(loadQuery(ME_ID, fake)).toEqual(q("unassigned", { tag: "vip", channel: "webchat" }));
    expect(loadQuery("someone-else", fake)).toEqual(q("all"));
    storage.set(`switchboard:console-list:${ME_ID}`, JSON.stringify({ view: "everything", channel: "fax" }));
    expect(loadQuery(ME_ID, fake)).toEqual(q("all"));
    storage.set(`switchboard:console-list:${ME_ID}`, "{not json");
    expect(loadQuery(ME_ID, fake)).toEqual(q("all"));
  });
});
