/**
 * The web chat channel's server side: config and online status, identity verification,
 * contact details, uploads (R2), CSAT, handoff and the abuse limits.
 */
import { runDurableObjectAlarm } from "cloudflare:test";
import { env, exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { eventually, expectApiError } from "./assertions";
import { clientAddress, lastSeq, owner, visitor, webchatInbox } from "./fixtures";
import { bearer, call, type Client, ORIGIN } from "./http-client";
import { openSocket, widgetSocketPath } from "./socket-harness";
import { isWithinBusinessHours } from "../../worker/channels/webchat/business-hours";
import { identityHash } from "../../worker/channels/webchat/identity";

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 73, 72, 68, 82]);

async function hex(secret: string, id: string) {
  return [...(await identityHash(secret, id))].map((b) => b.toString(16).padStart(2, "0")).join("");
}

function upload(path: string, bytes: Uint8Array, type: string, auth: { token?: string; client?: Client }, name = "foto.png") {
  const headers: Record<string, string> = { "Content-Type": type, "X-File-Name": encodeURIComponent(name), Origin: ORIGIN };
  if (auth.token) headers.Authorization = `Bearer ${auth.token}`;
  if (auth.client?.cookie) headers.Cookie = auth.client.cookie;
  return exports.default.fetch(new Request(ORIGIN + path, { method: "POST", headers, body: bytes }));
}

describe("business hours", () => {
  const weekdays9to18 = { timezone: "America/Sao_Paulo", days: [[], [[540, 1080]], [[540, 1080]], [[540, 1080]], [[540, 1080]], [[540, 1080]], []] as [number, number][][] };
  it("is open on a São Paulo Monday at 10:00 and closed at 20:00 and on Sunday", () => {
    expect(isWithinBusinessHours(weekdays9to18, new Date("2026-11-23T13:00:00Z"))).toBe(true); // Mon 10:00 BRT
    expect(isWithinBusinessHours(weekdays9to18, new Date("2026-11-23T23:00:00Z"))).toBe(false); // Mon 20:00 BRT
    expect(isWithinBusinessHours(weekdays9to18, new Date("2026-11-22T13:00:00Z"))).toBe(false); // Sunday
    expect(isWithinBusinessHours(null)).toBe(true);
  });
});

describe("widget config", () => {
  it("serves the inbox's look, greeting and away message, and says online only while an agent is connected within hours", async () => {
    const boss = await owner();
    const inbox = await webchatInbox(boss);
    const settings = { color: "#0a7d48", position: "left", greeting: "Oi!", avatarUrl: null, awayMessage: "Voltamos às 9h", businessHours: null, preChatForm: { enabled: true, requireEmail: true }, csat: true, requireIdentity: false };
    expect((await call(`/api/v1/inboxes/${inbox.id}`, { method: "PATCH", json: { settings }, client: boss })).status).toBe(200);
    const offline = await call(`/api/v1/widget/config?inbox=${inbox.publicKey}`);
    expect(offline.body).toMatchObject({ online: false, withinBusinessHours: true, settings: { color: "#0a7d48", position: "left", greeting: "Oi!", awayMessage: "Voltamos às 9h", preChatForm: { enabled: true } } });
    expect(offline.body.settings.businessHours).toBeUndefined();

    const queue = await openSocket("/api/v1/queue/ws", boss);
    await queue.until((f) => f.length > 0);
    expect((await call(`/api/v1/widget/config?inbox=${inbox.publicKey}`)).body.online).toBe(true);

    const closedAllWeek = { ...settings, businessHours: { timezone: "UTC", days: [[], [], [], [], [], [], []] } };
    await call(`/api/v1/inboxes/${inbox.id}`, { method: "PATCH", json: { settings: closedAllWeek }, client: boss });
    expect((await call(`/api/v1/widget/config?inbox=${inbox.publicKey}`)).body).toMatchObject({ online: false, withinBusinessHours: false });
    // Messages are still accepted outside business hours.
    const v = await visitor(inbox.publicKey);
    const sent = await call("/api/v1/widget/messages", { method: "POST", json: { body: "fora do horário", clientId: "away-1" }, headers: bearer(v.token) });
    expect(sent.status).toBe(201);
    queue.close();
  });
});

