/**
 * The outbound webhook admin API beyond the route table's role checks: the secret shown
 * once and stored sealed, rolling it, disabling and enabling, deleting, and the delivery
 * log's pages.
 */
import { env } from "cloudflare:workers";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { eventually, expectApiError } from "../assertions";
import { agentWithRole, customerWrites, owner, webchatInbox } from "../fixtures";
import { call, type Client } from "../http-client";
import { verifySignature } from "../../../worker/webhooks/signature";
import { createEndpoint, deleteAllEndpoints, outbox, receiver } from "./webhook-kit";

let boss: Client;
let inbox: { id: string; publicKey: string };

beforeAll(async () => {
  boss = await owner();
  inbox = await webchatInbox(boss);
});
afterEach(async () => deleteAllEndpoints(boss));

describe("webhook endpoints API", () => {
  it("shows the secret once, on create; stores it sealed; never returns it again", async () => {
    const res = await call("/api/v1/webhooks", { method: "POST", json: { url: "https://hooks.example.com/a", events: ["csat.received"] }, client: boss });
    expect(res.status).toBe(201);
    expect(res.body.secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    expect(res.body.endpoint).toMatchObject({ url: "https://hooks.example.com/a", events: ["csat.received"], includeNotes: false, enabled: true, status: "active", disabledReason: null });
    const row = await env.DB.prepare("SELECT secret_sealed FROM webhook_endpoints WHERE id = ?").bind(res.body.endpoint.id).first<{ secret_sealed: string }>();
    expect(row!.secret_sealed.startsWith("v1.")).toBe(true);
    expect(row!.secret_sealed).not.toContain(res.body.secret.slice(6));
    const read = [await call(`/api/v1/webhooks/${res.body.endpoint.id}`, { client: boss }), await call("/api/v1/webhooks", { client: boss })];
    for (const r of read) expect(JSON.stringify(r.body)).not.toContain(res.body.secret);
  });

  it("refuses private and loopback URLs at create (http://localhost only in development, which tests are)", async () => {
    for (const url of ["https://10.0.0.1/x", "https://[fd12::1]:8443/x", "https://169.254.169.254/", "https://db.internal/x"]) {
      const res = await call("/api/v1/webhooks", { method: "POST", json: { url, events: ["message.created"] }, client: boss });
      expectApiError(res, 400, "validation_failed");
      expect(res.body.error.issues[0].path).toEqual(["url"]);
    }
    const dev = await call("/api/v1/webhooks", { method: "POST", json: { url: "http://localhost:8787/hook", events: ["csat.received"] }, client: boss });
    expect(dev.status).toBe(201);
  });

  it("refuses agents with 403 and visitors with 401", async () => {
    const agent = await agentWithRole("agent");
    expectApiError(await call("/api/v1/webhooks", { client: agent }), 403, "forbidden");
    expectApiError(await call("/api/v1/webhooks", { method: "POST", json: { url: "https://hooks.example.com/a", events: ["csat.received"] }, client: agent }), 403, "forbidden");
    expectApiError(await call("/api/v1/webhooks"), 401, "unauthenticated");
    const admin = await agentWithRole("admin");
    expect((await call("/api/v1/webhooks", { client: admin })).status).toBe(200);
  });

  it("rolls the secret: deliveries are signed with the new one from then on", async () => {
    const r = receiver();
    const ep = await createEndpoint(boss, r.url, ["message.created"]);
    const rolled = await call(`/api/v1/webhooks/${ep.id}/roll-secret`, { method: "POST", client: boss });
    expect(rolled.status).toBe(200);
    expect(rolled.body.secret).not.toBe(ep.secret);
    await customerWrites(inbox.publicKey, "after the roll");
    const [d] = await eventually(async () => {
      const got = r.received();
      expect(got).toHaveLength(1);
      return got;
    });
    expect(await verifySignature(rolled.body.secret, d!.raw, d!.signature, Date.now())).toBe(true);
    expect(await verifySignature(ep.secret, d!.raw, d!.signature, Date.now())).toBe(false);
  });

  it("an admin's disable stops deliveries (reason admin); enable resumes; delete forgets the queue", async () => {
    const r = receiver();
    const ep = await createEndpoint(boss, r.url, ["message.created"]);
    const off = await call(`/api/v1/webhooks/${ep.id}`, { method: "PATCH", json: { enabled: false }, client: boss });
    expect(off.body).toMatchObject({ enabled: false, status: "disabled", disabledReason: "admin" });
    await customerWrites(inbox.publicKey, "while off");
    expect(r.received()).toHaveLength(0);
    const on = await call(`/api/v1/webhooks/${ep.id}`, { method: "PATCH", json: { enabled: true }, client: boss });
    expect(on.body).toMatchObject({ enabled: true, status: "active", disabledReason: null, disabledSince: null });
    await customerWrites(inbox.publicKey, "while on");
    await eventually(async () => expect(r.received().map((d) => d.body.message.body)).toEqual(["while on"]));
    expect((await call(`/api/v1/webhooks/${ep.id}`, { method: "DELETE", client: boss })).status).toBe(200);
    expectApiError(await call(`/api/v1/webhooks/${ep.id}`, { client: boss }), 404, "webhook_not_found");
    expect(await outbox(ep.id).pending()).toBe(0);
  });

  it("pages the delivery log newest first", async () => {
    const r = receiver();
    const ep = await createEndpoint(boss, r.url, ["message.created"]);
    for (let i = 0; i < 3; i++) await customerWrites(inbox.publicKey, `m${i}`);
    await eventually(async () => expect((await call(`/api/v1/webhooks/${ep.id}/deliveries`, { client: boss })).body.deliveries.filter((d: any) => d.status === "delivered")).toHaveLength(3));
    const first = await call(`/api/v1/webhooks/${ep.id}/deliveries?limit=2`, { client: boss });
    expect(first.body.deliveries).toHaveLength(2);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const second = await call(`/api/v1/webhooks/${ep.id}/deliveries?limit=2&cursor=${first.body.nextCursor}`, { client: boss });
    expect(second.body.deliveries).toHaveLength(1);
    expect(second.body.nextCursor).toBeNull();
    const all = [...first.body.deliveries, ...second.body.deliveries];
    expect(new Set(all.map((d: any) => d.id)).size).toBe(3);
    expect(all.map((d: any) => d.createdAt)).toEqual([...all.map((d: any) => d.createdAt)].sort((a, b) => b - a));
    expect(all[0]).toMatchObject({ endpointId: ep.id, event: "message.created", status: "delivered", attempts: 1, lastStatusCode: 200, responseExcerpt: "ok" });
  });
});
