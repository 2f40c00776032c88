/**
 * Reports through the real pipeline and the rest of their API: a customer's message and
 * an agent's answer reach the rollups through the Projector's listener; the CSV export
 * streams the breakdown with quoted, formula-safe names; custom reports are the owner's
 * to change and visible to other admins when shared; the time zone is the admins' to set;
 * the live dashboard counts what is open.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { call } from "../http-client";
import { eventually, expectApiError } from "../assertions";
import { agentWithRole, customerWrites, owner, webchatInbox } from "../fixtures";
import type { Client } from "../http-client";

let boss: Client;
let conversationId: string;
const HOUR = 3_600_000;
const period = () => {
  const to = Math.ceil(Date.now() / HOUR) * HOUR + HOUR;
  return `from=${to - 48 * HOUR}&to=${to}`;
};

beforeAll(async () => {
  boss = await owner();
  const inbox = await webchatInbox(boss, "Reports API");
  const c = await customerWrites(inbox.publicKey, "Meu pedido não chegou");
  conversationId = c.conversationId;
  const reply = await call(`/api/v1/conversations/${conversationId}/messages`, { method: "POST", json: { body: "Vou verificar." }, client: boss });
  expect(reply.status).toBe(201);
});

describe("the pipeline's report listener", () => {
  it("folds a customer's message and the owner's answer into the rollups", async () => {
    await eventually(async () => {
      const res = await call(`/api/v1/reports/overview?${period()}`, { client: boss });
      expect(res.status).toBe(200);
      expect(res.body.current.metrics.messages_in.count).toBe(1);
      expect(res.body.current.metrics.messages_out.count).toBe(1);
      expect(res.body.current.metrics.first_response.count).toBe(1);
      expect(res.body.current.metrics.conversations_created.count).toBe(1);
    });
  });
});

describe("the CSV export", () => {
  it("streams the breakdown by agent with a header line and one line per group", async () => {
    const res = await call(`/api/v1/reports/export?${period()}&report=breakdown&groupBy=agent`, { client: boss });
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toMatch(/^text\/csv/);
    expect(res.headers.get("Content-Disposition")).toMatch(/^attachment; filename="report-breakdown-\d{4}-\d{2}-\d{2}\.csv"$/);
    const lines = String(res.body).trim().split("\r\n");
    expect(lines[0]).toMatch(/^agent,name,conversations_created_count,conversations_created_sum,/);
    expect(lines.some((l) => l.includes("Olivia Owner"))).toBe(true);
  });

  it("streams a series with one line per hour of the period", async () => {
    const res = await call(`/api/v1/reports/export?${period()}&report=series&interval=hour&metrics=messages_in`, { client: boss });
    const lines = String(res.body).trim().split("\r\n");
    expect(lines[0]).toBe("bucket,start_utc,messages_in_count,messages_in_average");
    expect(lines).toHaveLength(1 + 48);
    expect(lines.slice(1).reduce((n, l) => n + Number(l.split(",")[2]), 0)).toBe(1);
  });
});

describe("custom reports", () => {
  const body = (name: string, shared: boolean) => ({ name, shared, definition: { metrics: ["first_response", "reply"], view: "breakdown", groupBy: "team", period: { preset: "last_30_days" } } });

  it("are visible to other admins when shared, and changed or deleted only by their owner", async () => {
    const other = await agentWithRole("admin");
    const shared = await call("/api/v1/reports/saved", { method: "POST", json: body("=Semana da equipe", true), client: boss });
    const secret = await call("/api/v1/reports/saved", { method: "POST", json: body("Só meu", false), client: boss });
    expect(shared.status).toBe(201);
    expect(shared.body.definition).toMatchObject({ interval: "day", clock: "calendar", filters: {} });
    const seen = (await call("/api/v1/reports/saved", { client: other })).body.reports.map((r: { name: string }) => r.name);
    expect(seen).toContain("=Semana da equipe");
    expect(seen).not.toContain("Só meu");
    expectApiError(await call(`/api/v1/reports/saved/${shared.body.id}`, { method: "PUT", json: body("Tomado", true), client: other }), 404, "report_not_found");
    expectApiError(await call(`/api/v1/reports/saved/${shared.body.id}`, { method: "DELETE", client: other }), 404, "report_not_found");
    const renamed = await call(`/api/v1/reports/saved/${secret.body.id}`, { method: "PUT", json: body("Agora de todos", true), client: boss });
    expect(renamed.body).toMatchObject({ name: "Agora de todos", shared: true });
    expect((await call("/api/v1/reports/saved", { client: other })).body.reports.map((r: { name: string }) => r.name)).toContain("Agora de todos");
    expect((await call(`/api/v1/reports/saved/${secret.body.id}`, { method: "DELETE", client: boss })).status).toBe(200);
  });

  it("are refused to agents", async () => {
    const agent = await agentWithRole("agent");
    expectApiError(await call("/api/v1/reports/saved", { client: agent }), 403, "forbidden");
  });
});

describe("the account's time zone and the live dashboard", () => {
  it("cuts the series' days in the zone an admin sets", async () => {
    expect((await call("/api/v1/reports/settings", { method: "PUT", json: { timeZone: "Asia/Tokyo" }, client: boss })).status).toBe(200);
    const res = await call(`/api/v1/reports/series?${period()}&interval=day`, { client: boss });
    expect(res.body.timeZone).toBe("Asia/Tokyo");
    expect((await call("/api/v1/reports/settings", { method: "PUT", json: { timeZone: "America/Sao_Paulo" }, client: boss })).status).toBe(200);
  });

  it("counts the open conversation and lists every team's queue", async () => {
    const res = await call("/api/v1/reports/live", { client: boss });
    expect(res.status).toBe(200);
    expect(res.body.open).toBeGreaterThanOrEqual(1);
    expect(res.body.queues.length).toBeGreaterThanOrEqual(1);
    expect(res.body.agents.map((a: { name: string }) => a.name)).toContain("Olivia Owner");
  });
});
