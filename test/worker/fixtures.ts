/**
 * Fixtures: the owner, agents with a role, inboxes, visitors and their conversations,
 * made through the API as a real installation makes them (storage is per test file).
 */
import { env } from "cloudflare:workers";
import { eventually } from "./assertions";
import { bearer, call, type Client } from "./http-client";

export const OWNER = { name: "Olivia Owner", email: "owner@example.com", password: "correct horse battery" };

/** Creates the owner (once per test file: storage is per file) and returns a signed-in client. */
export async function owner(): Promise<Client> {
  const client: Client = {};
  const setup = await call("/api/v1/setup", { method: "POST", json: OWNER, client });
  if (setup.status === 409) {
    const res = await login(OWNER, client);
    if (res.status !== 200) throw new Error(`owner login failed: ${JSON.stringify(res.body)}`);
  } else if (setup.status !== 201) throw new Error(`setup failed: ${JSON.stringify(setup.body)}`);
  return client;
}

/** The password every agent made by `agentWithRole` signs in with. */
export const AGENT_PASSWORD = "a long enough password";

let agentCounter = 0;
/** An extra signed-in agent with `role`, created by the owner. */
export async function agentWithRole(role: "admin" | "agent"): Promise<Client & { id: string; email: string }> {
  const boss = await owner();
  const email = `${role}${++agentCounter}-${crypto.randomUUID().slice(0, 8)}@example.com`;
  const created = await call("/api/v1/agents", { method: "POST", json: { name: `${role} ${agentCounter}`, email, password: AGENT_PASSWORD, role }, client: boss });
  if (created.status !== 201) throw new Error(`create agent failed: ${JSON.stringify(created.body)}`);
  const client: Client = {};
  const res = await login({ email, password: AGENT_PASSWORD }, client);
  if (res.status !== 200) throw new Error(`login failed: ${JSON.stringify(res.body)}`);
  return { ...client, id: created.body.id, email };
}

let addressCounter = 0;
/** A client address no other request in this file has used. Sign-ins are rate-limited per
 * address (`CF-Connecting-IP`, which Cloudflare's edge sets and tests may set themselves),
 * and without one every test request shares the address "local", so helpers that sign in
 * would spend the file's budget and make unrelated tests fail with 429. */
export function clientAddress(): string {
  return `2001:db8::${(++addressCounter).toString(16)}`;
}

/** `POST /api/v1/auth/login` from `address` (a fresh one unless given); a 200 signs `client` in. */
export function login(credentials: { email: string; password: string }, client: Client = {}, address = clientAddress()) {
  return call("/api/v1/auth/login", { method: "POST", json: { email: credentials.email, password: credentials.password }, client, headers: { "CF-Connecting-IP": address } });
}

export async function webchatInbox(client: Client, name = "Website"): Promise<{ id: string; publicKey: string }> {
  const res = await call("/api/v1/inboxes", { method: "POST", json: { kind: "webchat", name }, client });
  if (res.status !== 201) throw new Error(`create inbox failed: ${JSON.stringify(res.body)}`);
  return res.body;
}

export async function visitor(publicKey: string, token?: string): Promise<{ token: string; contactId: string; conversationId: string }> {
  // A fresh client address each time, so the per-address limit on new visitors never
  // trips in files that create many.
  const res = await call("/api/v1/widget/sessions", { method: "POST", json: token ? { inbox: publicKey, token } : { inbox: publicKey }, headers: { "CF-Connecting-IP": clientAddress() } });
  if (res.status !== 200) throw new Error(`widget session failed: ${JSON.stringify(res.body)}`);
  return res.body;
}

/** A new visitor on the inbox with key `publicKey` who has written `body`, so their
 * conversation is listed for agents (it waits for the projection). */
export async function customerWrites(publicKey: string, body: string): Promise<{ token: string; contactId: string; conversationId: string; seq: number }> {
  const v = await visitor(publicKey);
  const res = await call("/api/v1/widget/messages", { method: "POST", json: { body, clientId: `c-${crypto.randomUUID()}` }, headers: bearer(v.token) });
  if (res.status !== 201) throw new Error(`widget message failed: ${JSON.stringify(res.body)}`);
  await projected(v.conversationId, res.body.seq);
  return { ...v, seq: res.body.seq };
}

/** Waits until D1 (lists, search, the contact panel) has the conversation at `seq` or
 * later. The room acks once the event is stored; the event pipeline projects it into D1
 * a moment later (worker/pipeline), so tests that read D1 right after a write wait here. */
export async function projected(conversationId: string, seq: number): Promise<void> {
  await eventually(async () => {
    const row = await env.DB.prepare("SELECT last_seq FROM conversations WHERE id = ?").bind(conversationId).first<{ last_seq: number }>();
    if (!row || row.last_seq < seq) throw new Error(`conversation ${conversationId} projected up to ${row?.last_seq ?? "nothing"}, waiting for ${seq}`);
  });
}

/** The conversation's last stored seq, read from its room (the single writer), not from D1. */
export async function lastSeq(client: Client, conversationId: string): Promise<number> {
  const res = await call(`/api/v1/conversations/${conversationId}/messages?limit=1`, { client });
  if (res.status !== 200) throw new Error(`history failed: ${JSON.stringify(res.body)}`);
  return res.body.lastSeq;
}