describe("identity verification", () => {
  it("a verified identify makes the same conversation follow the user to another device", async () => {
    const boss = await owner();
    const inbox = await webchatInbox(boss);
    const { secret } = (await call(`/api/v1/inboxes/${inbox.id}/identity-secret`, { method: "POST", client: boss })).body;
    const hash = await hex(secret, "user-42");
    const laptop = await visitor(inbox.publicKey);
    const first = await call("/api/v1/widget/identify", { method: "POST", json: { id: "user-42", name: "Ana", email: "ana@example.com", hash }, headers: bearer(laptop.token) });
    expect(first.body).toMatchObject({ contactId: laptop.contactId, conversationId: laptop.conversationId, contact: { verified: true, name: "Ana" } });
    await call("/api/v1/widget/messages", { method: "POST", json: { body: "do notebook", clientId: "l1" }, headers: bearer(first.body.token) });

    const phone = await visitor(inbox.publicKey);
    const second = await call("/api/v1/widget/identify", { method: "POST", json: { id: "user-42", hash }, headers: bearer(phone.token) });
    expect(second.body).toMatchObject({ contactId: laptop.contactId, conversationId: laptop.conversationId, contact: { verified: true } });
    const history = await call("/api/v1/widget/messages?after=0", { headers: bearer(second.body.token) });
    expect(history.body.events.map((e: { body: string }) => e.body)).toEqual(["do notebook"]);
  });

  it("an unverified identify cannot take over or relabel a verified contact", async () => {
    const boss = await owner();
    const inbox = await webchatInbox(boss);
    const { secret } = (await call(`/api/v1/inboxes/${inbox.id}/identity-secret`, { method: "POST", client: boss })).body;
    const owner42 = await visitor(inbox.publicKey);
    // Verifying revokes the anonymous token: the user goes on with the one identify returns.
    const verified = await call("/api/v1/widget/identify", { method: "POST", json: { id: "user-7", name: "Real", hash: await hex(secret, "user-7") }, headers: bearer(owner42.token) });
    const attacker = await visitor(inbox.publicKey);
    for (const hash of [undefined, await hex("wrong secret", "user-7"), "0".repeat(64)]) {
      const res = await call("/api/v1/widget/identify", { method: "POST", json: { id: "user-7", name: "Mallory", ...(hash ? { hash } : {}) }, headers: bearer(attacker.token) });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ contactId: attacker.contactId, contact: { verified: false } });
    }
    const real = await call("/api/v1/widget/sessions", { method: "POST", json: { inbox: inbox.publicKey, token: verified.body.token } });
    expect(real.body.contact).toMatchObject({ name: "Real", verified: true });
  });

  it("an unverified claim made first does not capture the user who later verifies", async () => {
    const boss = await owner();
    const inbox = await webchatInbox(boss);
    const { secret } = (await call(`/api/v1/inboxes/${inbox.id}/identity-secret`, { method: "POST", client: boss })).body;
    // Mallory claims user-9 without a hash before the real user ever identifies.
    const attacker = await visitor(inbox.publicKey);
    await call("/api/v1/widget/identify", { method: "POST", json: { id: "user-9", name: "Mallory" }, headers: bearer(attacker.token) });
    const real = await visitor(inbox.publicKey);
    const verified = await call("/api/v1/widget/identify", { method: "POST", json: { id: "user-9", hash: await hex(secret, "user-9") }, headers: bearer(real.token) });
    expect(verified.status).toBe(200);
    expect(verified.body).toMatchObject({ contactId: real.contactId, conversationId: real.conversationId, contact: { verified: true } });
    expect(verified.body.contactId).not.toBe(attacker.contactId);
    await call("/api/v1/widget/messages", { method: "POST", json: { body: "my private order", clientId: "v1" }, headers: bearer(verified.body.token) });
    const seen = await call("/api/v1/widget/messages?after=0", { headers: bearer(attacker.token) });
    expect(JSON.stringify(seen.body)).not.toContain("my private order");
    // And the browser that made an unverified claim keeps its contact when it verifies.
    const same = await visitor(inbox.publicKey);
    await call("/api/v1/widget/identify", { method: "POST", json: { id: "user-10" }, headers: bearer(same.token) });
    const later = await call("/api/v1/widget/identify", { method: "POST", json: { id: "user-10", hash: await hex(secret, "user-10") }, headers: bearer(same.token) });
    expect(later.body).toMatchObject({ contactId: same.contactId, contact: { verified: true } });
  });

  it("an inbox that requires identity refuses identify without a valid hash", async () => {
    const boss = await owner();
    const inbox = await webchatInbox(boss);
    const settings = { color: "#1f6feb", position: "right", greeting: "", avatarUrl: null, awayMessage: "", businessHours: null, preChatForm: { enabled: false, requireEmail: false }, csat: true, requireIdentity: true };
    await call(`/api/v1/inboxes/${inbox.id}`, { method: "PATCH", json: { settings }, client: boss });
    const v = await visitor(inbox.publicKey);
    expectApiError(await call("/api/v1/widget/identify", { method: "POST", json: { id: "u1" }, headers: bearer(v.token) }), 401, "identity_required");
  });

  it("never returns the identity secret except from the rotation call", async () => {
    const boss = await owner();
    const inbox = await webchatInbox(boss);
    const { secret } = (await call(`/api/v1/inboxes/${inbox.id}/identity-secret`, { method: "POST", client: boss })).body;
    const list = await call("/api/v1/inboxes", { client: boss });
    expect(JSON.stringify(list.body)).not.toContain(secret);
    expect(list.body.inboxes.find((i: { id: string }) => i.id === inbox.id)).toMatchObject({ hasIdentitySecret: true });
  });
});

