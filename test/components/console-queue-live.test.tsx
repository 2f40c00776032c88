/**
 * The team queue sockets feeding the store: one socket per team, a resync on every
 * (re)connect, a frame that moves a conversation on fetches this agent's item (that is
 * how a new customer message bumps the row's unread count), and the conversation on
 * screen is read, not refetched.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { act } from "preact/test-utils";
import { ConversationStore } from "../../console/list/conversation-store";
import { useQueueLive } from "../../console/list/use-queue-live";
import type { ConnectionState } from "../../widget/live/socket";
import type { QueueFrame, ServerFrame } from "../../worker/protocol";
import { ME, item, summaryOf } from "./console-list-fixtures";
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
    const onResync = vi.fn();
    const states: ConnectionState[] = [];
    function Probe() {
      states.push(useQueueLive({ store, teamIds, isReading: (id) => id === openId, onResync }));
      return null;
    }
    const view = await mount(<Probe />);
    unmount = view.unmount;
    return { store, onResync, states };
  }

  it("joins each of the agent's teams and resyncs whenever a socket comes online", async () => {
    const { onResync, states } = await start(["t1", "t2"]);
    expect(FakeSocket.all.map((s) => new URL(s.url).search)).toEqual(["?team=t1", "?team=t2"]);
    await act(() => FakeSocket.all[0]!.open());
    expect(states.at(-1)).toBe("connecting");
    await act(() => FakeSocket.all[1]!.open());
    expect(states.at(-1)).toBe("online");
    expect(onResync).toHaveBeenCalledTimes(2);
  });

  it("joins the default team's queue when the agent is in none", async () => {
    await start([]);
    expect(FakeSocket.all.map((s) => new URL(s.url).pathname + new URL(s.url).search)).toEqual(["/api/v1/queue/ws"]);
  });

  it("fetches the agent's item when a frame moves a conversation on, so the unread count rises", async () => {
    const { store } = await start(["t1"]);
    store.putItem(item({ id: "a", assigneeId: ME, lastSeq: 2, unread: 0, starred: true }), "load");
    await act(() => FakeSocket.last.open());
    serverItems.set("a", item({ id: "a", assigneeId: ME, lastSeq: 3, unread: 1, starred: true, lastMessagePreview: "are you there?" }));

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
