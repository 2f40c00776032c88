/**
 * Visitor token lifetime: expiry with silent renewal, revocation on identity changes and
 * on rotation of the inbox's identity secret, and the socket's single-purpose ticket.
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { expectApiError } from "./assertions";
import { owner, visitor, webchatInbox } from "./fixtures";
import { bearer, call } from "./http-client";
import { upgrade, widgetSocketPath } from "./socket-harness";
import { database } from "../../worker/db/client";
import { toBase64Url } from "../../worker/auth/encoding";
import { hmacKey } from "../../worker/auth/server-keys";
import { signVisitorToken, VISITOR_TOKEN_RENEWABLE_MS, VISITOR_TOKEN_TTL_MS } from "../../worker/auth/widget-token";
import { mintSocketTicket } from "../../worker/channels/webchat/socket-ticket";
import { identityHash } from "../../worker/channels/webchat/identity";

const DAY = 24 * 60 * 60_000;

async function hex(secret: string, id: string) {
  return [...(await identityHash(secret, id))].map((b) => b.toString(16).padStart(2, "0")).join("");
}

/** A token for `v` as the server would have signed it at `at`. */
async function tokenSignedAt(v: { contactId: string }, inboxId: string, at: number) {
  return (await signVisitorToken(database(env.DB), { contactId: v.contactId, inboxId, gen: 0 }, at)).token;
}

const history = (token: string) => call("/api/v1/widget/messages?after=0", { headers: bearer(token) });

describe("visitor token expiry", () => {
  it("says when the token expires, and refuses an expired one with 401 token_expired", async () => {
    const boss = await owner();
    const inbox = await webchatInbox(boss);
    const v = await visitor(inbox.publicKey);
    const session = await call("/api/v1/widget/sessions", { method: "POST", json: { inbox: inbox.publicKey, token: v.token } });
    expect(session.body.tokenExpiresAt).toBeGreaterThan(Date.now() + VISITOR_TOKEN_TTL_MS - 60_000);
    const expired = await tokenSignedAt(v, inbox.id, Date.now() - VISITOR_TOKEN_TTL_MS - 1000);
    expectApiError(await history(expired), 401, "token_expired");
    expectApiError(await call("/api/v1/widget/socket-tickets", { method: "POST", headers: bearer(expired) }), 401, "token_expired");
  });

  it("renews an expired token silently: the same contact and conversation, a fresh token", async () => {
    const boss = await owner();
    const inbox = await webchatInbox(boss);
    const v = await visitor(inbox.publicKey);
    const expired = await tokenSignedAt(v, inbox.id, Date.now() - 3 * DAY);
    const renewed = await visitor(inbox.publicKey, expired);
    expect(renewed).toMatchObject({ contactId: v.contactId, conversationId: v.conversationId });
    expect(renewed.token).not.toBe(expired);
    expect((await history(renewed.token)).status).toBe(200);
  });

  it("does not renew a token expired for longer than the renewal window", async () => {
    const boss = await owner();
    const inbox = await webchatInbox(boss);
    const v = await visitor(inbox.publicKey);
    const ancient = await tokenSignedAt(v, inbox.id, Date.now() - VISITOR_TOKEN_TTL_MS - VISITOR_TOKEN_RENEWABLE_MS - 1000);
    const next = await visitor(inbox.publicKey, ancient);
    expect(next.contactId).not.toBe(v.contactId);
  });

  it("reads a token from before expiry existed (v1) as expired: refused by the API, renewable once", async () => {
    const boss = await owner();
    const inbox = await webchatInbox(boss);
    const v = await visitor(inbox.publicKey);
    const payload = toBase64Url(new TextEncoder().encode(JSON.stringify({ v: 1, contactId: v.contactId, inboxId: inbox.id, iat: Date.now() - DAY / 2 })));
    const sig = await crypto.subtle.sign("HMAC", await hmacKey(database(env.DB), "widget-token"), new TextEncoder().encode(payload));
    const v1 = `${payload}.${toBase64Url(new Uint8Array(sig))}`;
    expectApiError(await history(v1), 401, "token_expired");
    expect(await visitor(inbox.publicKey, v1)).toMatchObject({ contactId: v.contactId });
  });
});