describe("contact details", () => {
  it("merges attributes (null removes one) and refuses more than 50 without writing", async () => {
    const boss = await owner();
    const inbox = await webchatInbox(boss);
    const v = await visitor(inbox.publicKey);
    const a = await call("/api/v1/widget/contact", { method: "PATCH", json: { name: "Bruno", email: "Bruno@Example.com", attributes: { plan: "pro", seats: 3 } }, headers: bearer(v.token) });
    expect(a.body.contact).toMatchObject({ name: "Bruno", email: "bruno@example.com" });
    await call("/api/v1/widget/contact", { method: "PATCH", json: { attributes: { seats: null, trial: false } }, headers: bearer(v.token) });
    const row = await env.DB.prepare("SELECT attributes FROM contacts WHERE id = ?").bind(v.contactId).first<{ attributes: string }>();
    expect(JSON.parse(row!.attributes)).toEqual({ plan: "pro", trial: false });
    const many = Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`k${i}`, i]));
    expectApiError(await call("/api/v1/widget/contact", { method: "PATCH", json: { attributes: many }, headers: bearer(v.token) }), 400, "validation_failed");
    const after = await env.DB.prepare("SELECT attributes FROM contacts WHERE id = ?").bind(v.contactId).first<{ attributes: string }>();
    expect(JSON.parse(after!.attributes)).toEqual({ plan: "pro", trial: false });
  });
});

