/**
 * What the web chat's identity settings promise: identify() is rate-limited and capped in
 * identities per contact, `requireIdentity` keeps unverified visitors from writing (HTTP,
 * upload and socket), and the public config answers other origins with CORS.
 */
import { env, exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { expectApiError } from "./assertions";
import { clientAddress, lastSeq, owner, visitor, webchatInbox } from "./fixtures";
import { bearer, call, type Client, ORIGIN } from "./http-client";
import { openSocket, widgetSocketPath } from "./socket-harness";
import { storedRows } from "./stored-rows";
import { identityHash } from "../../worker/channels/webchat/identity";
import { MAX_IDENTITIES_PER_CONTACT } from "../../worker/protocol/limits";
import { IDENTIFY_PER_VISITOR } from "../../worker/channels/webchat/abuse-limits";

const SETTINGS = { color: "#1f6feb", position: "right", greeting: "", avatarUrl: null, awayMessage: "", businessHours: null, preChatForm: { enabled: false, requireEmail: false }, csat: true };

async function hex(secret: string, id: string) {
  return [...(await identityHash(secret, id))].map((b) => b.toString(16).padStart(2, "0")).join("");
}

const identify = (token: string, json: unknown, ip = clientAddress()) =>
  call("/api/v1/widget/identify", { method: "POST", json, headers: { ...bearer(token), "CF-Connecting-IP": ip } });

async function identityCount(contactId: string) {
  return (await env.DB.prepare("SELECT count(*) AS n FROM contact_identities WHERE contact_id = ?").bind(contactId).first<{ n: number }>())!.n;
}

describe("identify limits", () => {
  it("rate-limits identify per visitor with 429 rate_limited", async () => {
    const boss = await owner();
    const v = await visitor((await webchatInbox(boss)).publicKey);
    for (let i = 0; i < IDENTIFY_PER_VISITOR.limit; i++) expect((await identify(v.token, { id: `same-user`, name: "Ana" })).status).toBe(200);
    expectApiError(await identify(v.token, { id: "same-user" }), 429, "rate_limited");
  });

  it(`caps a contact at ${MAX_IDENTITIES_PER_CONTACT} identities with 409 too_many_identities, writing nothing more`, async () => {
    const boss = await owner();
    const v = await visitor((await webchatInbox(boss)).publicKey);
    // Fill the contact up to the cap directly (the rate limit would stop a loop first).
    const start = await identityCount(v.contactId);
    for (let i = start; i < MAX_IDENTITIES_PER_CONTACT; i++) {
      await env.DB.prepare("INSERT INTO contact_identities (id, contact_id, kind, external_id, created_at) VALUES (?, ?, 'user', ?, ?)")
        .bind(crypto.randomUUID(), v.contactId, `filler-${v.contactId}-${i}`, Date.now())
        .run();
    }
    expectApiError(await identify(v.token, { id: `one-too-many-${v.contactId}` }), 409, "too_many_identities");
    expect(await identityCount(v.contactId)).toBe(MAX_IDENTITIES_PER_CONTACT);
  });
});

describe("requireIdentity", () => {
  async function strictInbox(boss: Client) {
    const inbox = await webchatInbox(boss);
    const { secret } = (await call(`/api/v1/inboxes/${inbox.id}/identity-secret`, { method: "POST", client: boss })).body;
    expect((await call(`/api/v1/inboxes/${inbox.id}`, { method: "PATCH", json: { settings: { ...SETTINGS, requireIdentity: true } }, client: boss })).status).toBe(200);
    return { ...inbox, secret: secret as string };
  }

  it("refuses an unverified visitor's messages over HTTP and uploads with 403 identity_required, storing nothing", async () => {
    const boss = await owner();
    const inbox = await strictInbox(boss);
    const v = await visitor(inbox.publicKey);
    const before = await storedRows();
    expectApiError(await call("/api/v1/widget/messages", { method: "POST", json: { body: "hi", clientId: "r1" }, headers: bearer(v.token) }), 403, "identity_required");
    const upload = await exports.default.fetch(
      new Request(`${ORIGIN}/api/v1/widget/uploads`, { method: "POST", headers: { ...bearer(v.token), "Content-Type": "application/pdf" }, body: "%PDF-1.4" }),
    );
    expect(upload.status).toBe(403);
    expect(await storedRows()).toEqual(before);
    expect(await lastSeq(boss, v.conversationId)).toBe(0);
  });

  it("lets an unverified visitor's socket read but refuses its sends with an identity_required frame", async () => {
    const boss = await owner();
    const inbox = await strictInbox(boss);
    const v = await visitor(inbox.publicKey);
    const ws = await openSocket(await widgetSocketPath(v.token, 0));
    await ws.until(() => ws.frames.some((f) => f.type === "hello"));
    ws.send({ type: "send", clientId: "s1", body: "let me in" });
    await ws.until(() => ws.frames.some((f) => f.type === "error"));
    expect(ws.frames.find((f) => f.type === "error")).toMatchObject({ code: "identity_required", clientId: "s1" });
    expect(await lastSeq(boss, v.conversationId)).toBe(0);
    ws.close();
  });

  it("lets the visitor write once identify() verified it, over HTTP and the socket", async () => {
    const boss = await owner();
    const inbox = await strictInbox(boss);
    const v = await visitor(inbox.publicKey);
    const session = (await identify(v.token, { id: "strict-user", hash: await hex(inbox.secret, "strict-user") })).body;
    expect(session.contact.verified).toBe(true);
    expect((await call("/api/v1/widget/messages", { method: "POST", json: { body: "hi", clientId: "ok1" }, headers: bearer(session.token) })).status).toBe(201);
    const ws = await openSocket(await widgetSocketPath(session.token, 0));
    ws.send({ type: "send", clientId: "ok2", body: "and here" });
    await ws.until(() => ws.frames.some((f) => f.type === "ack"));
    ws.close();
  });
});

describe("widget config CORS", () => {
  it("answers another origin's GET and preflight with Access-Control-Allow-Origin, without credentials", async () => {
    const boss = await owner();
    const inbox = await webchatInbox(boss);
    const from = { Origin: "https://shop.example" };
    const res = await exports.default.fetch(new Request(`${ORIGIN}/api/v1/widget/config?inbox=${inbox.publicKey}`, { headers: from }));
    expect(res.status).toBe(200);
    expect(res.headers.get("Access-Control-Allow-Origin")).toBe("*");
    expect(res.headers.get("Access-Control-Allow-Credentials")).toBeNull();
    const missing = await exports.default.fetch(new Request(`${ORIGIN}/api/v1/widget/config?inbox=pk_nope`, { headers: from }));
    expect(missing.status).toBe(404);
    expect(missing.headers.get("Access-Control-Allow-Origin")).toBe("*");
    const preflight = await exports.default.fetch(
      new Request(`${ORIGIN}/api/v1/widget/config?inbox=${inbox.publicKey}`, { method: "OPTIONS", headers: { ...from, "Access-Control-Request-Method": "GET" } }),
    );
    expect(preflight.status).toBeLessThan(300);
    expect(preflight.headers.get("Access-Control-Allow-Origin")).toBe("*");
    expect(preflight.headers.get("Access-Control-Allow-Methods")).toBe("GET");
  });

  it("gives no other widget route CORS headers", async () => {
    const boss = await owner();
    const inbox = await webchatInbox(boss);
    const v = await visitor(inbox.publicKey);
    const from = { Origin: "https://shop.example" };
    const answers = [
      await exports.default.fetch(new Request(`${ORIGIN}/api/v1/widget/messages`, { headers: { ...from, ...bearer(v.token) } })),
      await exports.default.fetch(new Request(`${ORIGIN}/api/v1/widget/sessions`, { method: "POST", headers: { ...from, "Content-Type": "application/json" }, body: JSON.stringify({ inbox: inbox.publicKey }) })),
      await exports.default.fetch(new Request(`${ORIGIN}/api/v1/widget/sessions`, { method: "OPTIONS", headers: { ...from, "Access-Control-Request-Method": "POST" } })),
    ];
    for (const res of answers) expect(res.headers.get("Access-Control-Allow-Origin")).toBeNull();
  });
});
