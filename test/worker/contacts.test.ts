/**
 * The contact panel: a contact's details, channel identities (with whether each is
 * verified), tags, attributes and every conversation they had across inboxes, most
 * recent first and capped; and agents' edits, which merge attributes, replace tags and
 * write nothing at all when any part is refused.
 */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { MAX_CONTACT_ATTRIBUTES, MAX_CONTACT_CONVERSATIONS, type ContactDetail } from "../../worker/protocol";
import { identityHash } from "../../worker/channels/webchat/identity";
import { expectApiError } from "./assertions";
import { agentWithRole, customerWrites, owner, projected, visitor, webchatInbox } from "./fixtures";
import { bearer, call, type Client } from "./http-client";
import { storedRows } from "./stored-rows";

let boss: Client;
let agent: Client;

const hex = async (secret: string, id: string) => [...(await identityHash(secret, id))].map((b) => b.toString(16).padStart(2, "0")).join("");
const detail = async (contactId: string): Promise<ContactDetail> => {
  const res = await call(`/api/v1/contacts/${contactId}`, { client: agent });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
};
const patch = (contactId: string, json: unknown) => call(`/api/v1/contacts/${contactId}`, { method: "PATCH", json, client: agent });

beforeAll(async () => {
  boss = await owner();
  agent = await agentWithRole("agent");
});

describe("GET /api/v1/contacts/{id}", () => {
  it("shows one history across inboxes: every conversation, most recent first, with verified identities", async () => {
    const shop = await webchatInbox(boss, "Shop");
    const help = await webchatInbox(boss, "Help center");
    const secrets = await Promise.all([shop, help].map(async (i) => (await call(`/api/v1/inboxes/${i.id}/identity-secret`, { method: "POST", client: boss })).body.secret as string));
    const userId = `user-${crypto.randomUUID()}`;
    const conversations: string[] = [];
    let contactId = "";
    for (const [i, inbox] of [shop, help].entries()) {
      const v = await visitor(inbox.publicKey);
      const session = await call("/api/v1/widget/identify", { method: "POST", json: { id: userId, name: "Maria Souza", hash: await hex(secrets[i]!, userId) }, headers: bearer(v.token) });
      expect(session.status, JSON.stringify(session.body)).toBe(200);
      contactId = session.body.contactId;
      await call("/api/v1/widget/messages", { method: "POST", json: { body: `hello from ${inbox.id}`, clientId: `h-${i}` }, headers: bearer(session.body.token) });
      await projected(session.body.conversationId, 1);
      conversations.push(session.body.conversationId);
      await new Promise((r) => setTimeout(r, 3));
    }
    const panel = await detail(contactId);
    expect(panel.contact).toMatchObject({ id: contactId, name: "Maria Souza", email: null, phone: null, attributes: {}, tagIds: [] });
    expect(panel.identities).toContainEqual({ kind: "user", externalId: userId, verified: true });
    expect(panel.identities.some((i) => i.kind.startsWith("webchat:") && !i.verified)).toBe(true);
    expect(panel.conversations.map((c) => c.id)).toEqual([...conversations].reverse());
    expect(new Set(panel.conversations.map((c) => c.inboxId))).toEqual(new Set([shop.id, help.id]));
    expect(panel.conversations.every((c) => c.contactName === "Maria Souza" && c.channel === "webchat")).toBe(true);
  });

  it(`leaves out conversations without an event and stops at ${MAX_CONTACT_CONVERSATIONS}`, async () => {
    const inbox = await webchatInbox(boss, "Many");
    const c = await customerWrites(inbox.publicKey, "first");
    // Many conversations are faster to seed straight into D1 than through rooms.
    const now = Date.now();
    const rows = Array.from({ length: MAX_CONTACT_CONVERSATIONS + 5 }, (_, i) =>
      env.DB.prepare("INSERT INTO conversations (id, inbox_id, contact_id, status, created_at, last_activity_at, last_seq) VALUES (?, ?, ?, 'resolved', ?, ?, ?)").bind(`old-${i}-${c.contactId}`, inbox.id, c.contactId, now - 1e6, now - 1e6 + i, i === 0 ? 0 : 1),
    );
    await env.DB.batch(rows);
    const panel = await detail(c.contactId);
    expect(panel.conversations).toHaveLength(MAX_CONTACT_CONVERSATIONS);
    expect(panel.conversations[0]!.id).toBe(c.conversationId);
    expect(panel.conversations.map((x) => x.id)).not.toContain(`old-0-${c.contactId}`);
    const times = panel.conversations.map((x) => x.lastActivityAt);
    expect(times).toEqual([...times].sort((a, b) => b - a));
  });

  it("answers 404 contact_not_found for an unknown contact", async () => {
    expectApiError(await call(`/api/v1/contacts/${crypto.randomUUID()}`, { client: agent }), 404, "contact_not_found");
  });
});