describe("attachments", () => {
  it("stores an image in R2, sends it as a message, and serves it to the agent and to its own visitor only", async () => {
    const boss = await owner();
    const inbox = await webchatInbox(boss);
    const v = await visitor(inbox.publicKey);
    const stranger = await visitor(inbox.publicKey);
    const res = await upload("/api/v1/widget/uploads", PNG, "image/png", { token: v.token });
    expect(res.status).toBe(201);
    const file = (await res.json()) as { id: string; name: string; size: number };
    expect(file).toMatchObject({ name: "foto.png", contentType: "image/png", size: PNG.byteLength });
    expect(await env.FILES.head(`files/${file.id}`)).not.toBeNull();

    const ws = await openSocket(await widgetSocketPath(v.token, 0));
    ws.send({ type: "send", clientId: "img-1", body: "", attachmentIds: [file.id] });
    await ws.until(() => ws.eventSeqs().length === 1);
    expect(ws.frames.find((f) => f.type === "event")).toMatchObject({ event: { kind: "attachment", attachments: [{ id: file.id, name: "foto.png" }] } });

    const agentGet = await call(`/api/v1/files/${file.id}`, { client: boss });
    expect(agentGet.status).toBe(200);
    expect(agentGet.headers.get("Content-Type")).toBe("image/png");
    expect(agentGet.headers.get("X-Content-Type-Options")).toBe("nosniff");
    expect(agentGet.headers.get("Content-Disposition")).toMatch(/^inline;/);
    const link = await call(`/api/v1/widget/files/${file.id}/link`, { headers: bearer(v.token) });
    expect(link.status).toBe(200);
    expect((await call(link.body.url)).status).toBe(200);
    expectApiError(await call(`/api/v1/widget/files/${file.id}/link`, { headers: bearer(stranger.token) }), 404, "not_found");
    // Nor can another visitor attach it to their own conversation.
    const theft = await call("/api/v1/widget/messages", { method: "POST", json: { body: "", clientId: "steal", attachmentIds: [file.id] }, headers: bearer(stranger.token) });
    expectApiError(theft, 400, "attachment_not_found");
    expect(await lastSeq(boss, stranger.conversationId)).toBe(0);
    ws.close();
  });

  it("refuses other types, disguised files and oversize files before storing anything", async () => {
    const boss = await owner();
    const inbox = await webchatInbox(boss);
    const v = await visitor(inbox.publicKey);
    const before = (await env.FILES.list({ prefix: "files/" })).objects.length;
    const html = await upload("/api/v1/widget/uploads", new TextEncoder().encode("<script>alert(1)</script>"), "text/html", { token: v.token }, "x.html");
    expect(html.status).toBe(415);
    const fakePng = await upload("/api/v1/widget/uploads", new TextEncoder().encode("<svg onload=alert(1)>"), "image/png", { token: v.token });
    expect(fakePng.status).toBe(415);
    const big = await upload("/api/v1/widget/uploads", new Uint8Array(10 * 1024 * 1024 + 1), "application/pdf", { token: v.token }, "big.pdf");
    expect(big.status).toBe(413);
    expect(((await big.json()) as { error: { code: string } }).error.code).toBe("payload_too_large");
    expect((await env.FILES.list({ prefix: "files/" })).objects.length).toBe(before);
  });

  it("lets an agent attach a PDF to a reply", async () => {
    const boss = await owner();
    const inbox = await webchatInbox(boss);
    const v = await visitor(inbox.publicKey);
    const pdf = new TextEncoder().encode("%PDF-1.4\n%\u00e2\u00e3\n1 0 obj\n");
    const res = await upload(`/api/v1/conversations/${v.conversationId}/uploads`, pdf, "application/pdf", { client: boss }, "boleto.pdf");
    expect(res.status).toBe(201);
    const file = (await res.json()) as { id: string };
    const reply = await call(`/api/v1/conversations/${v.conversationId}/messages`, { method: "POST", json: { body: "Segue o boleto", attachmentIds: [file.id] }, client: boss });
    expect(reply.status).toBe(201);
    const seen = await call("/api/v1/widget/messages?after=0", { headers: bearer(v.token) });
    expect(seen.body.events[0]).toMatchObject({ body: "Segue o boleto", attachments: [{ id: file.id, name: "boleto.pdf" }] });
    const link = await call(`/api/v1/widget/files/${file.id}/link`, { headers: bearer(v.token) });
    const download = await call(link.body.url);
    expect(download.headers.get("Content-Disposition")).toContain("attachment");
  });
});

