/**
 * The reports against a history whose every figure was worked out by hand
 * (./report-history.ts): the overview equals it exactly, in calendar time and in business
 * hours; a replayed batch adds nothing; a rebuild from the stored history equals the
 * incremental rollups row for row; agents see their own figures only.
 */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { call } from "../http-client";
import { expectApiError } from "../assertions";
import { buildHistory, deliver, EXPECTED, MIN, PERIOD, type History } from "./report-history";
import { database } from "../../../worker/db/client";
import { rebuildReports } from "../../../worker/reports/fold-rooms";
import type { ReportFigures, ReportMetric } from "../../../worker/protocol";

let h: History;

const query = (extra = "") => `from=${PERIOD.from}&to=${PERIOD.to}${extra}`;

async function overview(client = h.boss, extra = ""): Promise<{ current: ReportFigures; previous: ReportFigures; statusNow: Record<string, number> }> {
  const res = await call(`/api/v1/reports/overview?${query(extra)}`, { client });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
}

/** Both rollup tables, sorted: what a rebuild must reproduce. */
async function rollupRows() {
  const rollups = await env.DB.prepare("SELECT * FROM report_rollups WHERE n <> 0 ORDER BY hour, inbox_id, team_id, agent_id, channel, metric").all();
  const histograms = await env.DB.prepare("SELECT * FROM report_histograms WHERE n <> 0 ORDER BY hour, inbox_id, team_id, agent_id, channel, metric, clock, bucket").all();
  return { rollups: rollups.results, histograms: histograms.results };
}

beforeAll(async () => {
  h = await buildHistory();
  for (const batch of h.batches) await deliver(batch);
});

describe("the overview of the scripted history", () => {
  it("counts every metric exactly as worked out by hand, in calendar time", async () => {
    const { current } = await overview();
    for (const [metric, want] of Object.entries(EXPECTED)) {
      const got = current.metrics[metric as ReportMetric];
      expect(got.count, metric).toBe(want.count);
      if ("sum" in want) expect(got.sum, metric).toBe(metric === "csat" ? want.sum : want.sum * MIN);
    }
    expect(current.metrics.first_response.average).toBe(39 * MIN);
    expect(current.metrics.csat.average).toBe(4);
    expect(current.csatScore).toBe(0.5);
    expect(current.csatResponseRate).toBe(1);
  });

  it("measures the business-hours variant inside the team's hours (09:00–18:00 São Paulo for Suporte)", async () => {
    const { current } = await overview(h.boss, "&clock=business");
    for (const [metric, want] of Object.entries(EXPECTED)) {
      if ("business" in want) expect(current.metrics[metric as ReportMetric].sum, metric).toBe(want.business * MIN);
    }
    // First response: the handoff at 08:10, before opening, counts from 09:00.
    expect(current.metrics.first_response.average).toBe(14 * MIN);
  });

  it("takes percentiles from the histogram: the median first response is the upper edge of 8 min's bucket", async () => {
    const { current } = await overview();
    // 8 min falls in [5 min, 10 min), 70 min in [1 h, 2 h): the first of two ranks is 8 min's.
    expect(current.metrics.first_response.p50).toBe(10 * MIN);
    expect(current.metrics.first_response.p90).toBe(120 * MIN);
  });

  it("compares with the period before, which is empty, and counts conversations by status now", async () => {
    const { previous, statusNow } = await overview();
    expect(previous.metrics.conversations_created.count).toBe(0);
    expect(previous.csatScore).toBeNull();
    expect(statusNow.resolved).toBeGreaterThanOrEqual(2);
  });
});

