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
import { contactFor, conversationFor, existingConversationFor, derivedId, plannedConversationId, reuses } from "../../../worker/channels/threads";
import type { ConversationSummary } from "../../../worker/protocol";

const db = database(env.DB);
const HOUR = 60 * 60 * 1000;

async function whatsappInbox() {
  return insertInbox(db, { id: crypto.randomUUID(), kind: "whatsapp", name: "WA", teamId: null, priority: 60, settings: { phoneNumberId: "123" }, createdAt: Date.now() });
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
});