describe("CSAT and handoff", () => {
  it("takes a rating only once the conversation is resolved, stores it as an event and in D1", async () => {
    const boss = await owner();
    const inbox = await webchatInbox(boss);
    const v = await visitor(inbox.publicKey);
    await call("/api/v1/widget/messages", { method: "POST", json: { body: "ajuda", clientId: "c1" }, headers: bearer(v.token) });
    expectApiError(await call("/api/v1/widget/csat", { method: "POST", json: { rating: 5 }, headers: bearer(v.token) }), 409, "invalid_transition");
    await call(`/api/v1/conversations/${v.conversationId}/status`, { method: "POST", json: { status: "resolved" }, client: boss });
    const rated = await call("/api/v1/widget/csat", { method: "POST", json: { rating: 4, comment: "Rápido e simpático" }, headers: bearer(v.token) });
    expect(rated.status).toBe(201);
    const log = await call(`/api/v1/conversations/${v.conversationId}/messages?after=0`, { client: boss });
    expect(log.body.events.at(-1)).toMatchObject({ type: "csat", rating: 4, comment: "Rápido e simpático" });
    await runDurableObjectAlarm(env.CONVERSATION_ROOM.getByName(v.conversationId));
    await eventually(async () => {
      const row = await env.DB.prepare("SELECT rating, comment FROM csat_responses WHERE conversation_id = ?").bind(v.conversationId).first();
      expect(row).toEqual({ rating: 4, comment: "Rápido e simpático" });
    });
    expectApiError(await call("/api/v1/widget/csat", { method: "POST", json: { rating: 6 }, headers: bearer(v.token) }), 400, "validation_failed");
  });

  it("handoff leaves an already open conversation open and stores nothing", async () => {
    const boss = await owner();
    const inbox = await webchatInbox(boss);
    const v = await visitor(inbox.publicKey);
    const res = await call("/api/v1/widget/handoff", { method: "POST", headers: bearer(v.token) });
    expect(res.body).toEqual({ status: "open" });
    expect(await lastSeq(boss, v.conversationId)).toBe(0);
  });
});

describe("abuse limits", () => {
  it("rate-limits a visitor's burst on the socket with an error frame naming each refused clientId, storing only what was accepted", async () => {
    const boss = await owner();
    const inbox = await webchatInbox(boss);
    const v = await visitor(inbox.publicKey);
    const ws = await openSocket(await widgetSocketPath(v.token, 0));
    for (let i = 0; i < 40; i++) ws.send({ type: "send", clientId: `b${i}`, body: `burst ${i}` });
    await ws.until((f) => f.filter((x) => x.type === "ack" || x.type === "error").length === 40);
    const acked = ws.acks().length;
    const refused = ws.frames.filter((f) => f.type === "error" && f.code === "rate_limited");
    expect(acked).toBeGreaterThanOrEqual(20);
    expect(refused.length).toBe(40 - acked);
    expect(refused.every((f) => f.type === "error" && typeof f.clientId === "string")).toBe(true);
    expect(await lastSeq(boss, v.conversationId)).toBe(acked);
    ws.close();
  });

  it("limits new visitor sessions per client address with 429 rate_limited", async () => {
    const boss = await owner();
    const inbox = await webchatInbox(boss);
    const address = clientAddress();
    const statuses: number[] = [];
    for (let i = 0; i < 61; i++) {
      statuses.push((await call("/api/v1/widget/sessions", { method: "POST", json: { inbox: inbox.publicKey }, headers: { "CF-Connecting-IP": address } })).status);
    }
    expect(statuses.slice(0, 60).every((s) => s === 200)).toBe(true);
    expect(statuses[60]).toBe(429);
    // Another address is unaffected.
    expect((await call("/api/v1/widget/sessions", { method: "POST", json: { inbox: inbox.publicKey }, headers: { "CF-Connecting-IP": clientAddress() } })).status).toBe(200);
  });
});