describe("breakdowns and series of the scripted history", () => {
  it("gives each agent what they did: ana's first responses and queue pickups, bruno's replies and resolutions", async () => {
    const res = await call(`/api/v1/reports/breakdown?${query("&groupBy=agent")}`, { client: h.boss });
    expect(res.status).toBe(200);
    const by = Object.fromEntries(res.body.groups.map((g: { key: string; figures: ReportFigures }) => [g.key, g.figures.metrics]));
    expect(by[h.ana.id].first_response).toMatchObject({ count: 2, sum: 78 * MIN });
    expect(by[h.ana.id].queue_wait).toMatchObject({ count: 2, sum: 65 * MIN });
    expect(by[h.ana.id].handle).toMatchObject({ count: 2, sum: 45 * MIN });
    expect(by[h.ana.id].messages_in.count).toBe(2);
    expect(by[h.bruno.id].reply).toMatchObject({ count: 2, sum: 52 * MIN });
    expect(by[h.bruno.id].conversations_resolved).toMatchObject({ count: 2, sum: 160 * MIN });
    expect(by[h.bruno.id].csat_asked.count).toBe(2);
    expect(by[h.bruno.id].conversations_reopened.count).toBe(1);
    expect(by[""].conversations_created.count).toBe(2);
    expect(by[""].messages_in.count).toBe(3);
  });

  it("splits by team at the time of each fact: the transfer moves the reply and resolution to Vendas", async () => {
    const res = await call(`/api/v1/reports/breakdown?${query("&groupBy=team")}`, { client: h.boss });
    const by = Object.fromEntries(res.body.groups.map((g: { key: string; figures: ReportFigures }) => [g.key, g.figures.metrics]));
    expect(by[h.suporte].first_response.count).toBe(2);
    expect(by[h.vendas].reply.count).toBe(2);
    expect(by[h.vendas].conversations_resolved.count).toBe(2);
    expect(by[h.suporte].conversations_resolved.count).toBe(1);
  });

  it("cuts days in the account's zone: Monday has both conversations and two resolutions, Tuesday the third", async () => {
    const res = await call(`/api/v1/reports/series?${query("&interval=day&metrics=conversations_created,conversations_resolved")}`, { client: h.boss });
    expect(res.status).toBe(200);
    expect(res.body.timeZone).toBe("America/Sao_Paulo");
    const days = Object.fromEntries(res.body.points.map((p: { key: string; values: Record<string, { count: number }> }) => [p.key, p.values]));
    expect(days["2026-11-02"].conversations_created.count).toBe(2);
    expect(days["2026-11-02"].conversations_resolved.count).toBe(2);
    expect(days["2026-11-03"].conversations_resolved.count).toBe(1);
  });

  it("groups the first responses' distribution by agent: both of ana's, in their buckets", async () => {
    const res = await call(`/api/v1/reports/distribution?${query("&metric=first_response&groupBy=agent")}`, { client: h.boss });
    expect(res.status).toBe(200);
    const ana = res.body.groups.find((g: { key: string }) => g.key === h.ana.id);
    expect(ana.counts.reduce((a: number, b: number) => a + b, 0)).toBe(2);
    expect(ana.counts[5]).toBe(1);
    expect(ana.counts[9]).toBe(1);
  });
});

describe("replays and rebuilds", () => {
  it("does not count a replayed batch again", async () => {
    const before = await rollupRows();
    for (const batch of h.batches) await deliver(batch);
    await deliver(h.batches[1]!);
    expect(await rollupRows()).toEqual(before);
    expect((await overview()).current.metrics.messages_in.count).toBe(6);
  });

  it("rebuilds from the stored history exactly the rollups the pipeline built batch by batch", async () => {
    const incremental = await rollupRows();
    expect(incremental.rollups.length).toBeGreaterThan(10);
    const db = database(env.DB);
    // In small steps, as the admin route runs it, so resuming is exercised too.
    let step = await rebuildReports(db, { maxConversations: 1 });
    while (step.next !== null) step = await rebuildReports(db, { after: step.next, maxConversations: 1 });
    expect(await rollupRows()).toEqual(incremental);
  });

  it("rebuilds through the admin route, and refuses agents", async () => {
    const before = await rollupRows();
    let res = await call("/api/v1/reports/rebuild", { method: "POST", json: {}, client: h.boss });
    expect(res.status).toBe(200);
    while (res.body.next !== null) res = await call("/api/v1/reports/rebuild", { method: "POST", json: { after: res.body.next }, client: h.boss });
    expect(await rollupRows()).toEqual(before);
    expectApiError(await call("/api/v1/reports/rebuild", { method: "POST", json: {}, client: h.ana }), 403, "forbidden");
  });
});

describe("what agents see", () => {
  it("shows an agent their own figures only, whatever they filter by", async () => {
    const mine = (await overview(h.ana)).current.metrics;
    expect(mine.messages_out.count).toBe(2);
    expect(mine.first_response.count).toBe(2);
    expect(mine.reply.count).toBe(0);
    expect(mine.csat.count).toBe(1);
    const byAgent = await call(`/api/v1/reports/breakdown?${query("&groupBy=agent")}`, { client: h.ana });
    expect(byAgent.body.groups.map((g: { key: string }) => g.key)).toEqual([h.ana.id]);
  });

  it("refuses an agent who asks for another agent's figures", async () => {
    expectApiError(await call(`/api/v1/reports/overview?${query(`&agentId=${h.bruno.id}`)}`, { client: h.ana }), 403, "forbidden");
    expect((await call(`/api/v1/reports/overview?${query(`&agentId=${h.ana.id}`)}`, { client: h.ana })).status).toBe(200);
  });

  it("lets an admin read any agent's figures", async () => {
    const bruno = (await overview(h.boss, `&agentId=${h.bruno.id}`)).current.metrics;
    expect(bruno.reply.count).toBe(2);
    expect(bruno.first_response.count).toBe(0);
  });
});
