/**
 * ConversationFeed, the delivery guarantee's client half: what the outbox keeps, what it
 * resends and in which order, and the ephemeral state (typing, read marks) it tracks.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { ConversationFeed, RATE_LIMIT_RETRY_MS, TYPING_TTL_MS } from "../../client/feed";
import { Outbox } from "../../client/outbox";
import { FakeSocket, history, installFakeSocket, message } from "./fakes";

function feedWith(outbox = new Outbox("test:outbox", localStorage), events = [] as ReturnType<typeof message>[]) {
  return new ConversationFeed({
    loadHistory: async () => history(events),
    socketUrl: (after) => `ws://widget.test/ws?after=${after}`,
    parseFrame: (raw) => raw as never,
    outbox,
  });
}

beforeEach(() => {
  localStorage.clear();
  installFakeSocket();
});
afterEach(() => vi.useRealTimers());

describe("outbox", () => {
  it("keeps messages written offline and sends them on reconnect, in order, with their clientIds", async () => {
    const feed = feedWith();
    await feed.start();
    expect(feed.send("primeira")).toBe(true);
    expect(feed.send("segunda")).toBe(true);
    expect(FakeSocket.last.sentOfType("send")).toEqual([]); // not before `hello`

    FakeSocket.last.open();
    const sent = FakeSocket.last.sentOfType("send");
    expect(sent.map((f) => f.body)).toEqual(["primeira", "segunda"]);
    const ids = sent.map((f) => f.clientId);

    // The line drops before any ack: the next socket resends the same ids, same order.
    FakeSocket.last.close();
    await vi.waitFor(() => expect(FakeSocket.all).toHaveLength(2), { timeout: 2000 });
    FakeSocket.last.open();
    expect(FakeSocket.last.sentOfType("send").map((f) => f.clientId)).toEqual(ids);

    FakeSocket.last.push({ type: "event", event: message({ seq: 1, actor: { type: "contact", id: "v" }, body: "primeira", clientId: ids[0] as string }) });
    FakeSocket.last.push({ type: "ack", clientId: ids[0] as string, seq: 1 });
    expect(feed.snapshot().pending.map((m) => m.body)).toEqual(["segunda"]);
    expect(new Outbox("test:outbox", localStorage).list().map((m) => m.body)).toEqual(["segunda"]);
    feed.stop();
  });

  it("survives a reload: a new feed on the same storage resends what was not acknowledged", async () => {
    const first = feedWith();
    await first.start();
    first.send("escrita antes do reload");
    first.stop();

    const second = feedWith();
    expect(second.snapshot().pending.map((m) => m.body)).toEqual(["escrita antes do reload"]);
    await second.start();
    FakeSocket.last.open();
    expect(FakeSocket.last.sentOfType("send").map((f) => f.body)).toEqual(["escrita antes do reload"]);
    second.stop();
  });

  it("keeps a rate-limited message and retries it, and later ones behind it, after the wait", async () => {
    vi.useFakeTimers();
    const feed = feedWith();
    await feed.start();
    FakeSocket.last.open();
    feed.send("um");
    const [first] = FakeSocket.last.sentOfType("send");
    FakeSocket.last.push({ type: "error", code: "rate_limited", message: "too fast", clientId: first!.clientId as string });
    expect(feed.snapshot().limited).toBe(true);
    feed.send("dois");
    expect(FakeSocket.last.sentOfType("send")).toHaveLength(1); // waits behind "um"
    expect(feed.snapshot().pending.map((m) => [m.body, m.error])).toEqual([["um", null], ["dois", null]]);

    vi.advanceTimersByTime(RATE_LIMIT_RETRY_MS);
    expect(feed.snapshot().limited).toBe(false);
    expect(FakeSocket.last.sentOfType("send").map((f) => f.body)).toEqual(["um", "um", "dois"]);
    feed.stop();
  });

  it("drops a message the server refuses as invalid and shows it as failed", async () => {
    const outbox = new Outbox("test:outbox", localStorage);
    const feed = feedWith(outbox);
    await feed.start();
    FakeSocket.last.open();
    feed.send("inválida");
    const [frame] = FakeSocket.last.sentOfType("send");
    FakeSocket.last.push({ type: "error", code: "validation_failed", message: "body: too long", clientId: frame!.clientId as string });
    expect(feed.snapshot().pending[0]?.error).toBe("body: too long");
    expect(outbox.list()).toEqual([]);
    feed.stop();
  });

  it("sends attachment ids with the message and keeps the attachments for display", async () => {
    const feed = feedWith();
    await feed.start();
    FakeSocket.last.open();
    const photo = { id: "f1", name: "foto.png", contentType: "image/png", size: 10 };
    expect(feed.send("", "text", [photo])).toBe(true);
    expect(FakeSocket.last.sentOfType("send")[0]).toMatchObject({ body: "", attachmentIds: ["f1"] });
    expect(feed.snapshot().pending[0]?.attachments).toEqual([photo]);
    expect(feed.send("   ")).toBe(false); // nothing to send
    feed.stop();
  });
});

describe("socket state", () => {
  it("drops the socket as soon as the browser goes offline and reconnects when it is back", async () => {
    const feed = feedWith();
    await feed.start();
    FakeSocket.last.open();
    const onLine = vi.spyOn(navigator, "onLine", "get").mockReturnValue(false);
    dispatchEvent(new Event("offline"));
    expect(feed.snapshot().connection).toBe("offline");
    feed.send("sem rede");
    expect(FakeSocket.all).toHaveLength(1); // no retries while offline

    onLine.mockReturnValue(true);
    dispatchEvent(new Event("online"));
    expect(FakeSocket.all).toHaveLength(2);
    FakeSocket.last.open();
    expect(FakeSocket.last.sentOfType("send").map((f) => f.body)).toEqual(["sem rede"]);
    onLine.mockRestore();
    feed.stop();
  });

  it("resumes after the last seq it holds", async () => {
    const feed = feedWith(undefined, [message({ seq: 7 })]);
    await feed.start();
    expect(FakeSocket.last.url).toContain("after=7");
    feed.stop();
  });

  it("resumes a dropped socket after the newest seq that arrived live, not the history's", async () => {
    const feed = feedWith(undefined, [message({ seq: 7 })]);
    await feed.start();
    FakeSocket.last.open(7);
    FakeSocket.last.push({ type: "event", event: message({ seq: 8 }) });
    FakeSocket.last.close();
    await vi.waitFor(() => expect(FakeSocket.all).toHaveLength(2), { timeout: 2000 });
    expect(FakeSocket.last.url).toContain("after=8");
    feed.stop();
  });
});

describe("typing and read marks", () => {
  it("shows another participant typing until they stop, send, or go quiet", async () => {
    vi.useFakeTimers();
    const feed = feedWith();
    await feed.start();
    FakeSocket.last.open();
    const ana = { type: "agent" as const, id: "a1", name: "Ana" };
    FakeSocket.last.push({ type: "typing", actor: ana, on: true });
    expect(feed.snapshot().typing).toEqual([ana]);
    FakeSocket.last.push({ type: "event", event: message({ actor: ana }) });
    expect(feed.snapshot().typing).toEqual([]);

    FakeSocket.last.push({ type: "typing", actor: ana, on: true });
    vi.advanceTimersByTime(TYPING_TTL_MS);
    expect(feed.snapshot().typing).toEqual([]);
    feed.stop();
  });

  it("keeps the furthest read mark per participant", async () => {
    const feed = feedWith();
    await feed.start();
    FakeSocket.last.open();
    const ana = { type: "agent" as const, id: "a1", name: "Ana" };
    FakeSocket.last.push({ type: "read", actor: ana, seq: 4 });
    FakeSocket.last.push({ type: "read", actor: ana, seq: 2 });
    expect(feed.snapshot().reads).toEqual([{ actor: ana, seq: 4 }]);
    feed.stop();
  });

  it("sends its own read mark once connected, once per seq, and again to a new socket", async () => {
    const feed = feedWith();
    await feed.start();
    feed.markRead(3);
    FakeSocket.last.open();
    feed.markRead(3);
    expect(FakeSocket.last.sentOfType("read")).toEqual([{ type: "read", seq: 3 }]);
    FakeSocket.last.close();
    await vi.waitFor(() => expect(FakeSocket.all).toHaveLength(2), { timeout: 2000 });
    FakeSocket.last.open();
    expect(FakeSocket.last.sentOfType("read")).toEqual([{ type: "read", seq: 3 }]);
    feed.stop();
  });
});
