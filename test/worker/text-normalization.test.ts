/**
 * User text is normalized once, at the boundary: the room's copy and D1's copy of a
 * message are the same string for every input, control characters (and with them the
 * search highlight markers) are gone, text is NFC, and names and file names lose bidi
 * overrides.
 */
import { env, exports } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { HIGHLIGHT_START, normalizeName, normalizeText } from "../../worker/protocol";
import { eventually } from "./assertions";
import { owner, visitor, webchatInbox } from "./fixtures";
import { bearer, call, type Client, ORIGIN } from "./http-client";
import { openSocket } from "./socket-harness";

/** [label, as typed, as stored]. */
const NASTY: Array<[string, string, string]> = [
  ["a lone high surrogate", "a\uD800b", "a\uFFFDb"],
  ["a lone low surrogate", "\uDC00x", "\uFFFDx"],
  ["a high surrogate at the end", "end\uD83D", "end\uFFFD"],
  ["a valid pair (kept)", "emoji \uD83D\uDE00 ok", "emoji \uD83D\uDE00 ok"],
  ["NUL", "ok\u0000nul", "oknul"],
  ["C0 controls and an ANSI escape", "c0\u0001\u0007\u001b[31mred", "c0[31mred"],
  ["DEL and C1 controls", "\u007fdel\u0085\u009bnext", "delnext"],
  ["CR LF and lone CR (newline and tab kept)", "one\r\ntwo\rthree\n\tfour", "one\ntwo\nthree\n\tfour"],
  ["the search highlight markers", "\u0002forged\u0003 highlight", "forged highlight"],
  ["NFD input", "cafe\u0301 na\u0303o", "caf\u00e9 n\u00e3o"],
  ["a right-to-left override in a body (kept: bodies may be Arabic or Hebrew)", "x \u202Eabc", "x \u202Eabc"],
];

let boss: Client;
let publicKey: string;
beforeAll(async () => {
  boss = await owner();
  publicKey = (await webchatInbox(boss)).publicKey;
});

async function d1Body(conversationId: string, seq: number): Promise<string | null> {
  return eventually(async () => {
    const row = await env.DB.prepare("SELECT body FROM messages WHERE conversation_id = ? AND seq = ?").bind(conversationId, seq).first<{ body: string | null }>();
    if (!row) throw new Error("not projected yet");
    return row.body;
  });
}

async function roomBody(conversationId: string, seq: number): Promise<string> {
  const res = await call(`/api/v1/conversations/${conversationId}/messages?after=${seq - 1}&limit=1`, { client: boss });
  return res.body.events[0].body;
}

describe("normalizeText and normalizeName", () => {
  it.each(NASTY)("normalizes %s", (_, input, stored) => {
    expect(normalizeText(input)).toBe(stored);
  });

  it("takes the ASCII shortcut only where the full normalization would change nothing", () => {
    const full = (t: string) =>
      t
        .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, "\uFFFD")
        .normalize("NFC")
        .replace(/\r\n?/g, "\n")
        .replace(/[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g, "");
    // Every code unit from 0 to 0x2FF alone, between ASCII letters, and beside a combining mark.
    for (let c = 0; c <= 0x2ff; c++) {
      for (const t of [String.fromCharCode(c), `a${String.fromCharCode(c)}b`, `e${String.fromCharCode(c)}\u0301`]) expect(normalizeText(t)).toBe(full(t));
    }
    for (const t of ["plain ascii line", "tab\tand\nnewline", "cr\r\nlf", "lone \uD800 high", "e\u0301", "olá, tudo bem?", "\u0002forged\u0003"]) expect(normalizeText(t)).toBe(full(t));
  });

  it("makes names one line without bidi controls", () => {
    expect(normalizeName("\u202Egnp.exe")).toBe("gnp.exe");
    expect(normalizeName("a\u202Ab\u202Bc\u202Cd\u202De\u2066f\u2067g\u2068h\u2069")).toBe("abcdefgh");
    expect(normalizeName("Ana\nMaria\tSilva")).toBe("Ana Maria Silva");
  });
});