describe("PATCH /api/v1/contacts/{id}", () => {
  let inbox: { id: string; publicKey: string };
  beforeAll(async () => {
    inbox = await webchatInbox(boss, "Edits");
  });

  it("sets and clears name, e-mail and phone", async () => {
    const c = await customerWrites(inbox.publicKey, "hi");
    const set = await patch(c.contactId, { name: "  Ana Lima ", email: "Ana@Example.COM", phone: "+55 21 99999-0000" });
    expect(set.body.contact).toMatchObject({ name: "Ana Lima", email: "ana@example.com", phone: "+55 21 99999-0000" });
    const cleared = await patch(c.contactId, { email: null, phone: null });
    expect(cleared.body.contact).toMatchObject({ name: "Ana Lima", email: null, phone: null });
    expect((await detail(c.contactId)).contact.email).toBeNull();
  });

  it("merges attributes: new keys added, existing ones replaced, null removes a key", async () => {
    const c = await customerWrites(inbox.publicKey, "attrs");
    await patch(c.contactId, { attributes: { plan: "pro", seats: 3, trial: true } });
    const res = await patch(c.contactId, { attributes: { seats: 5, trial: null, city: "Recife" } });
    expect(res.body.contact.attributes).toEqual({ plan: "pro", seats: 5, city: "Recife" });
  });

  it(`refuses more than ${MAX_CONTACT_ATTRIBUTES} attributes with 400 and writes nothing, not even the other fields`, async () => {
    const c = await customerWrites(inbox.publicKey, "too many");
    const full = Object.fromEntries(Array.from({ length: MAX_CONTACT_ATTRIBUTES }, (_, i) => [`k${i}`, i]));
    expect((await patch(c.contactId, { attributes: full })).status).toBe(200);
    const before = await detail(c.contactId);
    expectApiError(await patch(c.contactId, { name: "Changed", attributes: { oneMore: 1 } }), 400, "validation_failed");
    expect(await detail(c.contactId)).toEqual(before);
    // Replacing and removing keys at the limit is fine.
    expect((await patch(c.contactId, { attributes: { k0: null, extra: "ok" } })).status).toBe(200);
  });

  it("replaces the contact's tags; an unknown tag is 404 and nothing is written", async () => {
    const c = await customerWrites(inbox.publicKey, "tags");
    const tag = (await call("/api/v1/tags", { method: "POST", json: { name: `contact-${crypto.randomUUID().slice(0, 6)}` }, client: boss })).body;
    expect((await patch(c.contactId, { tagIds: [tag.id, tag.id] })).body.contact.tagIds).toEqual([tag.id]);
    const rows = await storedRows();
    const before = await detail(c.contactId);
    expectApiError(await patch(c.contactId, { name: "Should not stick", tagIds: ["no-such-tag"] }), 404, "tag_not_found");
    expect(await detail(c.contactId)).toEqual(before);
    expect(await storedRows()).toEqual(rows);
    expect((await patch(c.contactId, { tagIds: [] })).body.contact.tagIds).toEqual([]);
  });

  it("answers 404 contact_not_found for an unknown contact and creates nothing", async () => {
    const rows = await storedRows();
    expectApiError(await patch(crypto.randomUUID(), { name: "Ghost" }), 404, "contact_not_found");
    expect(await storedRows()).toEqual(rows);
  });
});