describe("visitor token revocation", () => {
  it("revokes the anonymous visitor's tokens when it identifies as a verified user", async () => {
    const boss = await owner();
    const inbox = await webchatInbox(boss);
    const { secret } = (await call(`/api/v1/inboxes/${inbox.id}/identity-secret`, { method: "POST", client: boss })).body;
    const v = await visitor(inbox.publicKey);
    const copy = v.token;
    const identified = await call("/api/v1/widget/identify", { method: "POST", json: { id: "user-r1", hash: await hex(secret, "user-r1") }, headers: bearer(v.token) });
    expect(identified.status).toBe(200);
    expectApiError(await history(copy), 401, "invalid_token");
    // Nor can it be renewed into the verified user: it starts a stranger.
    expect((await visitor(inbox.publicKey, copy)).contactId).not.toBe(identified.body.contactId);
    expect((await history(identified.body.token)).status).toBe(200);
  });

  it("revokes verified visitors' tokens when the identity secret rotates, and leaves anonymous ones", async () => {
    const boss = await owner();
    const inbox = await webchatInbox(boss);
    const { secret } = (await call(`/api/v1/inboxes/${inbox.id}/identity-secret`, { method: "POST", client: boss })).body;
    const anonymous = await visitor(inbox.publicKey);
    const user = await visitor(inbox.publicKey);
    const verified = (await call("/api/v1/widget/identify", { method: "POST", json: { id: "user-r2", hash: await hex(secret, "user-r2") }, headers: bearer(user.token) })).body;
    expect((await history(verified.token)).status).toBe(200);
    expect((await call(`/api/v1/inboxes/${inbox.id}/identity-secret`, { method: "POST", client: boss })).status).toBe(201);
    expectApiError(await history(verified.token), 401, "invalid_token");
    expect((await visitor(inbox.publicKey, verified.token)).contactId).not.toBe(verified.contactId);
    expect((await history(anonymous.token)).status).toBe(200);
  });
});

describe("the widget socket's ticket", () => {
  it("keeps the visitor token out of the socket URL", async () => {
    const boss = await owner();
    const v = await visitor((await webchatInbox(boss)).publicKey);
    const path = await widgetSocketPath(v.token, 0);
    expect(path).not.toContain(v.token);
    const res = await upgrade(path);
    expect(res.status).toBe(101);
    res.socket!.close();
    // The token itself no longer opens a socket.
    expectApiError(await upgrade(`/api/v1/widget/ws?token=${encodeURIComponent(v.token)}&after=0`), 400, "validation_failed");
    expectApiError(await upgrade(`/api/v1/widget/ws?ticket=${encodeURIComponent(v.token)}&after=0`), 401, "invalid_token");
  });

  it("refuses an expired ticket and a ticket with another visitor's name on it", async () => {
    const boss = await owner();
    const inbox = await webchatInbox(boss);
    const v = await visitor(inbox.publicKey);
    const stranger = await visitor(inbox.publicKey);
    const old = await mintSocketTicket(database(env.DB), { contactId: v.contactId, inboxId: inbox.id }, Date.now() - 61_000);
    expectApiError(await upgrade(`/api/v1/widget/ws?ticket=${encodeURIComponent(old.ticket)}&after=0`), 401, "token_expired");
    const [exp, , sig] = (await mintSocketTicket(database(env.DB), { contactId: v.contactId, inboxId: inbox.id })).ticket.split(".");
    const swapped = `${exp}.${toBase64Url(new TextEncoder().encode(JSON.stringify([stranger.contactId, inbox.id])))}.${sig}`;
    expectApiError(await upgrade(`/api/v1/widget/ws?ticket=${encodeURIComponent(swapped)}&after=0`), 401, "invalid_token");
  });
});
