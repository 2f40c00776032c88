/**
 * API tokens end to end: the secret is shown once and D1 holds only its hash; a token
 * limited to inboxes sees and acts on only those; revocation and expiry bite on the next
 * call; token calls need no Origin while cookie calls still do; the per-token rate limit
 * answers 429 with Retry-After; a message sent with a token is stored as the bot; "last
 * used" is written at most once a minute.
 */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { eventually, expectApiError } from "./assertions";
import { agentWithRole, customerWrites, owner, webchatInbox } from "./fixtures";
import { call, type Client } from "./http-client";
import { asToken, makeToken, type MadeToken } from "./token-kit";
import { TOKEN_RATE_LIMIT } from "../../worker/protocol";

let boss: Client;
let mine: { id: string; publicKey: string };
let other: { id: string; publicKey: string };
let inMine: Awaited<ReturnType<typeof customerWrites>>;
let inOther: Awaited<ReturnType<typeof customerWrites>>;

const tokenRow = (id: string) => env.DB.prepare("SELECT * FROM api_tokens WHERE id = ?").bind(id).first<Record<string, unknown>>();
const asTok = (t: MadeToken) => ({ headers: asToken(t), origin: null });

beforeAll(async () => {
  boss = await owner();
  mine = await webchatInbox(boss, "Token inbox");
  other = await webchatInbox(boss, "Other inbox");
  inMine = await customerWrites(mine.publicKey, "Hello from the token's inbox");
  inOther = await customerWrites(other.publicKey, "Hello from another inbox");
});

describe("the secret", () => {
  it("is shown once at creation (sb_live_ + 43 base64url), never in the list, and D1 keeps only its SHA-256", async () => {
    const res = await call("/api/v1/tokens", { method: "POST", json: { name: "Once", scopes: ["conversations:read"] }, client: boss });
    expect(res.status).toBe(201);
    const { secret, token } = res.body;
    expect(secret).toMatch(/^sb_live_[A-Za-z0-9_-]{43}$/);
    expect(token.prefix).toBe(secret.slice(0, 12));
    const listed = await call("/api/v1/tokens", { client: boss });
    expect(JSON.stringify(listed.body)).not.toContain(secret.slice(12));
    expect(listed.body.tokens.find((t: { id: string }) => t.id === token.id)).toEqual(token);
    const row = (await tokenRow(token.id))!;
    expect(JSON.stringify(row)).not.toContain(secret.slice(12));
    const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(secret)));
    expect(row.secret_hash).toBe(btoa(String.fromCharCode(...digest)).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, ""));
  });

  it("cannot be minted or listed with a token, nor by an agent-role session", async () => {
    const t = await makeToken(boss);
    expectApiError(await call("/api/v1/tokens", { method: "POST", json: { name: "Mint", scopes: ["admin"] }, ...asTok(t) }), 403, "forbidden");
    expectApiError(await call("/api/v1/tokens", asTok(t)), 403, "forbidden");
    const agent = await agentWithRole("agent");
    expectApiError(await call("/api/v1/tokens", { client: agent }), 403, "forbidden");
  });
});

