/**
 * The world the authorization suites send the route table's requests in: an owner, an
 * admin, an agent, a revoked session, and the real records the routes point at (one
 * inbox with a visitor's conversation, a tag, a conversation type, a canned response).
 * Storage is per test file, so each authorization-*.test.ts builds its own in beforeAll.
 */
import { env } from "cloudflare:workers";
import { expect } from "vitest";
import { database } from "../../worker/db/client";
import { insertSignInLink } from "../../worker/db/portal-customers";
import { randomToken, sha256Base64Url } from "../../worker/auth/encoding";
import { agentWithRole, owner, visitor, webchatInbox } from "./fixtures";
import { bearer, call, type Client } from "./http-client";
import { created, revokedSession, tableOwner, type Fixture } from "./route-table";
import { metaInboxBody } from "./route-table-meta";
import { whatsappWebhookInbox } from "./channels/whatsapp-webhook-signing";
import { twilioWebhookInbox } from "./route-table-twilio";
import { telegramWebhookInbox } from "./channels/telegram-webhook-signing";
import { helpCenterFixture, rememberHcFixture } from "./route-table-helpcenter";

export interface RouteWorld {
  boss: Client;
  admin: Client;
  agent: Client & { id: string; email: string };
  revoked: Client;
  f: Fixture;
}

/** Points the portal at `inboxId` and signs `contactId` in to it by a one-time link,
 * minted here as the link route mints one (the mail itself is the portal tests' concern). */
export async function portalSession(boss: Client, inboxId: string, contactId: string): Promise<string> {
  const settings = await call("/api/v1/portal-settings", { method: "PUT", json: { inboxId, emailInboxId: null, categories: [] }, client: boss });
  expect(settings.status, JSON.stringify(settings.body)).toBe(200);
  const token = randomToken();
  await insertSignInLink(database(env.DB), { tokenHash: await sha256Base64Url(token), contactId, email: "route-table@example.net", now: Date.now(), expiresAt: Date.now() + 60_000 });
  const customer: Client = {};
  const res = await call("/api/v1/portal/sign-in/redeem", { method: "POST", json: { token }, client: customer });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return customer.cookie!;
}

export async function routeWorld(): Promise<RouteWorld> {
  const boss = await owner();
  tableOwner.client = boss;
  const admin = await agentWithRole("admin");
  const agent = await agentWithRole("agent");
  const revoked = await revokedSession();
  const inbox = await webchatInbox(boss);
  const v = await visitor(inbox.publicKey);
  const first = await call("/api/v1/widget/messages", { method: "POST", json: { body: "Hello, route table", clientId: "rt-first" }, headers: bearer(v.token) });
  expect(first.status).toBe(201);
  const f: Fixture = {
    conversationId: v.conversationId,
    inboxId: inbox.id,
    publicKey: inbox.publicKey,
    visitorToken: v.token,
    messageSeq: first.body.seq,
    contactId: v.contactId,
    tagId: (await created("/api/v1/tags", { name: "route-table" })).id,
    typeId: (await created("/api/v1/conversation-types", { name: "route-table" })).id,
    cannedId: (await created("/api/v1/canned-responses", { shortcode: "rt", body: "Route table" })).id,
    metaInboxId: (await created("/api/v1/inboxes", metaInboxBody("Route table Messenger"))).id,
    whatsappInboxId: (await whatsappWebhookInbox()).id,
    twilioInboxId: (await twilioWebhookInbox()).id,
    telegramInboxId: (await telegramWebhookInbox()).id,
    portalCookie: await portalSession(boss, inbox.id, v.contactId),
    hc: await helpCenterFixture(),
  };
  rememberHcFixture(f);
  return { boss, admin, agent, revoked, f };
}
