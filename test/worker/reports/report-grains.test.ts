/**
 * The reports' day and month grains (migrations/0032_report_grains.sql): four months of
 * facts written through the fold's own statements; the coarse tables equal the hourly
 * ones summed by local day and month (São Paulo's fixed UTC−3, computed by hand); every
 * report over long and ragged periods answers the same with the grains on as with hours
 * only; a zone change switches them off until the regrain; a fold cut with a stale zone
 * switches them off; a deleted conversation's facts leave the coarse tables too.
 */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { call } from "../http-client";
import { owner, webchatInbox } from "../fixtures";
import { database, type Db } from "../../../worker/db/client";
import { foldStatements } from "../../../worker/db/report-facts";
import { runPrepared } from "../../../worker/db/raw-batch";
import { grainsStale, readableGrains, regrain, REGRAIN_RUNNING_MS } from "../../../worker/db/report-grains";
import { regrainReportsIfStale } from "../../../worker/reports/regrain-job";
import { breakdown, distribution, hourRange, overview, series } from "../../../worker/reports/report-service";
import type { ReportFact } from "../../../worker/reports/facts";
import type { ReportMetric } from "../../../worker/protocol";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const START = Date.UTC(2026, 6, 20, 14, 37); // Mon 20 July 2026, 11:37 in São Paulo
const SPAN_DAYS = 120;
const METRICS: ReportMetric[] = ["conversations_created", "messages_in", "first_response", "reply", "csat"];
let db: Db;