describe("a token limited to one inbox", () => {
  let t: MadeToken;
  beforeAll(async () => {
    t = await makeToken(boss, { scopes: ["conversations:read", "messages:write", "status:write", "contacts:manage"], inboxIds: [mine.id] });
  });

  it("lists only that inbox's conversations and only that inbox", async () => {
    await eventually(async () => {
      const ids = (await call("/api/v1/conversations?view=all", asTok(t))).body.conversations.map((c: { id: string }) => c.id);
      expect(ids).toContain(inMine.conversationId);
      expect(ids).not.toContain(inOther.conversationId);
    });
    expect((await call("/api/v1/inboxes", asTok(t))).body.inboxes.map((i: { id: string }) => i.id)).toEqual([mine.id]);
  });

  it("gets 404 for another inbox's conversation, its history, contact and templates, and writes nothing there", async () => {
    const id = inOther.conversationId;
    expectApiError(await call(`/api/v1/conversations/${id}`, asTok(t)), 404, "conversation_not_found");
    expectApiError(await call(`/api/v1/conversations/${id}/messages`, asTok(t)), 404, "conversation_not_found");
    expectApiError(await call(`/api/v1/conversations/${id}/messages`, { method: "POST", json: { body: "Not yours" }, ...asTok(t) }), 404, "conversation_not_found");
    expectApiError(await call(`/api/v1/conversations/${id}/status`, { method: "POST", json: { status: "resolved" }, ...asTok(t) }), 404, "conversation_not_found");
    expectApiError(await call(`/api/v1/contacts/${inOther.contactId}`, asTok(t)), 404, "contact_not_found");
    expectApiError(await call(`/api/v1/contacts/${inOther.contactId}`, { method: "PATCH", json: { name: "Renamed" }, ...asTok(t) }), 404, "contact_not_found");
    expectApiError(await call(`/api/v1/inboxes/${other.id}/templates`, asTok(t)), 404, "inbox_not_found");
    const history = await call(`/api/v1/conversations/${id}/messages`, { client: boss });
    expect(history.body.events.map((e: { type: string }) => e.type)).not.toContain("status");
    expect(JSON.stringify(history.body)).not.toContain("Not yours");
  });

  it("reads and writes its own inbox's conversation and contact", async () => {
    expect((await call(`/api/v1/conversations/${inMine.conversationId}`, asTok(t))).status).toBe(200);
    expect((await call(`/api/v1/contacts/${inMine.contactId}`, asTok(t))).status).toBe(200);
    expect((await call(`/api/v1/conversations/${inMine.conversationId}/messages`, { method: "POST", json: { body: "Yours" }, ...asTok(t) })).status).toBe(201);
  });

  it("cannot search (hits span every inbox)", async () => {
    expectApiError(await call("/api/v1/search?q=hello", asTok(t)), 403, "forbidden");
  });
});

describe("revocation and expiry", () => {
  it("a token works, then 401s on the very next call after its revoke", async () => {
    const t = await makeToken(boss, { scopes: ["conversations:read"] });
    expect((await call("/api/v1/conversations", asTok(t))).status).toBe(200);
    expect((await call(`/api/v1/tokens/${t.id}`, { method: "DELETE", client: boss })).status).toBe(200);
    expectApiError(await call("/api/v1/conversations", asTok(t)), 401, "invalid_token");
    const again = await call(`/api/v1/tokens/${t.id}`, { method: "DELETE", client: boss });
    expect(again.body.revokedAt).toBe((await tokenRow(t.id))!.revoked_at);
  });

  it("a token 401s once its expiry passes", async () => {
    const t = await makeToken(boss, { scopes: ["conversations:read"], expiresAt: Date.now() + 60_000 });
    expect((await call("/api/v1/conversations", asTok(t))).status).toBe(200);
    await env.DB.prepare("UPDATE api_tokens SET expires_at = ? WHERE id = ?").bind(Date.now() - 1, t.id).run();
    expectApiError(await call("/api/v1/conversations", asTok(t)), 401, "token_expired");
  });
});

describe("CSRF", () => {
  it("does not apply to token calls: a write with a foreign Origin or none succeeds", async () => {
    const t = await makeToken(boss, { scopes: ["messages:write"] });
    const url = `/api/v1/conversations/${inMine.conversationId}/messages`;
    expect((await call(url, { method: "POST", json: { body: "No origin" }, ...asTok(t) })).status).toBe(201);
    expect((await call(url, { method: "POST", json: { body: "Foreign origin" }, headers: asToken(t), origin: "https://evil.example" })).status).toBe(201);
  });

  it("still applies to cookie calls, and a non-token bearer does not lift it", async () => {
    const url = `/api/v1/conversations/${inMine.conversationId}/messages`;
    expectApiError(await call(url, { method: "POST", json: { body: "x" }, client: boss, origin: null }), 403, "csrf_rejected");
    expectApiError(await call(url, { method: "POST", json: { body: "x" }, client: boss, origin: null, headers: { Authorization: "Bearer visitor-token" } }), 403, "csrf_rejected");
  });

  it("a token call never rides the cookie: a bad token with a good cookie is 401", async () => {
    expectApiError(await call("/api/v1/conversations", { client: boss, headers: { Authorization: `Bearer sb_live_${"B".repeat(43)}` } }), 401, "invalid_token");
  });
});

