/**
 * Outbound webhooks end to end in workerd: real rooms, pipeline, D1 and WebhookOutbox;
 * only the receivers are fake (at the fetch boundary). Each guarantee of issue 15 has a
 * test: signature, order and no duplicates under fast messages, exactly once per delivery
 * id across a receiver outage, disable after 24 h, SSRF at send, eviction, resend,
 * redirects, notes opt-in, a dead endpoint not delaying another, replayed batches.
 */
import { env } from "cloudflare:workers";
import { evictDurableObject, runInDurableObject } from "cloudflare:test";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { eventually } from "../assertions";
import { customerWrites, owner, projected, visitor, webchatInbox } from "../fixtures";
import { holdProjector } from "../pipeline-kit";
import { bearer, call, type Client } from "../http-client";
import { fakeProvider, heldAnswer } from "../provider-fake";
import { verifySignature } from "../../../worker/webhooks/signature";
import { WebhookPayload } from "../../../worker/protocol";
import { advance, createEndpoint, deleteAllEndpoints, outbox, receiver } from "./webhook-kit";

const HOUR = 3600_000;
let boss: Client;
let inbox: { id: string; publicKey: string };

beforeAll(async () => {
  boss = await owner();
  inbox = await webchatInbox(boss);
});
afterEach(async () => deleteAllEndpoints(boss));

const agentSays = (conversationId: string, body: string, kind: "text" | "note" = "text") =>
  call(`/api/v1/conversations/${conversationId}/messages`, { method: "POST", json: { body, kind, clientId: crypto.randomUUID() }, client: boss });

const logOf = async (endpointId: string) => (await call(`/api/v1/webhooks/${endpointId}/deliveries?limit=100`, { client: boss })).body.deliveries as any[];

