/**
 * @module A webhook delivery when storage fails: D1 (injected with triggers that abort
 * the writes, or a table made unreachable) or the conversation's room (its storage
 * broken). The webhook then answers 5xx, never 200, so Meta redelivers; after recovery
 * the redelivery stores exactly one of each message, with no duplicate contact or
 * conversation. A D1 outage of the projection alone does not refuse a delivery: the
 * room holds it, and D1 catches up.
 */
import { runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { eventually, expectApiError } from "../assertions";
import { owner } from "../fixtures";
import { conversationsOf, eventsOf } from "./channel-world";
import { anotherCustomer, deliver, metaInbox, mid, onlyConversation, textFrom, type MetaInbox } from "./meta-inbox-kit";

/** Runs `body` while D1 fails as `breakage` makes it (statements undone by `repair`). */
async function duringD1Failure<T>(breakage: string[], repair: string[], body: () => Promise<T>): Promise<T> {
  for (const statement of breakage) await env.DB.exec(statement);
  try {
    return await body();
  } finally {
    for (const statement of repair) await env.DB.exec(statement);
  }
}

const abortInsertsInto = (table: string, when = "1") => `CREATE TRIGGER fail_${table} BEFORE INSERT ON ${table} WHEN ${when} BEGIN SELECT RAISE(ABORT, 'injected D1 failure'); END;`;

async function countOf(sql: string, ...binds: unknown[]): Promise<number> {
  return (await env.DB.prepare(sql).bind(...binds).first<{ n: number }>())!.n;
}

/** The contacts and identities the inbox's customer `externalId` has in D1. */
async function contactRows(m: MetaInbox, externalId: string) {
  const identities = await countOf("SELECT count(*) AS n FROM contact_identities WHERE kind = ? AND external_id = ?", `${m.inbox.kind}:${m.inbox.id}`, externalId);
  const contacts = await countOf("SELECT count(*) AS n FROM contacts WHERE id IN (SELECT contact_id FROM contact_identities WHERE kind = ? AND external_id = ?)", `${m.inbox.kind}:${m.inbox.id}`, externalId);
  return { identities, contacts };
}

async function customerBodies(agent: Awaited<ReturnType<typeof owner>>, conversationId: string): Promise<string[]> {
  return (await eventsOf(agent, conversationId)).filter((e) => e.type === "message").map((e) => e.body);
}

function expectRefusedForRedelivery(res: { status: number; body: any; headers: Headers }) {
  expect(res.status, JSON.stringify(res.body)).not.toBe(200);
  expectApiError(res, 503, "unavailable");
}

describe("D1 fails during a webhook", () => {
  it("when the inbox cannot be read: 503, nothing stored; the redelivery stores the message once", async () => {
    const boss = await owner();
    const m = await metaInbox("messenger");
    const items = [textFrom(m, mid(), "oi, vocês entregam no sábado?")];
    const res = await duringD1Failure(["ALTER TABLE inboxes RENAME TO inboxes_unreachable;"], ["ALTER TABLE inboxes_unreachable RENAME TO inboxes;"], () => deliver(m, items));
    expectRefusedForRedelivery(res);
    expect(await conversationsOf(m.inbox.id)).toEqual([]);
    expect(await contactRows(m, m.customer)).toEqual({ identities: 0, contacts: 0 });

    expect((await deliver(m, items)).status).toBe(200);
    expect((await deliver(m, items)).status).toBe(200);
    expect(await customerBodies(boss, await onlyConversation(m))).toEqual(["oi, vocês entregam no sábado?"]);
  });

  it("when the contact cannot be written: 503, no contact or conversation; after recovery one of each and one message", async () => {
    const boss = await owner();
    const m = await metaInbox("instagram");
    const items = [textFrom(m, mid(), "Olá! 👋"), textFrom(m, mid(), "Quero trocar o tamanho")];
    const res = await duringD1Failure([abortInsertsInto("contacts")], ["DROP TRIGGER fail_contacts;"], () => deliver(m, items));
    expectRefusedForRedelivery(res);
    expect(await conversationsOf(m.inbox.id)).toEqual([]);
    expect(await contactRows(m, m.customer)).toEqual({ identities: 0, contacts: 0 });

    expect((await deliver(m, items)).status).toBe(200);
    expect(await contactRows(m, m.customer)).toEqual({ identities: 1, contacts: 1 });
    expect(await customerBodies(boss, await onlyConversation(m))).toEqual(["Olá! 👋", "Quero trocar o tamanho"]);
  });

  it("when the conversation cannot be written after the contact was: 503; the redelivery reuses the contact, one conversation, one message", async () => {
    const boss = await owner();
    const m = await metaInbox("messenger");
    const items = [textFrom(m, mid(), "meu pedido #5521 veio errado")];
    const res = await duringD1Failure([abortInsertsInto("conversations")], ["DROP TRIGGER fail_conversations;"], () => deliver(m, items));
    expectRefusedForRedelivery(res);
    expect(await conversationsOf(m.inbox.id)).toEqual([]);
    // The contact was stored before the failure: the redelivery must find it, not add one.
    expect(await contactRows(m, m.customer)).toEqual({ identities: 1, contacts: 1 });

    expect((await deliver(m, items)).status).toBe(200);
    expect(await contactRows(m, m.customer)).toEqual({ identities: 1, contacts: 1 });
    expect(await customerBodies(boss, await onlyConversation(m))).toEqual(["meu pedido #5521 veio errado"]);
  });

  it("for the second customer of a batch: 503 though the first was stored; the redelivery stores the second and not the first again", async () => {
    const boss = await owner();
    const m = await metaInbox("messenger");
    const second = anotherCustomer();
    const items = [textFrom(m, mid(), "primeira cliente"), textFrom(m, mid(), "segundo cliente", Date.now(), second)];
    const res = await duringD1Failure([abortInsertsInto("contact_identities", `NEW.external_id = '${second}'`)], ["DROP TRIGGER fail_contact_identities;"], () => deliver(m, items));
    expectRefusedForRedelivery(res);
    const [first] = await conversationsOf(m.inbox.id);
    expect(await conversationsOf(m.inbox.id)).toHaveLength(1);
    expect(await customerBodies(boss, first!.id)).toEqual(["primeira cliente"]);

    expect((await deliver(m, items)).status).toBe(200);
    const conversations = await conversationsOf(m.inbox.id);
    expect(conversations).toHaveLength(2);
    const bodies = await Promise.all(conversations.map((c) => customerBodies(boss, c.id)));
    expect(bodies.sort()).toEqual([["primeira cliente"], ["segundo cliente"]]);
    expect(await contactRows(m, second)).toEqual({ identities: 1, contacts: 1 });
  });

  it("only in the projection (messages cannot be written): 200, since the room stored it; D1 catches up after recovery", async () => {
    const boss = await owner();
    const m = await metaInbox("messenger");
    const first = [textFrom(m, mid(), "primeira")];
    expect((await deliver(m, first)).status).toBe(200);
    const conversationId = await onlyConversation(m);
    const messagesInD1 = () => countOf("SELECT count(*) AS n FROM messages WHERE conversation_id = ?", conversationId);
    await eventually(async () => expect(await messagesInD1()).toBe(1));

    const later = [textFrom(m, mid(), "durante a falha do D1")];
    const res = await duringD1Failure([abortInsertsInto("messages")], ["DROP TRIGGER fail_messages;"], async () => {
      const answer = await deliver(m, later);
      expect(await customerBodies(boss, conversationId)).toEqual(["primeira", "durante a falha do D1"]);
      expect(await messagesInD1()).toBe(1);
      return answer;
    });
    expect([res.status, res.body]).toEqual([200, { ok: true }]);
    // The room's alarm retries the handoff; run it rather than wait for its backoff.
    await eventually(async () => {
      await runDurableObjectAlarm(env.CONVERSATION_ROOM.getByName(conversationId));
      expect(await messagesInD1()).toBe(2);
    });
  });
});

describe("the conversation's room fails during a webhook", () => {
  it("answers 503 with nothing stored; after the room recovers, the redelivery stores the message once", async () => {
    const boss = await owner();
    const m = await metaInbox("messenger");
    expect((await deliver(m, [textFrom(m, mid(), "oi")])).status).toBe(200);
    const conversationId = await onlyConversation(m);
    const room = env.CONVERSATION_ROOM.getByName(conversationId);
    // The room's log cannot be written: its next write throws inside the room.
    await runInDurableObject(room, (_r, state) => {
      state.storage.sql.exec("ALTER TABLE events RENAME TO events_unwritable");
    });
    const items = [textFrom(m, mid(), "está aí?")];
    let res;
    try {
      res = await deliver(m, items);
    } finally {
      await runInDurableObject(room, (_r, state) => {
        state.storage.sql.exec("ALTER TABLE events_unwritable RENAME TO events");
      });
    }
    expectRefusedForRedelivery(res);
    expect(res.body.error.message).toMatch(/safe to redeliver/);
    expect(await customerBodies(boss, conversationId)).toEqual(["oi"]);

    expect((await deliver(m, items)).status).toBe(200);
    expect((await deliver(m, items)).status).toBe(200);
    expect(await customerBodies(boss, conversationId)).toEqual(["oi", "está aí?"]);
    expect(await conversationsOf(m.inbox.id)).toHaveLength(1);
  });
});