/** Deterministic pseudo-random facts: 1,200 over 120 days, 3 agents, 2 teams, 2 channels. */
function facts(count: number, seed: number, prefix: string): ReportFact[] {
  let x = seed;
  const next = () => (x = (x * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  return Array.from({ length: count }, (_, i) => {
    const metric = METRICS[i % METRICS.length]!;
    const timed = metric === "first_response" || metric === "reply";
    const value = timed ? Math.floor(next() * 6 * HOUR) : metric === "csat" ? 1 + Math.floor(next() * 5) : null;
    return {
      conversationId: `${prefix}-${Math.floor(i / 5)}`,
      seq: i % 5,
      metric,
      at: START + Math.floor(next() * SPAN_DAYS * DAY),
      inboxId: "grain-inbox",
      channel: next() < 0.5 ? "webchat" : "whatsapp",
      teamId: next() < 0.2 ? null : `team-${Math.floor(next() * 2)}`,
      agentId: next() < 0.2 ? null : `agent-${Math.floor(next() * 3)}`,
      value,
      businessValue: timed ? Math.floor((value ?? 0) / 2) : null,
    };
  });
}

async function write(list: ReportFact[], zone = "America/Sao_Paulo") {
  for (let i = 0; i < list.length; i += 100) await runPrepared(db, foldStatements(db, list.slice(i, i + 100), new Map(), zone));
}

async function grainZone(): Promise<string | null> {
  return (await env.DB.prepare("SELECT grain_time_zone AS z FROM report_settings").first<{ z: string | null }>())!.z;
}

/** The hourly rows summed by `startOf` (hour → its day or month), against the coarse rows. */
async function coarseMatchesHours(grain: 1 | 2, startOf: (hour: number) => number) {
  const hourly = (await env.DB.prepare("SELECT * FROM report_rollups").all<Record<string, number | string>>()).results;
  const want = new Map<string, [number, number, number]>();
  for (const r of hourly) {
    const key = [startOf(r.hour as number), r.inbox_id, r.team_id, r.agent_id, r.channel, r.metric].join("|");
    const had = want.get(key) ?? [0, 0, 0];
    want.set(key, [had[0] + (r.n as number), had[1] + (r.total as number), had[2] + (r.business_total as number)]);
  }
  const coarse = (await env.DB.prepare("SELECT * FROM report_rollups_coarse WHERE grain = ? AND n <> 0").bind(grain).all<Record<string, number | string>>()).results;
  const got = new Map(coarse.map((r) => [[r.start, r.inbox_id, r.team_id, r.agent_id, r.channel, r.metric].join("|"), [r.n, r.total, r.business_total]]));
  expect(got).toEqual(new Map([...want].filter(([, v]) => v[0] !== 0)));
  const hist = await env.DB.prepare("SELECT (SELECT sum(n) FROM report_histograms) AS h, (SELECT sum(n) FROM report_histograms_coarse WHERE grain = ?) AS c").bind(grain).first<{ h: number; c: number }>();
  expect(hist!.c).toBe(hist!.h);
}

/** São Paulo: local midnight is 03:00 UTC all year; months begin on the 1st at 03:00 UTC. */
const spDay = (h: number) => Math.floor((h - 3 * HOUR) / DAY) * DAY + 3 * HOUR;
const spMonth = (h: number) => {
  const d = new Date(h - 3 * HOUR);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1, 3);
};

/** Every report over `range`, as the API would answer it. */
async function allReports(range: { from: number; to: number }) {
  const filters = {};
  return {
    overview: await overview(db, range, filters, "calendar"),
    business: await overview(db, range, { agentId: "agent-1" }, "business"),
    byAgent: await breakdown(db, range, filters, "calendar", "agent"),
    byTeam: await breakdown(db, range, { channel: "webchat" }, "business", "team"),
    days: await series(db, range, filters, "calendar", "day", METRICS),
    weeks: await series(db, range, filters, "calendar", "week", METRICS),
    months: await series(db, range, { teamId: "team-1" }, "calendar", "month", METRICS),
    spread: await distribution(db, range, filters, "calendar", "first_response", "agent"),
  };
}

async function hoursOnly<T>(read: () => Promise<T>): Promise<T> {
  const zone = await grainZone();
  await env.DB.prepare("UPDATE report_settings SET grain_time_zone = NULL").run();
  try {
    return await read();
  } finally {
    await env.DB.prepare("UPDATE report_settings SET grain_time_zone = ?").bind(zone).run();
  }
}

/** Periods as the API passes them: whole hours (report-service.ts hourRange). */
const RANGES = {
  "four months and a bit, ragged at both ends": hourRange(START - 5 * HOUR, START + SPAN_DAYS * DAY + 7 * HOUR),
  "whole months": { from: Date.UTC(2026, 7, 1, 3), to: Date.UTC(2026, 10, 1, 3) },
  "nine days across a month's end": { from: Date.UTC(2026, 8, 26, 13), to: Date.UTC(2026, 9, 5, 1) },
};

/** Real conversation rows for the facts' conversations (tags and types point at them),
 * some tagged and typed before their facts arrive, the rest later in the tests. */
async function conversationsToTag() {
  const boss = await owner();
  const inbox = await webchatInbox(boss, "Grains");
  const now = Date.now();
  const ids = Array.from({ length: 240 }, (_, i) => `grain-${i}`);
  await env.DB.batch([
    env.DB.prepare("INSERT INTO tags (id, name, name_key, created_at) VALUES ('tag-x', 'X', 'x', ?), ('tag-y', 'Y', 'y', ?)").bind(now, now),
    env.DB.prepare("INSERT INTO conversation_types (id, name, name_key, created_at) VALUES ('type-a', 'A', 'a', ?), ('type-b', 'B', 'b', ?)").bind(now, now),
    ...ids.map((id) => env.DB.prepare("INSERT INTO contacts (id, created_at) VALUES (?, ?)").bind(`c-${id}`, now)),
    ...ids.map((id) =>
      env.DB.prepare("INSERT INTO conversations (id, inbox_id, contact_id, status, priority, created_at, last_activity_at, last_seq) VALUES (?, ?, ?, 'open', 0, ?, ?, 1)").bind(id, inbox.id, `c-${id}`, now, now),
    ),
    ...ids.slice(0, 80).map((id) => env.DB.prepare("INSERT INTO conversation_tags (conversation_id, tag_id) VALUES (?, 'tag-x')").bind(id)),
    env.DB.prepare("UPDATE conversations SET type_id = 'type-a' WHERE id IN (SELECT value FROM json_each(?))").bind(JSON.stringify(ids.slice(0, 120))),
  ]);
}

beforeAll(async () => {
  db = database(env.DB);
  await conversationsToTag();
  await write(facts(1_200, 7, "grain"));
});

describe("the day and month grains", () => {
  it("are on for a fresh database, and equal the hourly rollups summed by São Paulo's days and months", async () => {
    expect(await grainZone()).toBe("America/Sao_Paulo");
    expect(await readableGrains(db)).not.toBeNull();
    await coarseMatchesHours(1, spDay);
    await coarseMatchesHours(2, spMonth);
  });

  for (const [name, range] of Object.entries(RANGES)) {
    it(`answer every report the same as the hours alone: ${name}`, async () => {
      const withGrains = await allReports(range);
      expect(withGrains.overview.current.metrics.conversations_created.count).toBeGreaterThan(0);
      expect(withGrains).toEqual(await hoursOnly(() => allReports(range)));
    });
  }

  it("break down by tag and by type exactly as the facts of the conversations carrying them now, as tags and types change", async () => {
    const range = RANGES["four months and a bit, ragged at both ends"];
    const check = async () => {
      for (const kind of ["tag", "type"] as const) {
        const source =
          kind === "tag"
            ? "conversation_tags o JOIN report_facts f ON f.conversation_id = o.conversation_id"
            : "(SELECT id AS conversation_id, type_id AS tag_id FROM conversations WHERE type_id IS NOT NULL) o JOIN report_facts f ON f.conversation_id = o.conversation_id";
        const want = (
          await env.DB.prepare(`SELECT o.tag_id AS key, f.metric AS metric, count(*) AS n, coalesce(sum(f.value), 0) AS total FROM ${source} WHERE f.hour >= ? AND f.hour < ? GROUP BY 1, 2`)
            .bind(range.from, range.to)
            .all<{ key: string; metric: ReportMetric; n: number; total: number }>()
        ).results;
        const got = await breakdown(db, range, {}, "calendar", kind);
        const byKey = new Map(got.groups.map((g) => [g.key, g.figures.metrics]));
        expect([...byKey.keys()].sort(), kind).toEqual([...new Set(want.map((w) => w.key))].sort());
        for (const w of want) expect({ count: byKey.get(w.key)![w.metric].count, sum: byKey.get(w.key)![w.metric].sum }, `${kind} ${w.key} ${w.metric}`).toEqual({ count: w.n, sum: w.total });
        expect(got).toEqual(await hoursOnly(() => breakdown(db, range, {}, "calendar", kind)));
        expect(await distribution(db, range, {}, "business", "reply", kind)).toEqual(await hoursOnly(() => distribution(db, range, {}, "business", "reply", kind)));
      }
    };
    await check();
    // Tags put on and taken off after the facts, a type changed, a conversation's facts gone.
    const ids = (from: number, to: number) => JSON.stringify(Array.from({ length: to - from }, (_, i) => `grain-${from + i}`));
    await env.DB.batch([
      env.DB.prepare("INSERT INTO conversation_tags (conversation_id, tag_id) SELECT value, 'tag-y' FROM json_each(?)").bind(ids(40, 160)),
      env.DB.prepare("DELETE FROM conversation_tags WHERE tag_id = 'tag-x' AND conversation_id IN (SELECT value FROM json_each(?))").bind(ids(0, 20)),
      env.DB.prepare("UPDATE conversations SET type_id = 'type-b' WHERE id IN (SELECT value FROM json_each(?))").bind(ids(100, 140)),
      env.DB.prepare("UPDATE conversations SET type_id = NULL WHERE id IN (SELECT value FROM json_each(?))").bind(ids(0, 10)),
      env.DB.prepare("DELETE FROM report_facts WHERE conversation_id IN ('grain-50', 'grain-110')"),
    ]);
    await check();
    // New facts for tagged conversations go to their tags at once.
    await write(facts(100, 3, "grain").map((f) => ({ ...f, seq: f.seq + 10 })));
    await check();
    expect(await regrain(db)).toBe(true);
    await check();
  });

  it("are what the reports read: a wrong month row shows until the regrain puts it right", async () => {
    const range = RANGES["whole months"];
    const right = await overview(db, range, {}, "calendar");
    await env.DB.prepare("UPDATE report_rollups_coarse SET n = n + 1 WHERE grain = 2 AND metric = 'messages_in'").run();
    expect((await overview(db, range, {}, "calendar")).current.metrics.messages_in.count).not.toBe(right.current.metrics.messages_in.count);
    expect(await regrain(db)).toBe(true);
    expect(await overview(db, range, {}, "calendar")).toEqual(right);
  });

  it("follow a deleted conversation's facts out (an erasure)", async () => {
    const before = await overview(db, RANGES["whole months"], {}, "calendar");
    await env.DB.prepare("DELETE FROM report_facts WHERE conversation_id IN ('grain-10', 'grain-11', 'grain-12')").run();
    await coarseMatchesHours(1, spDay);
    await coarseMatchesHours(2, spMonth);
    const after = await overview(db, RANGES["whole months"], {}, "calendar");
    expect(after).toEqual(await hoursOnly(() => overview(db, RANGES["whole months"], {}, "calendar")));
    expect(after).not.toEqual(before);
  });

  it("switch off when the zone changes, and on again cut in the new zone after the regrain", async () => {
    const boss = await owner();
    const res = await call("/api/v1/reports/settings", { method: "PUT", json: { timeZone: "America/New_York" }, client: boss });
    expect(res.status).toBe(200);
    // The route starts the regrain itself; read at once, the answer is right either way.
    const range = RANGES["four months and a bit, ragged at both ends"];
    const days = await series(db, range, {}, "calendar", "day", METRICS);
    expect(days.timeZone).toBe("America/New_York");
    expect(await regrain(db)).toBe(true);
    expect(await grainZone()).toBe("America/New_York");
    expect(await series(db, range, {}, "calendar", "day", METRICS)).toEqual(days);
    expect(await allReports(range)).toEqual(await hoursOnly(() => allReports(range)));
    // New York's days start at 04:00 UTC in summer (EDT) and 05:00 UTC in winter (EST).
    const starts = (await env.DB.prepare("SELECT DISTINCT start FROM report_rollups_coarse WHERE grain = 1").all<{ start: number }>()).results.map((r) => new Date(r.start).getUTCHours());
    expect(new Set(starts)).toEqual(new Set([4, 5]));
  });

  it("switch off when a fold cut its hours in a zone that is no longer the account's, until the regrain", async () => {
    expect(await grainZone()).toBe("America/New_York");
    const late = facts(50, 99, "stale").map((f) => ({ ...f, at: START + SPAN_DAYS * DAY + 3 * DAY + (f.at % DAY) }));
    await write(late, "America/Sao_Paulo");
    expect(await grainZone()).toBeNull();
    expect(await readableGrains(db)).toBeNull();
    const hours = late.map((f) => Math.floor(f.at / HOUR) * HOUR);
    const mapped = await env.DB.prepare("SELECT count(*) AS n FROM report_hour_grains WHERE hour IN (SELECT value FROM json_each(?))").bind(JSON.stringify(hours)).first<{ n: number }>();
    expect(mapped!.n).toBe(0);
    expect(await regrain(db)).toBe(true);
    const range = hourRange(START, START + SPAN_DAYS * DAY + 5 * DAY);
    expect(await allReports(range)).toEqual(await hoursOnly(() => allReports(range)));
  });
});

describe("the cron's regrain", () => {
  it("starts only when the grains are off and no regrain began in the last ten minutes", async () => {
    const now = Date.now();
    await env.DB.prepare("UPDATE report_settings SET grain_time_zone = time_zone, grain_started_at = NULL").run();
    expect(await grainsStale(db, now)).toBe(false);
    await env.DB.prepare("UPDATE report_settings SET grain_time_zone = NULL, grain_started_at = ?").bind(now - 60_000).run();
    expect(await grainsStale(db, now)).toBe(false); // one is running
    expect(await grainsStale(db, now + REGRAIN_RUNNING_MS)).toBe(true); // it died
    await regrainReportsIfStale(env);
    expect(await grainZone()).toBeNull(); // still "running": the cron left it alone
    await env.DB.prepare("UPDATE report_settings SET grain_started_at = ?").bind(now - REGRAIN_RUNNING_MS - 1).run();
    await regrainReportsIfStale(env);
    expect(await grainsStale(db, now)).toBe(false);
    expect(await env.DB.prepare("SELECT grain_time_zone AS z, grain_started_at AS s FROM report_settings").first()).toEqual({ z: "America/New_York", s: null });
    await env.DB.prepare("UPDATE report_settings SET grain_time_zone = NULL, grain_started_at = NULL").run();
    await regrainReportsIfStale(env);
    expect(await readableGrains(db)).not.toBeNull();
  });
});