describe("the bot actor", () => {
  it("stores a message sent with a token as { type: bot, id: token id, name: token name }, and it sets no first response", async () => {
    const t = await makeToken(boss, { name: "Order bot", scopes: ["messages:write", "conversations:read"] });
    const fresh = await customerWrites(mine.publicKey, "Where is my order?");
    const sent = await call(`/api/v1/conversations/${fresh.conversationId}/messages`, { method: "POST", json: { body: "On its way", clientId: "bot-1" }, ...asTok(t) });
    expect(sent.status).toBe(201);
    const history = await call(`/api/v1/conversations/${fresh.conversationId}/messages`, asTok(t));
    const event = history.body.events.find((e: { seq: number }) => e.seq === sent.body.seq);
    expect(event.actor).toEqual({ type: "bot", id: t.id, name: "Order bot" });
    const detail = await call(`/api/v1/conversations/${fresh.conversationId}`, asTok(t));
    expect(detail.body.conversation.firstResponseAt).toBeNull();
    // The same clientId from the same token is the same message.
    const again = await call(`/api/v1/conversations/${fresh.conversationId}/messages`, { method: "POST", json: { body: "On its way", clientId: "bot-1" }, ...asTok(t) });
    expect(again.body).toEqual({ seq: sent.body.seq, duplicate: true });
  });
});

describe("rate limit and last used", () => {
  it(`answers the ${TOKEN_RATE_LIMIT + 1}th call in a minute with 429 rate_limited and Retry-After`, async () => {
    const t = await makeToken(boss, { scopes: ["conversations:read"] });
    // Spend the window's budget in D1 (the counter the middleware reads), then one call.
    await env.DB.prepare("INSERT INTO rate_limits (key, window_start, count) VALUES (?, ?, ?)").bind(`api-token:${t.id}`, Date.now(), TOKEN_RATE_LIMIT).run();
    const res = await call("/api/v1/tags", asTok(t));
    expectApiError(res, 429, "rate_limited");
    const retry = Number(res.headers.get("Retry-After"));
    expect(retry).toBeGreaterThanOrEqual(1);
    expect(retry).toBeLessThanOrEqual(60);
    // Another token is not held back by this one's budget.
    expect((await call("/api/v1/tags", asTok(await makeToken(boss, { scopes: ["conversations:read"] })))).status).toBe(200);
  });

  it("the budget is per call: the last allowed call passes, the next does not", async () => {
    const t = await makeToken(boss, { scopes: ["conversations:read"] });
    await env.DB.prepare("INSERT INTO rate_limits (key, window_start, count) VALUES (?, ?, ?)").bind(`api-token:${t.id}`, Date.now(), TOKEN_RATE_LIMIT - 1).run();
    expect((await call("/api/v1/tags", asTok(t))).status).toBe(200);
    expectApiError(await call("/api/v1/tags", asTok(t)), 429, "rate_limited");
  });

  it("writes last used on the first call and not again within the minute", async () => {
    const t = await makeToken(boss, { scopes: ["conversations:read"] });
    expect((await tokenRow(t.id))!.last_used_at).toBeNull();
    await call("/api/v1/tags", asTok(t));
    const first = (await tokenRow(t.id))!.last_used_at as number;
    expect(first).toBeGreaterThan(0);
    await new Promise((r) => setTimeout(r, 20));
    await call("/api/v1/tags", asTok(t));
    expect((await tokenRow(t.id))!.last_used_at).toBe(first);
    // A stamp over a minute old is refreshed.
    await env.DB.prepare("UPDATE api_tokens SET last_used_at = ? WHERE id = ?").bind(first - 61_000, t.id).run();
    await call("/api/v1/tags", asTok(t));
    expect((await tokenRow(t.id))!.last_used_at).toBeGreaterThan(first - 61_000);
    const listed = (await call("/api/v1/tokens", { client: boss })).body.tokens.find((x: { id: string }) => x.id === t.id);
    expect(listed.lastUsedAt).toBe((await tokenRow(t.id))!.last_used_at);
  });
});