describe("outbound webhooks", () => {
  it("signs every delivery so the documented recipe verifies it, with the delivery id and event in headers and a payload of the protocol's shape", async () => {
    const r = receiver();
    const ep = await createEndpoint(boss, r.url, ["conversation.created", "message.created"]);
    const c = await customerWrites(inbox.publicKey, "Olá");
    const got = await eventually(async () => {
      const mine = r.received().filter((d) => d.body.conversation.id === c.conversationId);
      expect(mine.map((d) => d.event)).toEqual(["conversation.created", "message.created"]);
      return mine;
    });
    for (const d of got) {
      expect(await verifySignature(ep.secret, d.raw, d.signature, Date.now())).toBe(true);
      expect(await verifySignature("whsec_wrong", d.raw, d.signature, Date.now())).toBe(false);
      expect(await verifySignature(ep.secret, d.raw.replace("Olá", "Ola"), d.signature, Date.now())).toBe(false);
      expect(d.deliveryHeader).toBe(d.id);
      expect(d.eventHeader).toBe(d.event);
      expect(WebhookPayload.safeParse(d.body).success).toBe(true);
    }
    expect(got[1]!.body).toMatchObject({ direction: "incoming", message: { seq: c.seq, body: "Olá", actor: { type: "contact" } } });
  });

  it("delivers 50 fast messages of one conversation in seq order, each once, with distinct delivery ids", async () => {
    const r = receiver();
    await createEndpoint(boss, r.url, ["message.created"]);
    const c = await customerWrites(inbox.publicKey, "first");
    const acks = await Promise.all(Array.from({ length: 50 }, (_, i) => agentSays(c.conversationId, `reply ${i}`)));
    expect(acks.every((a) => a.status === 201)).toBe(true);
    const got = await eventually(async () => {
      const mine = r.received().filter((d) => d.body.conversation.id === c.conversationId);
      expect(mine.length).toBeGreaterThanOrEqual(51);
      return mine;
    }, 20_000);
    const seqs = got.map((d) => d.body.message.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    expect(new Set(seqs).size).toBe(51);
    expect(new Set(got.map((d) => d.id)).size).toBe(51);
    expect(seqs).toEqual([c.seq, ...acks.map((a) => a.body.seq).sort((a, b) => a - b)]);
  });

  it("after a receiver failing with 500 recovers, every event arrives exactly once per delivery id, in seq order", async () => {
    const failures = 4;
    const r = receiver(Array.from({ length: failures }, () => new Response("down", { status: 500 })));
    const ep = await createEndpoint(boss, r.url, ["message.created"]);
    const c = await customerWrites(inbox.publicKey, "m0");
    for (let i = 1; i <= 4; i++) expect((await agentSays(c.conversationId, `m${i}`)).status).toBe(201);
    await eventually(async () => {
      await advance(ep.id, HOUR);
      const ok = r.received().slice(failures);
      expect(ok.length).toBeGreaterThanOrEqual(5);
    }, 20_000);
    const all = r.received();
    // The failed attempts were all the head of the lane: nothing overtook it.
    expect(new Set(all.slice(0, failures).map((d) => d.id)).size).toBe(1);
    const ok = all.slice(failures);
    expect(ok.map((d) => d.body.message.body)).toEqual(["m0", "m1", "m2", "m3", "m4"]);
    expect(new Set(ok.map((d) => d.id)).size).toBe(5);
    expect(ok[0]!.id).toBe(all[0]!.id);
    const log = await eventually(async () => {
      const rows = await logOf(ep.id);
      expect(rows.filter((d) => d.status === "delivered")).toHaveLength(5);
      return rows;
    });
    const first = log.find((d) => d.id === all[0]!.id);
    expect(first).toMatchObject({ status: "delivered", attempts: failures + 1, lastStatusCode: 200, responseExcerpt: "ok" });
  });

  it("disables an endpoint that fails for 24 hours, tells admins, keeps its deliveries, and sends them once enabled again", async () => {
    let healthy = false;
    const r = receiver([], () => new Response(healthy ? "ok" : "nope", { status: healthy ? 200 : 503 }));
    const ep = await createEndpoint(boss, r.url, ["message.created"]);
    const c = await customerWrites(inbox.publicKey, "are you there?");
    await eventually(async () => expect(r.received().length).toBeGreaterThan(0));
    await advance(ep.id, 12 * HOUR);
    let endpoint = (await call(`/api/v1/webhooks/${ep.id}`, { client: boss })).body;
    expect(endpoint.status).toBe("active"); // 12 hours is not enough
    await advance(ep.id, 12 * HOUR + 60_000);
    endpoint = (await call(`/api/v1/webhooks/${ep.id}`, { client: boss })).body;
    expect(endpoint).toMatchObject({ status: "disabled", enabled: false, disabledReason: "failing" });
    expect(endpoint.disabledSince).toBeGreaterThan(Date.now() - 60_000);
    const list = (await call("/api/v1/webhooks", { client: boss })).body.endpoints;
    expect(list.find((e: any) => e.id === ep.id)).toMatchObject({ status: "disabled", disabledReason: "failing" });

    // Disabled: nothing new is queued or sent.
    const calls = r.received().length;
    await call("/api/v1/widget/messages", { method: "POST", json: { body: "hello?", clientId: crypto.randomUUID() }, headers: bearer(c.token) });
    await advance(ep.id, HOUR);
    expect(r.received().length).toBe(calls);

    healthy = true;
    expect((await call(`/api/v1/webhooks/${ep.id}/enable`, { method: "POST", client: boss })).body.status).toBe("active");
    await eventually(async () => expect(r.received().at(-1)!.body.message.body).toBe("are you there?"));
  });

  it("refuses at send time a URL that has become private, without calling it", async () => {
    const r = receiver();
    const ep = await createEndpoint(boss, r.url, ["message.created"]);
    const inside = fakeProvider("https://10.0.0.7").on("POST", /.*/, [], new Response("ok"));
    await env.DB.prepare("UPDATE webhook_endpoints SET url = ? WHERE id = ?").bind("https://10.0.0.7/hook", ep.id).run();
    await customerWrites(inbox.publicKey, "secret stuff");
    const log = await eventually(async () => {
      const rows = await logOf(ep.id);
      expect(rows.length).toBe(1);
      return rows;
    });
    expect(log[0]).toMatchObject({ status: "pending", lastStatusCode: null, attempts: 1 });
    expect(log[0].responseExcerpt).toMatch(/^Not sent: private/);
    expect(inside.calls).toHaveLength(0);
    expect(r.received()).toHaveLength(0);
  });

  it("an endpoint receives what happens from its creation on, not what was still on its way through the pipeline", async () => {
    const v = await visitor(inbox.publicKey);
    const held = await holdProjector(v.conversationId);
    const write = (body: string) => call("/api/v1/widget/messages", { method: "POST", json: { body, clientId: crypto.randomUUID() }, headers: bearer(v.token) });
    expect((await write("before the endpoint")).status).toBe(201);
    await new Promise((r) => setTimeout(r, 5)); // the endpoint's clock reading is later
    const r = receiver();
    const ep = await createEndpoint(boss, r.url, ["conversation.created", "message.created", "contact.created"]);
    await held.release();
    await projected(v.conversationId, 1);
    expect((await write("after the endpoint")).status).toBe(201);
    await eventually(async () => expect(r.received().map((d) => d.body.message?.body ?? d.event)).toEqual(["after the endpoint"]));
    expect((await logOf(ep.id)).map((d) => d.event)).toEqual(["message.created"]);
  });

  it("loses nothing when its outbox is reset mid-delivery, nor when it is evicted with deliveries waiting", async () => {
    const held = heldAnswer();
    const r = receiver([held.answer]);
    const ep = await createEndpoint(boss, r.url, ["message.created"]);
    const c = await customerWrites(inbox.publicKey, "one");
    await agentSays(c.conversationId, "two");
    await eventually(async () => expect(r.received().length).toBe(1));
    // The object dies while the receiver has the request (what a crash or an eviction
    // that cannot wait does): its in-memory pass is gone, only storage is left.
    await runInDurableObject(outbox(ep.id), (_instance, state) => state.abort("test: reset mid-delivery")).catch(() => {});
    await held.release(new Response("too late"));
    await eventually(async () => {
      await advance(ep.id, 60_000);
      expect(r.received().map((d) => d.body.message.body).slice(-2)).toEqual(["one", "two"]);
    }, 15_000);
    const got = r.received();
    expect(got[0]!.id).toBe(got[1]!.id); // the cut-off attempt made again, same delivery id
    await eventually(async () => expect((await logOf(ep.id)).map((d) => d.status)).toEqual(["delivered", "delivered"]));

    // Evicted with a delivery stored but not yet sent: it goes out after.
    await call(`/api/v1/webhooks/${ep.id}`, { method: "PATCH", json: { enabled: false }, client: boss });
    await outbox(ep.id).enqueue(ep.id, [{ dedupKey: "evict:1", lane: "conversation:evict", ord: 2, event: "message.created", conversationId: "evict", seq: 1, payload: { event: "message.created", createdAt: 1 } }]);
    await evictDurableObject(outbox(ep.id));
    await call(`/api/v1/webhooks/${ep.id}/enable`, { method: "POST", client: boss });
    await eventually(async () => expect(r.received().filter((d) => d.body.createdAt === 1)).toHaveLength(1));
    await eventually(async () => expect(await outbox(ep.id).pending()).toBe(0));
  });

  it("sends a delivery again on request, with the same delivery id", async () => {
    const r = receiver();
    const ep = await createEndpoint(boss, r.url, ["message.created"]);
    await customerWrites(inbox.publicKey, "again please");
    const log = await eventually(async () => {
      const rows = await logOf(ep.id);
      expect(rows[0]?.status).toBe("delivered");
      return rows;
    });
    const res = await call(`/api/v1/webhooks/deliveries/${log[0].id}/resend`, { method: "POST", client: boss });
    expect(res.status).toBe(202);
    await eventually(async () => expect(r.received().map((d) => d.id)).toEqual([log[0].id, log[0].id]));
    expect((await call(`/api/v1/webhooks/deliveries/whd_nope/resend`, { method: "POST", client: boss })).body.error.code).toBe("webhook_delivery_not_found");
  });

  it("does not follow redirects: a 3xx is a failed attempt, and the target is never called", async () => {
    const target = fakeProvider("https://elsewhere.hooks.test").on("POST", /.*/, [], new Response("ok"));
    const r = receiver([new Response(null, { status: 307, headers: { location: "https://elsewhere.hooks.test/x" } })]);
    const ep = await createEndpoint(boss, r.url, ["message.created"]);
    await customerWrites(inbox.publicKey, "redirect me");
    const first = await eventually(async () => {
      const rows = await logOf(ep.id);
      expect(rows[0]?.attempts).toBeGreaterThanOrEqual(1);
      return rows[0];
    });
    expect(first.lastStatusCode).toBe(307);
    expect(first.responseExcerpt).toContain("Redirect not followed");
    await eventually(async () => {
      await advance(ep.id, HOUR);
      expect((await logOf(ep.id))[0].status).toBe("delivered");
    });
    expect(target.calls).toHaveLength(0);
  });

  it("sends notes only to endpoints that opt in, and outgoing replies to both", async () => {
    const withNotes = receiver();
    const without = receiver();
    await createEndpoint(boss, withNotes.url, ["message.created"], true);
    await createEndpoint(boss, without.url, ["message.created"]);
    const c = await customerWrites(inbox.publicKey, "hi");
    await agentSays(c.conversationId, "internal only", "note");
    await agentSays(c.conversationId, "hello!");
    const dirs = (x: ReturnType<typeof receiver>) => x.received().filter((d) => d.body.conversation.id === c.conversationId).map((d) => d.body.direction);
    await eventually(async () => expect(dirs(withNotes)).toEqual(["incoming", "note", "outgoing"]));
    await eventually(async () => expect(dirs(without)).toEqual(["incoming", "outgoing"]));
  });

  it("keeps delivering to a healthy endpoint while another never answers", async () => {
    const stuck = heldAnswer();
    const dead = receiver([], stuck.answer);
    const alive = receiver();
    await createEndpoint(boss, dead.url, ["message.created"]);
    await createEndpoint(boss, alive.url, ["message.created"]);
    const c = await customerWrites(inbox.publicKey, "a");
    for (const b of ["b", "c"]) await agentSays(c.conversationId, b);
    await eventually(async () => expect(alive.received().map((d) => d.body.message.body)).toEqual(["a", "b", "c"]));
    expect(dead.received()).toHaveLength(1);
    await stuck.release(new Response("late", { status: 500 }));
  });

  it("queues nothing twice when the pipeline hands the same batch over again", async () => {
    const r = receiver();
    const ep = await createEndpoint(boss, r.url, ["message.created"]);
    const items = [{ dedupKey: "conv-x:1:message.created", lane: "conversation:conv-x", ord: 3, event: "message.created" as const, conversationId: "conv-x", seq: 1, payload: { event: "message.created", createdAt: 1 } }];
    expect(await outbox(ep.id).enqueue(ep.id, items)).toBe(1);
    expect(await outbox(ep.id).enqueue(ep.id, items)).toBe(0);
    await eventually(async () => expect(r.received()).toHaveLength(1));
  });

  it("sends contact.created once, when a new contact's first conversation starts", async () => {
    const r = receiver();
    await createEndpoint(boss, r.url, ["contact.created"]);
    const c = await customerWrites(inbox.publicKey, "I am new");
    await call("/api/v1/widget/messages", { method: "POST", json: { body: "still me", clientId: crypto.randomUUID() }, headers: bearer(c.token) });
    await eventually(async () => expect(r.received().map((d) => [d.event, d.body.contact.id])).toEqual([["contact.created", c.contactId]]));
    expect(WebhookPayload.safeParse(r.received()[0]!.body).success).toBe(true);
  });

  it("sends contact.updated when the visitor gives their details in the widget", async () => {
    const r = receiver();
    await createEndpoint(boss, r.url, ["contact.updated"]);
    const c = await customerWrites(inbox.publicKey, "hi");
    expect((await call("/api/v1/widget/contact", { method: "PATCH", json: { email: "ana@example.com" }, headers: bearer(c.token) })).status).toBe(200);
    await eventually(async () => expect(r.received().map((d) => [d.event, d.body.contact.email])).toEqual([["contact.updated", "ana@example.com"]]));
  });

  it("sends contact.updated after an agent edits a contact", async () => {
    const r = receiver();
    await createEndpoint(boss, r.url, ["contact.updated"]);
    const c = await customerWrites(inbox.publicKey, "hi");
    expect((await call(`/api/v1/contacts/${c.contactId}`, { method: "PATCH", json: { name: "Ana Souza" }, client: boss })).status).toBe(200);
    await eventually(async () => expect(r.received().map((d) => [d.event, d.body.contact.id, d.body.contact.name])).toEqual([["contact.updated", c.contactId, "Ana Souza"]]));
  });
});
