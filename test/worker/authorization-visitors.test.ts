/**
 * Visitor isolation: a visitor token reaches only its own conversation (history, socket,
 * resumed sessions), a tampered token reaches nothing, and private notes never reach a
 * visitor nor can be written by one.
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { ServerFrame } from "../../worker/protocol";
import { expectApiError } from "./assertions";
import { lastSeq, visitor } from "./fixtures";
import { bearer, call, type Client } from "./http-client";
import { BASE64URL, flipChar, send, unique, VISITOR, type Fixture } from "./route-table";
import { routeWorld } from "./route-world";
import { upgrade, widgetSocketPath } from "./socket-harness";
import { storedRows } from "./stored-rows";

let boss: Client;
let f: Fixture;

beforeAll(async () => {
  ({ boss, f } = await routeWorld());
});

describe("visitor isolation", () => {
  let a: { token: string; conversationId: string; contactId: string };
  let b: { token: string; conversationId: string; contactId: string };
  const widgetPost = (token: string, body: string) => call("/api/v1/widget/messages", { method: "POST", json: { body, clientId: `c-${unique()}` }, headers: bearer(token) });
  const widgetHistory = async (token: string) => {
    const res = await call("/api/v1/widget/messages", { headers: bearer(token) });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body as { events: Array<{ conversationId: string; seq: number; type: string; body?: string; kind?: string }>; lastSeq: number };
  };

  beforeAll(async () => {
    a = await visitor(f.publicKey);
    b = await visitor(f.publicKey);
    expect(a.conversationId).not.toBe(b.conversationId);
    expect((await widgetPost(a.token, "A: where is my order?")).status).toBe(201);
    expect((await widgetPost(b.token, "B: my card number is CARD-4111")).status).toBe(201);
  });

  it("shows visitor A only A's own events on GET /api/v1/widget/messages", async () => {
    const history = await widgetHistory(a.token);
    expect(history.events.length).toBeGreaterThan(0);
    expect(new Set(history.events.map((e) => e.conversationId))).toEqual(new Set([a.conversationId]));
    expect(history.events.map((e) => e.body)).toContain("A: where is my order?");
    expect(JSON.stringify(history)).not.toContain("CARD-4111");
  });

  it("keeps a message B posts later out of A's history and off A's socket", async () => {
    const socket = await upgrade(await widgetSocketPath(a.token, 0));
    const ws = socket.socket!;
    try {
      await ws.until((frames) => frames.some((x) => x.type === "hello"));
      expect((await widgetPost(b.token, "B: a second secret SECRET-5500")).status).toBe(201);
      expect((await widgetPost(a.token, "A: marker")).status).toBe(201);
      await ws.until((frames) => frames.some((x) => x.type === "event" && x.event.type === "message" && x.event.body === "A: marker"));
      const hello = ws.frames.find((x): x is Extract<ServerFrame, { type: "hello" }> => x.type === "hello")!;
      expect(hello.conversationId).toBe(a.conversationId);
      for (const frame of ws.frames) if (frame.type === "event") expect(frame.event.conversationId).toBe(a.conversationId);
      expect(JSON.stringify(ws.frames)).not.toMatch(/CARD-4111|SECRET-5500/);
      expect(JSON.stringify(await widgetHistory(a.token))).not.toMatch(/CARD-4111|SECRET-5500/);
    } finally {
      ws.close();
    }
  });

  it("resumes A's conversation only for A's own token on POST /api/v1/widget/sessions", async () => {
    const again = await visitor(f.publicKey, a.token);
    expect(again).toMatchObject({ contactId: a.contactId, conversationId: a.conversationId });
    const forged = await visitor(f.publicKey, flipChar(a.token, 3));
    expect(forged.contactId).not.toBe(a.contactId);
    expect(forged.conversationId).not.toBe(a.conversationId);
  });

  const TAMPERINGS: Array<{ label: string; tamper: (token: string, other: string) => string }> = [
    { label: "the payload's first character flipped", tamper: (t) => flipChar(t, 0) },
    { label: "a character in the middle of the payload flipped", tamper: (t) => flipChar(t, Math.floor(t.indexOf(".") / 2)) },
    { label: "the signature's first character flipped", tamper: (t) => flipChar(t, t.indexOf(".") + 1) },
    { label: "the signature's last character flipped", tamper: (t) => flipChar(t, -1) },
    {
      // Same signature bytes, different text: the last character's two unused bits set.
      label: "the signature re-spelled non-canonically",
      tamper: (t) => t.slice(0, -1) + BASE64URL[BASE64URL.indexOf(t.at(-1)!) ^ 1],
    },
    { label: "no signature", tamper: (t) => t.slice(0, t.indexOf(".") + 1) },
    { label: "B's signature on A's payload", tamper: (t, other) => t.slice(0, t.indexOf(".")) + other.slice(other.indexOf(".")) },
    {
      label: "its claims rewritten to B's contact without re-signing",
      tamper: (t, other) => {
        const decode = (s: string) => JSON.parse(atob(s.slice(0, s.indexOf(".")).replace(/-/g, "+").replace(/_/g, "/")));
        const claims = { ...decode(t), contactId: decode(other).contactId };
        const payload = btoa(JSON.stringify(claims)).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
        return payload + t.slice(t.indexOf("."));
      },
    },
    { label: "an extra segment", tamper: (t) => `${t}.x` },
    { label: "nothing but garbage", tamper: () => "not-a-token" },
  ];

  it.each(TAMPERINGS.map((t) => [t.label, t.tamper] as const))("refuses a token with %s with 401 invalid_token on messages, POST messages and the socket, storing nothing", async (_, tamper) => {
    const token = tamper(a.token, b.token);
    expect(token).not.toBe(a.token);
    const before = { a: await lastSeq(boss, a.conversationId), b: await lastSeq(boss, b.conversationId), rows: await storedRows() };
    for (const route of VISITOR) expectApiError(await send(route, f, { token }), 401, "invalid_token");
    expect({ a: await lastSeq(boss, a.conversationId), b: await lastSeq(boss, b.conversationId), rows: await storedRows() }).toEqual(before);
  });

  it("refuses the widget routes without a token with 401 invalid_token", async () => {
    expectApiError(await call("/api/v1/widget/messages"), 401, "invalid_token");
    expectApiError(await call("/api/v1/widget/messages", { method: "POST", json: { body: "hi", clientId: "c1" } }), 401, "invalid_token");
    expectApiError(await call("/api/v1/widget/messages", { headers: { Authorization: `Basic ${a.token}` } }), 401, "invalid_token");
  });

  it("never shows a private note in the widget's history, replay or live socket", async () => {
    const ws = (await upgrade(await widgetSocketPath(a.token, 0))).socket!;
    try {
      const note = await call(`/api/v1/conversations/${a.conversationId}/messages`, { method: "POST", json: { body: "NOTE: customer seems angry", kind: "note" }, client: boss });
      expect(note.status).toBe(201);
      const reply = await call(`/api/v1/conversations/${a.conversationId}/messages`, { method: "POST", json: { body: "Happy to help!" }, client: boss });
      expect(reply.status).toBe(201);
      await ws.until((frames) => frames.some((x) => x.type === "event" && x.event.seq === reply.body.seq));
      expect(ws.eventSeqs()).not.toContain(note.body.seq);

      const agentView = await call(`/api/v1/conversations/${a.conversationId}/messages`, { client: boss });
      expect(agentView.body.events.map((e: { seq: number }) => e.seq)).toContain(note.body.seq);
      const history = await widgetHistory(a.token);
      expect(history.events.map((e) => e.body)).toContain("Happy to help!");
      expect(history.events.some((e) => e.kind === "note")).toBe(false);
      expect(JSON.stringify(history)).not.toContain("customer seems angry");

      const replay = (await upgrade(await widgetSocketPath(a.token, 0))).socket!;
      try {
        await replay.until((frames) => frames.some((x) => x.type === "event" && x.event.seq === reply.body.seq));
        expect(replay.eventSeqs()).not.toContain(note.body.seq);
        expect(JSON.stringify(replay.frames)).not.toContain("customer seems angry");
      } finally {
        replay.close();
      }
      // Resuming right before the note: the customer's stream skips its seq, and the seam
      // still holds exactly what their history shows after that point.
      const resumed = (await upgrade(await widgetSocketPath(a.token, note.body.seq - 1))).socket!;
      try {
        await resumed.until((frames) => frames.some((x) => x.type === "event" && x.event.seq === reply.body.seq));
        const shown = history.events.map((e) => e.seq).filter((seq) => seq >= note.body.seq);
        expect(shown).toContain(reply.body.seq);
        expect(resumed.eventSeqs()).toEqual(shown);
      } finally {
        resumed.close();
      }
    } finally {
      ws.close();
    }
  });

  it("does not let a visitor write a private note, over HTTP or over its socket", async () => {
    const before = await lastSeq(boss, a.conversationId);
    const res = await call("/api/v1/widget/messages", { method: "POST", json: { body: "I am a note", clientId: `n-${unique()}`, kind: "note" }, headers: bearer(a.token) });
    expectApiError(res, 400, "validation_failed");
    expect(await lastSeq(boss, a.conversationId)).toBe(before);

    const ws = (await upgrade(await widgetSocketPath(a.token, before))).socket!;
    try {
      ws.send({ type: "send", clientId: `n-${unique()}`, body: "sneaky note", kind: "note" });
      await ws.until((frames) => frames.some((x) => x.type === "ack"));
    } finally {
      ws.close();
    }
    const agentView = await call(`/api/v1/conversations/${a.conversationId}/messages?after=${before}`, { client: boss });
    const stored = agentView.body.events.find((e: { body?: string }) => e.body === "sneaky note");
    expect(stored).toMatchObject({ kind: "text", actor: { type: "contact", id: a.contactId } });
  });
});