describe("the room's copy and D1's copy of a message agree", () => {
  it.each(NASTY)("for %s sent by a visitor over HTTP", async (_, input, stored) => {
    const v = await visitor(publicKey);
    const res = await call("/api/v1/widget/messages", { method: "POST", json: { body: `[${input}]`, clientId: `c-${crypto.randomUUID()}` }, headers: bearer(v.token) });
    expect(res.status).toBe(201);
    expect(await roomBody(v.conversationId, res.body.seq)).toBe(`[${stored}]`);
    expect(await d1Body(v.conversationId, res.body.seq)).toBe(`[${stored}]`);
  });

  it.each(NASTY)("for %s sent by an agent over the socket", async (_, input, stored) => {
    const v = await visitor(publicKey);
    const ws = await openSocket(`/api/v1/conversations/${v.conversationId}/ws?after=0`, boss);
    ws.send({ type: "send", clientId: "nasty", body: `[${input}]` });
    await ws.until(() => ws.acks().length === 1);
    const seq = ws.acks()[0]!.seq;
    ws.close();
    expect(await roomBody(v.conversationId, seq)).toBe(`[${stored}]`);
    expect(await d1Body(v.conversationId, seq)).toBe(`[${stored}]`);
  });

  it("refuses a body that is nothing but control characters, like an empty one", async () => {
    const v = await visitor(publicKey);
    const res = await call("/api/v1/widget/messages", { method: "POST", json: { body: "\u0000\u0002\u0003", clientId: "empty" }, headers: bearer(v.token) });
    expect(res.status).toBe(400);
  });
});

describe("names", () => {
  it("strips bidi overrides, controls and line breaks from a contact's name", async () => {
    const v = await visitor(publicKey);
    const res = await call("/api/v1/widget/contact", { method: "PATCH", json: { name: "\u202Eevil\u0000 Na\u0303o\n", attributes: { "plan\u202E": "p\u0000ro" } }, headers: bearer(v.token) });
    expect(res.status).toBe(200);
    const row = await env.DB.prepare("SELECT name, attributes FROM contacts WHERE id = ?").bind(v.contactId).first<{ name: string; attributes: string }>();
    expect(row!.name).toBe("evil N\u00e3o");
    expect(JSON.parse(row!.attributes)).toEqual({ plan: "pro" });
  });

  it("strips bidi overrides from tag names", async () => {
    const res = await call("/api/v1/tags", { method: "POST", json: { name: "\u2066vip\u2069\u202E" }, client: boss });
    expect(res.status).toBe(201);
    expect(res.body.name).toBe("vip");
  });

  it("strips the right-to-left override from an uploaded file's name, in the room and in R2", async () => {
    const v = await visitor(publicKey);
    const headers = { "Content-Type": "application/pdf", "X-File-Name": encodeURIComponent("\u202Efdp.exe\u0000"), Origin: ORIGIN, ...bearer(v.token) };
    const res = await exports.default.fetch(new Request(ORIGIN + "/api/v1/widget/uploads", { method: "POST", headers, body: new TextEncoder().encode("%PDF-1.4\n") }));
    expect(res.status).toBe(201);
    const file = (await res.json()) as { id: string; name: string };
    expect(file.name).toBe("fdp.exe");
    expect((await env.FILES.head(`files/${file.id}`))!.customMetadata!.name).toBe("fdp.exe");
  });
});

describe("search highlights", () => {
  it("cannot be forged by a customer: only the matched word carries a marker", async () => {
    const word = `zebra${crypto.randomUUID().slice(0, 6)}`;
    const v = await visitor(publicKey);
    const res = await call("/api/v1/widget/messages", { method: "POST", json: { body: `\u0002forged\u0003 ${word}`, clientId: "hl" }, headers: bearer(v.token) });
    expect(res.status).toBe(201);
    const hits = await eventually(async () => {
      const found = await call(`/api/v1/search?q=${word}`, { client: boss });
      if (found.body.hits.length === 0) throw new Error("not indexed yet");
      return found.body.hits;
    });
    expect(hits[0].snippet.split(HIGHLIGHT_START).length - 1).toBe(1);
    expect(hits[0].snippet).not.toContain(`${HIGHLIGHT_START}forged`);
  });
});
