/**
 * The socket plumbing both Durable Objects share: tags are checked against the runtime's
 * documented limits, a close the peer started is answered except when it cannot be (a
 * socket that ended without a close frame), nothing here throws for a socket that is
 * already gone, and a participant key reads back as the participant that made it.
 */
import { describe, expect, it } from "vitest";
import { MAX_SOCKET_TAGS, MAX_SOCKET_TAG_CHARS, checkedTags, closeQuietly, closeSocket, sendFrame } from "../../worker/durable/hibernatable-sockets";
import { parseParticipantKey, participantKey, tagsFor } from "../../worker/conversation/sockets";

/** Records what the code under test asks of a socket; `gone` makes every call throw, as
 * the runtime does for a socket that is already closed. */
function fakeSocket(gone = false) {
  const calls: unknown[][] = [];
  const ws = {
    close: (...args: unknown[]) => {
      if (gone) throw new Error("closed");
      calls.push(["close", ...args]);
    },
    send: (...args: unknown[]) => {
      if (gone) throw new Error("closed");
      calls.push(["send", ...args]);
    },
  };
  return { ws: ws as unknown as WebSocket, calls };
}

describe("socket tags", () => {
  it(`accepts up to ${MAX_SOCKET_TAGS} tags of up to ${MAX_SOCKET_TAG_CHARS} characters`, () => {
    const tags = Array.from({ length: MAX_SOCKET_TAGS }, () => "x".repeat(MAX_SOCKET_TAG_CHARS));
    expect(checkedTags(tags)).toEqual(tags);
  });

  it("refuses one tag too many and one character too long", () => {
    expect(() => checkedTags(Array.from({ length: MAX_SOCKET_TAGS + 1 }, (_, i) => `t${i}`))).toThrow(/at most 10 tags/);
    expect(() => checkedTags(["x".repeat(MAX_SOCKET_TAG_CHARS + 1)])).toThrow(/at most 256 characters/);
  });

  it("refuses a room participant whose key would overflow a tag", () => {
    expect(() => tagsFor({ type: "agent", id: "x".repeat(MAX_SOCKET_TAG_CHARS) })).toThrow(/256/);
  });
});

describe("closes", () => {
  it.each([1005, 1006, 1015])("does not write back to a socket that ended with %i", (code) => {
    const { ws, calls } = fakeSocket();
    closeQuietly(ws, code, "");
    expect(calls).toEqual([]);
  });

  it("answers a close the peer started with its own code and reason", () => {
    const { ws, calls } = fakeSocket();
    closeQuietly(ws, 4001, "bye");
    expect(calls).toEqual([["close", 4001, "bye"]]);
  });

  it("never throws for a socket that is already gone", () => {
    const { ws } = fakeSocket(true);
    expect(() => closeQuietly(ws, 1000, "")).not.toThrow();
    expect(() => closeSocket(ws, 1011, "socket error")).not.toThrow();
    expect(() => sendFrame(ws, { type: "pong" })).not.toThrow();
  });
});

describe("participant keys", () => {
  it("reads back the participant that built it, even with a colon in the id", () => {
    for (const p of [{ type: "contact", id: "c-1" }, { type: "agent", id: "a:b:c" }] as const) {
      expect(parseParticipantKey(participantKey(p))).toEqual(p);
    }
  });

  it("reads nothing from a key no room wrote", () => {
    expect(parseParticipantKey("system:null")).toBeNull();
    expect(parseParticipantKey("no-colon")).toBeNull();
  });
});
