/**
 * The team queue sockets feeding the store: one socket per team, the feed reported whole
 * (with the moment) once every socket is up and again after every reconnect, a frame
 * that moves a conversation on fetches this agent's item (that is how a new customer
 * message bumps the row's unread count), and the conversation on screen is read, not
 * refetched.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { act } from "preact/test-utils";
import { ConversationStore } from "../../console/list/conversation-store";
import { useQueueLive, type LiveFeed } from "../../console/list/use-queue-live";
import type { QueueFrame, ServerFrame } from "../../worker/protocol";
import { ME_ID, item, summaryOf } from "./console-fixtures";
import { FakeSocket, installFakeSocket, installFetch, mount, settle } from "./fakes";

let unmount = () => {};
afterEach(() => unmount());

const frame = (f: QueueFrame) => f as unknown as ServerFrame;

describe("live list updates", () => {
  let calls: ReturnType<typeof installFetch>;
  let serverItems: Map<string, ReturnType<typeof item>>;

  beforeEach(() => {
    installFakeSocket();
    serverItems = new Map();
    calls = installFetch([
      ({ url }) => {
        const id = /^\/api\/v1\/conversations\/([^/]+)$/.exec(url.pathname)?.[1];
        const found = id ? serverItems.get(id) : undefined;
        return found ? { body: { conversation: found } } : undefined;
      },
    ]);
  });

  async function start(teamIds: string[], openId: string | null = null) {
    const store = new ConversationStore();
    const feeds: LiveFeed[] = [];
    function Probe() {
      feeds.push(useQueueLive({ store, teamIds, isReading: (id) => id === openId }));
      return null;
    }
    const view = await mount(<Probe />);
    unmount = view.unmount;
    return { store, feeds };
  }

  it("joins each of the agent's teams and reports the feed whole once every socket is up", async () => {
    const { feeds } = await start(["t1", "t2"]);
    expect(FakeSocket.all.map((s) => new URL(s.url).search)).toEqual(["?team=t1", "?team=t2"]);
    await act(() => FakeSocket.all[0]!.open());
    expect(feeds.at(-1)).toEqual({ state: "connecting", since: null });
    const before = performance.now();
    await act(() => FakeSocket.all[1]!.open());
    const whole = feeds.at(-1)!;
    expect(whole.state).toBe("online");
    expect(whole.since).toBeGreaterThanOrEqual(before);

    // One socket drops: the feed is not whole; back up, it is whole again from a later moment.
    await act(() => FakeSocket.all[0]!.close());
    expect(feeds.at(-1)).toEqual({ state: "offline", since: null });
    await settle();
    await act(() => new Promise((done) => setTimeout(done, 600)));
    const retry = FakeSocket.all[2]!;
    expect(new URL(retry.url).search).toBe("?team=t1");
    await act(() => retry.open());
    expect(feeds.at(-1)!.state).toBe("online");
    expect(feeds.at(-1)!.since).toBeGreaterThan(whole.since!);
  });

  it("joins the default team's queue when the agent is in none", async () => {
    await start([]);
    expect(FakeSocket.all.map((s) => new URL(s.url).pathname + new URL(s.url).search)).toEqual(["/api/v1/queue/ws"]);
  });

  it("fetches the agent's item when a frame moves a conversation on, so the unread count rises", async () => {
    const { store } = await start(["t1"]);
    store.putItem(item({ id: "a", assigneeId: ME_ID, lastSeq: 2, unread: 0, starred: true }), "load");
    await act(() => FakeSocket.last.open());
    serverItems.set("a", item({ id: "a", assigneeId: ME_ID, lastSeq: 3, unread: 1, starred: true, lastMessagePreview: "are you there?" }));

    await act(() => FakeSocket.last.push(frame({ type: "conversation", conversation: summaryOf(serverItems.get("a")!) })));
    await settle();
    expect(calls.map((c) => c.path)).toEqual(["/api/v1/conversations/a"]);
    expect(store.get("a")).toMatchObject({ unread: 1, starred: true, lastMessagePreview: "are you there?" });

    // A replayed older frame changes nothing and costs no request.
    await act(() => FakeSocket.last.push(frame({ type: "conversation", conversation: summaryOf(item({ id: "a", lastSeq: 1 })) })));
    await settle();
    expect(calls).toHaveLength(1);
    expect(store.get("a")!.lastMessagePreview).toBe("are you there?");
  });

  it("treats the conversation on screen as read instead of fetching it", async () => {
    const { store } = await start(["t1"], "open");
    store.putItem(item({ id: "open", lastSeq: 4, unread: 2 }), "load");
    await act(() => FakeSocket.last.open());
    await act(() => FakeSocket.last.push(frame({ type: "conversation", conversation: summaryOf(item({ id: "open", lastSeq: 5 })) })));
    await settle();
    expect(calls).toEqual([]);
    expect(store.get("open")).toMatchObject({ lastSeq: 5, unread: 0, readSeq: 5 });
  });
});
