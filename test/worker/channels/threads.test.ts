/**
 * The seam's find-or-create (worker/channels/threads.ts): concurrent deliveries for one
 * new customer make one contact, one identity and one conversation (Chatwoot's duplicate
 * contacts and conversations, chatwoot#6046 and #9314, must not happen here), and a
 * customer writing again lands where the kind's reuse rule says.
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { database } from "../../../worker/db/client";
import { insertInbox } from "../../../worker/db/inboxes";
import { contactFor, conversationFor, existingConversationFor, derivedId, plannedConversationId, reuses, threadFor } from "../../../worker/channels/threads";
import { conversationFor as webchatConversationFor, newVisitor } from "../../../worker/channels/webchat/visitor";
import type { ConversationSummary } from "../../../worker/protocol";

const db = database(env.DB);
const HOUR = 60 * 60 * 1000;

async function whatsappInbox() {
  return insertInbox(db, { id: crypto.randomUUID(), kind: "whatsapp", name: "WA", teamId: null, priority: 60, settings: { phoneNumberId: "123" }, createdAt: Date.now() });
}

async function webchatInbox() {
  return insertInbox(db, { id: crypto.randomUUID(), kind: "webchat", name: "Site", teamId: null, priority: 40, settings: {}, createdAt: Date.now() });
}

async function count(sql: string, ...params: unknown[]): Promise<number> {
  const row = await env.DB.prepare(sql).bind(...params).first<{ n: number }>();
  return row!.n;
}

describe("find-or-create", () => {
  it("derives the same id from the same parts, and a different one from different parts", async () => {
    expect(await derivedId("a", "b")).toBe(await derivedId("a", "b"));
    expect(await derivedId("a", "b")).not.toBe(await derivedId("ab"));
    expect(await derivedId("x")).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it("makes one contact, one identity and one conversation when eight deliveries race for a new customer", async () => {
    const inbox = await whatsappInbox();
    const ref = { externalId: "5511999990000", name: "Zé Ninguém 🙂", phone: "+5511999990000" };
    const now = Date.now();
    const made = await Promise.all(
      Array.from({ length: 8 }, async () => {
        const contactId = await contactFor(db, inbox, ref, now);
        return conversationFor(db, inbox, contactId, { mode: "reopen-window" }, 24, now);
      }),
    );
    expect(new Set(made.map((c) => c.id)).size).toBe(1);
    expect(new Set(made.map((c) => c.contactId)).size).toBe(1);
    expect(await count("SELECT count(*) n FROM contact_identities WHERE kind = ? AND external_id = ?", `whatsapp:${inbox.id}`, ref.externalId)).toBe(1);
    expect(await count("SELECT count(*) n FROM conversations WHERE inbox_id = ?", inbox.id)).toBe(1);
    const contact = await env.DB.prepare("SELECT name, phone FROM contacts WHERE id = ?").bind(made[0]!.contactId).first();
    expect(contact).toEqual({ name: "Zé Ninguém 🙂", phone: "+5511999990000" });
  });

  it("keeps an identity made earlier under another contact id: the stored one wins", async () => {
    const inbox = await whatsappInbox();
    const older = crypto.randomUUID();
    await env.DB.batch([
      env.DB.prepare("INSERT INTO contacts (id, created_at) VALUES (?, 1)").bind(older),
      env.DB.prepare("INSERT INTO contact_identities (id, contact_id, kind, external_id, created_at) VALUES (?, ?, ?, ?, 1)").bind(crypto.randomUUID(), older, `whatsapp:${inbox.id}`, "551100"),
    ]);
    expect(await contactFor(db, inbox, { externalId: "551100" }, Date.now())).toBe(older);
  });

  it("scopes identities to the inbox: the same id in two inboxes is two contacts", async () => {
    const [a, b] = [await whatsappInbox(), await whatsappInbox()];
    expect(await contactFor(db, a, { externalId: "same" }, 1)).not.toBe(await contactFor(db, b, { externalId: "same" }, 1));
  });

  it("reuses an open conversation, reopens one resolved within the window, and starts a new one after it", async () => {
    const inbox = await whatsappInbox();
    const contactId = await contactFor(db, inbox, { externalId: "reuse" }, Date.now());
    const first = await conversationFor(db, inbox, contactId, { mode: "reopen-window" }, 24, Date.now());
    expect((await conversationFor(db, inbox, contactId, { mode: "reopen-window" }, 24, Date.now())).id).toBe(first.id);

    await env.DB.prepare("UPDATE conversations SET status = 'resolved', resolved_at = ? WHERE id = ?").bind(Date.now() - 2 * HOUR, first.id).run();
    expect((await conversationFor(db, inbox, contactId, { mode: "reopen-window" }, 24, Date.now())).id).toBe(first.id);

    await env.DB.prepare("UPDATE conversations SET resolved_at = ? WHERE id = ?").bind(Date.now() - 25 * HOUR, first.id).run();
    const racers = await Promise.all([1, 2, 3].map(() => conversationFor(db, inbox, contactId, { mode: "reopen-window" }, 24, Date.now())));
    expect(new Set(racers.map((c) => c.id)).size).toBe(1);
    expect(racers[0]!.id).not.toBe(first.id);
    expect(racers[0]!.status).toBe("open");
    expect(await count("SELECT count(*) n FROM conversations WHERE contact_id = ?", contactId)).toBe(2);
  });

  it("the reuse rule: web chat keeps one thread whatever its state; messengers by the window", () => {
    const resolved = { status: "resolved", resolvedAt: 0 } as ConversationSummary;
    expect(reuses({ mode: "single" }, resolved, 0, 100 * HOUR)).toBe(true);
    expect(reuses({ mode: "reopen-window" }, resolved, 24, 24 * HOUR)).toBe(true);
    expect(reuses({ mode: "reopen-window" }, resolved, 24, 24 * HOUR + 1)).toBe(false);
    expect(reuses({ mode: "reopen-window" }, { status: "snoozed", resolvedAt: null } as ConversationSummary, 24, 1e12)).toBe(true);
  });

  it("plans, by reads alone, the conversation find-or-create then gives: new customer, open, resolved past the window", async () => {
    const inbox = await whatsappInbox();
    const ref = { externalId: "planned" };
    const rule = { mode: "reopen-window" } as const;
    const planned = () => plannedConversationId(db, inbox, ref, rule, 24, Date.now());
    const made = async () => conversationFor(db, inbox, await contactFor(db, inbox, ref, Date.now()), rule, 24, Date.now());

    const first = await planned();
    expect(await count("SELECT count(*) n FROM contact_identities WHERE external_id = 'planned'")).toBe(0);
    expect(await count("SELECT count(*) n FROM conversations WHERE inbox_id = ?", inbox.id)).toBe(0);
    expect((await made()).id).toBe(first);
    expect(await planned()).toBe(first);

    await env.DB.prepare("UPDATE conversations SET status = 'resolved', resolved_at = ? WHERE id = ?").bind(Date.now() - 25 * HOUR, first).run();
    const next = await planned();
    expect(next).not.toBe(first);
    expect((await made()).id).toBe(next);
  });

  it("finds no conversation for a customer who never wrote, and creates nothing looking", async () => {
    const inbox = await whatsappInbox();
    expect(await existingConversationFor(db, inbox, "nobody")).toBeNull();
    expect(await count("SELECT count(*) n FROM contact_identities WHERE external_id = 'nobody'")).toBe(0);
  });

  it("threadFor: eight racers for a new customer make one contact, identity and conversation, in one batch each", async () => {
    const inbox = await whatsappInbox();
    const now = Date.now();
    const made = await Promise.all(Array.from({ length: 8 }, () => threadFor(db, inbox, { externalId: "5511888", name: "Ana" }, { mode: "reopen-window" }, 24, now)));
    expect(new Set(made.map((c) => c.id)).size).toBe(1);
    expect(made[0]!.contactId).toBe(await derivedId("contact", `whatsapp:${inbox.id}`, "5511888"));
    expect(await count("SELECT count(*) n FROM contact_identities WHERE kind = ? AND external_id = ?", `whatsapp:${inbox.id}`, "5511888")).toBe(1);
    expect(await count("SELECT count(*) n FROM conversations WHERE inbox_id = ?", inbox.id)).toBe(1);
    // The same customer through the two-step path lands in the same thread.
    const contactId = await contactFor(db, inbox, { externalId: "5511888" }, now);
    expect((await conversationFor(db, inbox, contactId, { mode: "reopen-window" }, 24, now)).id).toBe(made[0]!.id);
  });

  it("threadFor: a known identity takes its contact's conversation by the reuse rule", async () => {
    const inbox = await whatsappInbox();
    const first = await threadFor(db, inbox, { externalId: "again" }, { mode: "reopen-window" }, 24, Date.now());
    await env.DB.prepare("UPDATE conversations SET status = 'resolved', resolved_at = ? WHERE id = ?").bind(Date.now() - 25 * HOUR, first.id).run();
    const next = await threadFor(db, inbox, { externalId: "again" }, { mode: "reopen-window" }, 24, Date.now());
    expect(next.id).not.toBe(first.id);
    expect(next.contactId).toBe(first.contactId);
    expect(await count("SELECT count(*) n FROM contacts WHERE id = ?", first.contactId)).toBe(1);
  });
});

describe("web chat through the seam", () => {
  it("a new visitor gets the inbox-scoped web chat identity, its contact and one open conversation", async () => {
    const inbox = await webchatInbox();
    const conversation = await newVisitor(db, inbox);
    expect(conversation).toMatchObject({ inboxId: inbox.id, status: "open", priority: 40, channel: "webchat" });
    const identities = await env.DB.prepare("SELECT kind, external_id FROM contact_identities WHERE contact_id = ?").bind(conversation.contactId).all<{ kind: string; external_id: string }>();
    expect(identities.results).toHaveLength(1);
    expect(identities.results[0]!.kind).toBe(`webchat:${inbox.id}`);
    expect(conversation.contactId).toBe(await derivedId("contact", `webchat:${inbox.id}`, identities.results[0]!.external_id));
    // Two new visitors are two contacts: the external id is minted per visitor.
    expect((await newVisitor(db, inbox)).contactId).not.toBe(conversation.contactId);
  });

  it("keeps one thread per visitor, even one resolved long ago", async () => {
    const inbox = await webchatInbox();
    const first = await newVisitor(db, inbox);
    await env.DB.prepare("UPDATE conversations SET status = 'resolved', resolved_at = ? WHERE id = ?").bind(Date.now() - 1000 * HOUR, first.id).run();
    expect((await webchatConversationFor(db, first.contactId, inbox)).id).toBe(first.id);
    expect(await count("SELECT count(*) n FROM conversations WHERE contact_id = ?", first.contactId)).toBe(1);
  });

  it("concurrent sessions of a contact new to the inbox make one conversation, not two", async () => {
    const [home, other] = [await webchatInbox(), await webchatInbox()];
    const { contactId } = await newVisitor(db, home);
    const racers = await Promise.all([1, 2, 3, 4].map(() => webchatConversationFor(db, contactId, other)));
    expect(new Set(racers.map((c) => c.id)).size).toBe(1);
    expect(await count("SELECT count(*) n FROM conversations WHERE contact_id = ? AND inbox_id = ?", contactId, other.id)).toBe(1);
  });

  it("an existing visitor stored under random ids keeps its contact and conversation", async () => {
    const inbox = await webchatInbox();
    const [contactId, conversationId] = [crypto.randomUUID(), crypto.randomUUID()];
    await env.DB.batch([
      env.DB.prepare("INSERT INTO contacts (id, created_at) VALUES (?, 1)").bind(contactId),
      env.DB.prepare("INSERT INTO contact_identities (id, contact_id, kind, external_id, created_at) VALUES (?, ?, ?, ?, 1)").bind(crypto.randomUUID(), contactId, `webchat:${inbox.id}`, crypto.randomUUID()),
      env.DB.prepare("INSERT INTO conversations (id, inbox_id, contact_id, status, priority, created_at, last_activity_at) VALUES (?, ?, ?, 'open', 0, 1, 1)").bind(conversationId, inbox.id, contactId),
    ]);
    expect((await webchatConversationFor(db, contactId, inbox)).id).toBe(conversationId);
  });
});
