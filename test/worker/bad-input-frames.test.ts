/**
 * Bad socket frames, on the visitor's and the agent's socket: each gets an `error` frame
 * (never a dropped socket or a stored message), and a good frame afterwards still works.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { MAX_BODY_CHARS, MAX_FRAME_BYTES } from "../../worker/protocol";
import { huge, type World } from "./bad-input-kit";
import { lastSeq, owner, projected, visitor, webchatInbox } from "./fixtures";
import { bearer, call } from "./http-client";
import { type TestSocket, upgrade, widgetSocketPath } from "./socket-harness";

const w = {} as World;

beforeAll(async () => {
  w.boss = await owner();
  const inbox = await webchatInbox(w.boss);
  const v = await visitor(inbox.publicKey);
  Object.assign(w, { conversationId: v.conversationId, token: v.token, publicKey: inbox.publicKey, contactId: v.contactId });
  const first = await call("/api/v1/widget/messages", { method: "POST", json: { body: "First message", clientId: "first" }, headers: bearer(v.token) });
  expect(first.status).toBe(201);
  await projected(v.conversationId, 1);
});

describe.each([
  ["the visitor's socket", async (world: World) => upgrade(await widgetSocketPath(world.token, 0))],
  ["the agent's socket", (world: World) => upgrade(`/api/v1/conversations/${world.conversationId}/ws?after=0`, { client: world.boss })],
] as const)("bad frames on %s", (_, open) => {
  let ws: TestSocket;

  beforeAll(async () => {
    ws = (await open(w)).socket!;
    await ws.until((frames) => frames.some((x) => x.type === "hello"));
    return () => ws.close();
  });

  const FRAMES: Array<[label: string, frame: string | ArrayBuffer, code: string]> = [
    ["text that is not JSON", "hello there", "malformed_json"],
    ["a JSON array", "[1, 2]", "validation_failed"],
    ["JSON null", "null", "validation_failed"],
    ["an unknown frame type", JSON.stringify({ type: "shout", body: "hi" }), "validation_failed"],
    ["a frame without a type", JSON.stringify({ clientId: "c1", body: "hi" }), "validation_failed"],
    ["a send without clientId", JSON.stringify({ type: "send", body: "hi" }), "validation_failed"],
    ["a send with a clientId containing spaces", JSON.stringify({ type: "send", clientId: "c 1", body: "hi" }), "validation_failed"],
    ["a send with a number for body", JSON.stringify({ type: "send", clientId: "c2", body: 5 }), "validation_failed"],
    ["a send with a whitespace-only body", JSON.stringify({ type: "send", clientId: "c3", body: "   " }), "validation_failed"],
    [`a send over ${MAX_BODY_CHARS} characters`, JSON.stringify({ type: "send", clientId: "c4", body: huge(MAX_BODY_CHARS + 1) }), "validation_failed"],
    [`a frame over ${MAX_FRAME_BYTES} bytes`, JSON.stringify({ type: "send", clientId: "c5", body: huge(MAX_FRAME_BYTES) }), "bad_frame"],
    ["a binary frame", new TextEncoder().encode(JSON.stringify({ type: "send", clientId: "c6", body: "hi" })).buffer as ArrayBuffer, "bad_frame"],
    ["a send with a Cc that is not an e-mail address", JSON.stringify({ type: "send", clientId: "c7", body: "hi", cc: ["not an address"] }), "validation_failed"],
    ["a typing frame with a string for on", JSON.stringify({ type: "typing", on: "yes" }), "validation_failed"],
    ["a read frame with a negative seq", JSON.stringify({ type: "read", seq: -1 }), "validation_failed"],
  ];

  it.each(FRAMES)("answers %s with an error frame and stores nothing", async (_, frame, code) => {
    const seqBefore = await lastSeq(w.boss, w.conversationId);
    const errorsBefore = ws.frames.filter((x) => x.type === "error").length;
    ws.ws.send(frame);
    await ws.until((frames) => frames.filter((x) => x.type === "error").length > errorsBefore);
    const error = ws.frames.filter((x) => x.type === "error").at(-1)!;
    expect(error).toMatchObject({ type: "error", code });
    expect(ws.acks()).toEqual([]);
    expect(await lastSeq(w.boss, w.conversationId)).toBe(seqBefore);
  });

  it("still accepts a good frame afterwards: bad frames do not break the socket", async () => {
    const clientId = `good-${crypto.randomUUID()}`;
    ws.send({ type: "send", clientId, body: "Still here" });
    await ws.until((frames) => frames.some((x) => x.type === "ack" && x.clientId === clientId));
    expect(ws.closed).toBe(false);
  });
});
