/**
 * LiveSocket's reconnect policy: full-jitter exponential backoff, capped, reset once the
 * server says hello — so a server restart does not bring every client back at once.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { backoffDelay, LiveSocket } from "../../client/socket";
import { FakeSocket, installFakeSocket } from "./fakes";
import { SOCKET_REPLACED_CLOSE_CODE } from "../../worker/protocol/limits";

/** The first retry waits below 500 ms (BACKOFF_BASE_MS in socket.ts). */
const BACKOFF_FIRST_CAP_MS = 500;

beforeEach(() => installFakeSocket());
afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe("backoffDelay", () => {
  it("draws uniformly below a ceiling that doubles per attempt and stops at 30 s", () => {
    const top = () => 0.999_999;
    expect([0, 1, 2, 3].map((n) => backoffDelay(n, top))).toEqual([499, 999, 1999, 3999]);
    expect(backoffDelay(20, top)).toBe(29_999);
    expect(backoffDelay(5, () => 0)).toBe(0);
    expect(backoffDelay(3, () => 0.5)).toBe(2000);
  });
});

describe("LiveSocket reconnect", () => {
  function dropAndTime(): number {
    const before = FakeSocket.all.length;
    FakeSocket.last.close();
    let waited = 0;
    while (FakeSocket.all.length === before) {
      vi.advanceTimersByTime(1);
      waited += 1;
      if (waited > 60_000) throw new Error("never reconnected");
    }
    return waited;
  }

  it("waits a jittered, growing delay between attempts and starts over after markHealthy", () => {
    vi.useFakeTimers();
    vi.spyOn(Math, "random").mockReturnValue(0.5);
    let after = 0;
    const socket = new LiveSocket({ url: () => `ws://widget.test/ws?after=${after}`, onFrame: () => {} });
    expect(FakeSocket.all).toHaveLength(1);

    expect([dropAndTime(), dropAndTime(), dropAndTime()]).toEqual([250, 500, 1000]);

    // Each attempt asks for a fresh URL, so it can resume after the newest seq.
    after = 9;
    FakeSocket.last.readyState = FakeSocket.OPEN;
    FakeSocket.last.onopen?.();
    socket.markHealthy();
    expect(dropAndTime()).toBe(250);
    expect(FakeSocket.last.url).toContain("after=9");
    socket.close();
  });
});

describe("LiveSocket replaced by a newer socket of the same person", () => {
  function setVisibility(state: "visible" | "hidden"): void {
    Object.defineProperty(document, "visibilityState", { configurable: true, get: () => state });
    document.dispatchEvent(new Event("visibilitychange"));
  }
  afterEach(() => setVisibility("visible"));

  it("does not reconnect from a hidden tab until the tab is visible again", () => {
    vi.useFakeTimers();
    const socket = new LiveSocket({ url: () => "ws://widget.test/ws", onFrame: () => {} });
    FakeSocket.last.readyState = FakeSocket.OPEN;
    FakeSocket.last.onopen?.();
    setVisibility("hidden");
    FakeSocket.last.close(SOCKET_REPLACED_CLOSE_CODE);
    vi.advanceTimersByTime(120_000);
    window.dispatchEvent(new Event("online"));
    expect(FakeSocket.all).toHaveLength(1);
    setVisibility("visible");
    expect(FakeSocket.all).toHaveLength(2);
    socket.close();
  });

  it("reconnects with the usual backoff when the replaced tab is the one in view", () => {
    vi.useFakeTimers();
    const socket = new LiveSocket({ url: () => "ws://widget.test/ws", onFrame: () => {} });
    FakeSocket.last.close(SOCKET_REPLACED_CLOSE_CODE);
    vi.advanceTimersByTime(BACKOFF_FIRST_CAP_MS);
    expect(FakeSocket.all).toHaveLength(2);
    socket.close();
  });
});

describe("LiveSocket with an asynchronous URL (the widget's socket ticket)", () => {
  it("connects once the URL arrives, and counts a URL that cannot be had as a failed attempt", async () => {
    vi.useFakeTimers();
    vi.spyOn(Math, "random").mockReturnValue(0.5);
    const states: string[] = [];
    let fail = true;
    const socket = new LiveSocket({
      url: () => (fail ? Promise.reject(new Error("no ticket")) : Promise.resolve("ws://widget.test/ws?ticket=t1")),
      onFrame: () => {},
      onState: (s) => states.push(s),
    });
    await vi.advanceTimersByTimeAsync(0);
    expect(FakeSocket.all).toHaveLength(0);
    expect(states).toEqual(["connecting", "offline"]);
    fail = false;
    // The first retry waits the jittered backoff (250 ms at random 0.5), then connects.
    await vi.advanceTimersByTimeAsync(250);
    expect(FakeSocket.all).toHaveLength(1);
    expect(FakeSocket.last.url).toBe("ws://widget.test/ws?ticket=t1");
    socket.close();
  });

  it("opens nothing when closed while the URL is on its way", async () => {
    let resolve!: (url: string) => void;
    const socket = new LiveSocket({ url: () => new Promise<string>((r) => (resolve = r)), onFrame: () => {} });
    socket.close();
    resolve("ws://widget.test/ws?ticket=late");
    await Promise.resolve();
    await Promise.resolve();
    expect(FakeSocket.all).toHaveLength(0);
  });
});
