/**
 * The reports benchmark (`npm run bench -- --only reports`, issue 18): a year of history
 * seeded straight into local D1 with SQL (a recursive CTE per chunk, so 2,000,000 message
 * rows need no 400 MB file), rollups built by the real rebuild (scripts/reports-rebuild.ts,
 * the Worker's own `rebuildReports` over wrangler's local D1), then, against `wrangler
 * dev`: p50/p99 of the overview for the year, of a breakdown by agent for the year, and
 * an hourly CSV export of the year (8,784 lines) with its time and the workerd processes'
 * peak resident memory while it streams. The floor, measured in the same run, is
 * `GET /api/v1/me` (the same session check and one D1 read).
 *
 * Each seeded conversation is one web chat, WhatsApp or e-mail customer's, in one of four
 * teams, answered by one of 50 agents: customer message, assignment from the queue,
 * agent reply, three more exchanges, resolution by the agent — 10 rows, so
 * 200,000 conversations are 2,000,000 rows of `messages` (8 of them messages proper).
 * Each carries one of five tags, every third a second one, and three in four one of
 * three conversation types, so the breakdown by tag sums every conversation's facts.
 */
import { spawn } from "node:child_process";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { api, ownerSession } from "./api.ts";
import { REPO_ROOT, runWrangler } from "./server.ts";
import { fmt, summarize, type Summary } from "./stats.ts";

export interface ReportsBenchOptions {
  conversations: number;
  /** Requests per measured report. */
  runs: number;
  log: (line: string) => void;
}

export interface ReportsSeedResult {
  conversations: number;
  messageRows: number;
  seedMs: number;
  rebuildMs: number;
  rebuildOutput: string;
}

export interface ReportsBenchResult {
  seed: ReportsSeedResult;
  floor: Summary;
  overview: Summary;
  breakdown: Summary;
  /** Beyond the list, so "any report" is measured: by tag, a daily series, a distribution. */
  byTag: Summary;
  dailySeries: Summary;
  distribution: Summary;
  exportMs: number;
  exportBytes: number;
  exportLines: number;
  /** Peak resident memory of the workerd processes while the export streamed, above
   * what they held just before it (KiB), and that baseline. */
  exportPeakRssKiB: number;
  baselineRssKiB: number;
}

const DAY = 86_400_000;
const YEAR = 365 * DAY;
const CHUNK = 20_000;
const TEAMS = 4;
const AGENTS = 50;
const TAGS = 5;

/** The SQL of conversations [a, b): contacts, conversations, then their 10 rows each. */
function chunkSql(a: number, b: number, start: number, step: number): string {
  const n = `WITH RECURSIVE n(i) AS (SELECT ${a} UNION ALL SELECT i + 1 FROM n WHERE i < ${b - 1})`;
  const created = `(${start} + i * ${step})`;
  const cid = "printf('bv-%07d', i)";
  const inbox = "CASE i % 3 WHEN 0 THEN 'bi-web' WHEN 1 THEN 'bi-wa' ELSE 'bi-mail' END";
  // Row `seq` comes seq² × (1…5) minutes after the start: increasing, and varied per conversation.
  const at = `(${created} + seq * seq * 60000 * (1 + i % 5))`;
  const agent = `('seed-agent-' || (i % ${AGENTS}))`;
  const team = `('bt-' || (i % ${TEAMS}))`;
  const contactActor = "json_object('type', 'contact', 'id', printf('bc-%07d', i))";
  const agentActor = `json_object('type', 'agent', 'id', ${agent}, 'name', NULL)`;
  return [
    `${n} INSERT INTO contacts (id, name, email, phone, priority, attributes, created_at) SELECT printf('bc-%07d', i), 'Cliente ' || i, NULL, NULL, 0, '{}', ${created} FROM n;`,
    `${n} INSERT INTO conversations (id, inbox_id, contact_id, team_id, assignee_id, status, priority, created_at, first_response_at, resolved_at, last_activity_at, snoozed_until, last_seq, last_message_preview, type_id)
       SELECT ${cid}, ${inbox}, printf('bc-%07d', i), ${team}, NULL, 'resolved', 0, ${created}, NULL, ${created} + 3600000, ${created} + 3600000, NULL, 10, 'Obrigado!', CASE WHEN i % 4 = 3 THEN NULL ELSE 'btype-' || (i % 3) END FROM n;`,
    `${n}, s(seq) AS (VALUES (1), (2), (3), (4), (5), (6), (7), (8), (9), (10))
     INSERT INTO messages (conversation_id, seq, id, direction, sender_type, sender_id, kind, body, event, provider_message_id, client_id, delivery_status, created_at)
     SELECT ${cid}, seq, ${cid} || '-' || seq,
       CASE WHEN seq IN (1, 4, 6, 8) THEN 'in' WHEN seq IN (3, 5, 7, 9) THEN 'out' ELSE 'internal' END,
       CASE WHEN seq IN (1, 4, 6, 8) THEN 'contact' WHEN seq = 2 THEN 'system' ELSE 'agent' END,
       CASE WHEN seq IN (1, 4, 6, 8) THEN printf('bc-%07d', i) WHEN seq = 2 THEN NULL ELSE ${agent} END,
       CASE WHEN seq IN (2, 10) THEN 'event' ELSE 'text' END,
       CASE WHEN seq IN (1, 4, 6, 8) THEN 'Meu pedido ' || i || ' ainda não chegou' WHEN seq IN (3, 5, 7, 9) THEN 'Vou verificar o pedido ' || i ELSE NULL END,
       CASE
         WHEN seq IN (1, 4, 6, 8) THEN json_object('type', 'message', 'kind', 'text', 'actor', json(${contactActor}))
         WHEN seq IN (3, 5, 7, 9) THEN json_object('type', 'message', 'kind', 'text', 'actor', json(${agentActor}))
         WHEN seq = 2 THEN json_object('type', 'assignment', 'actor', json_object('type', 'system', 'id', NULL), 'assigneeId', ${agent}, 'assigneeName', NULL, 'teamId', ${team}, 'reason', 'auto')
         ELSE json_object('type', 'status', 'actor', json(${agentActor}), 'from', 'open', 'to', 'resolved', 'snoozedUntil', NULL)
       END,
       NULL, NULL, CASE WHEN seq IN (3, 5, 7, 9) THEN 'delivered' ELSE NULL END,
       ${at}
     FROM n, s;`,
    `${n} INSERT INTO conversation_tags (conversation_id, tag_id) SELECT ${cid}, 'btag-' || (i % ${TAGS}) FROM n;`,
    `${n} INSERT INTO conversation_tags (conversation_id, tag_id) SELECT ${cid}, 'btag-' || ((i + 1) % ${TAGS}) FROM n WHERE i % 3 = 0;`,
  ].join("\n");
}

function baseSql(now: number): string {
  const teams = Array.from({ length: TEAMS }, (_, t) => `('bt-${t}', 'Equipe ${t}', ${now - 2 * YEAR})`).join(", ");
  return [
    `INSERT INTO teams (id, name, created_at) VALUES ${teams};`,
    `INSERT INTO tags (id, name, name_key, created_at) VALUES ${Array.from({ length: TAGS }, (_, t) => `('btag-${t}', 'Etiqueta ${t}', 'etiqueta ${t}', ${now})`).join(", ")};`,
    `INSERT INTO conversation_types (id, name, name_key, created_at) VALUES ${Array.from({ length: 3 }, (_, t) => `('btype-${t}', 'Tipo ${t}', 'tipo ${t}', ${now})`).join(", ")};`,
    `INSERT INTO inboxes (id, kind, name, priority, settings, created_at) VALUES ('bi-web', 'webchat', 'Bench web chat', 50, '{}', ${now - 2 * YEAR}), ('bi-wa', 'whatsapp', 'Bench WhatsApp', 50, '{}', ${now - 2 * YEAR}), ('bi-mail', 'email', 'Bench e-mail', 50, '{}', ${now - 2 * YEAR});`,
  ].join("\n");
}

/** Seeds the history into the local D1 at `persistDir` and builds its rollups with the rebuild. */
export async function seedReports(appDir: string, persistDir: string, conversations: number, log: (line: string) => void): Promise<ReportsSeedResult> {
  const started = performance.now();
  const now = Date.now();
  // Inside the measured year (which ends at the next whole hour) from its first hour on.
  const start = now - YEAR + 2 * 3_600_000;
  const step = Math.floor((YEAR - 2 * DAY) / conversations);
  const file = join(persistDir, "..", "reports-seed.sql");
  await writeFile(file, baseSql(now));
  await runWrangler(appDir, ["d1", "execute", "DB", "--local", "--persist-to", persistDir, "--file", file, "--yes"], 120_000);
  for (let a = 0; a < conversations; a += CHUNK) {
    await writeFile(file, chunkSql(a, Math.min(conversations, a + CHUNK), start, step));
    await runWrangler(appDir, ["d1", "execute", "DB", "--local", "--persist-to", persistDir, "--file", file, "--yes"], 600_000);
    log(`seeded ${Math.min(conversations, a + CHUNK)} conversations (${((performance.now() - started) / 1000).toFixed(0)} s)`);
  }
  const seedMs = performance.now() - started;
  const rebuildStarted = performance.now();
  const rebuildOutput = await runNode(join(REPO_ROOT, "scripts/reports-rebuild.ts"), ["--persist-to", persistDir], log);
  return { conversations, messageRows: conversations * 10, seedMs, rebuildMs: performance.now() - rebuildStarted, rebuildOutput };
}

function runNode(script: string, args: string[], log: (line: string) => void): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(join(REPO_ROOT, "node_modules/.bin/node"), [script, ...args], { cwd: REPO_ROOT, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    child.stdout.on("data", (d: Buffer) => {
      out += d;
      for (const line of String(d).trim().split("\n")) log(line);
    });
    child.stderr.on("data", (d: Buffer) => (out += d));
    child.once("exit", (code) => (code === 0 ? resolve(out.trim().split("\n").at(-1) ?? "") : reject(new Error(`${script} exited ${code}:\n${out}`))));
  });
}

async function timed(runs: number, request: () => Promise<number>): Promise<Summary> {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    const status = await request();
    if (status !== 200) throw new Error(`answered ${status}`);
    samples.push(performance.now() - started);
  }
  return summarize(samples);
}

export async function runReportsBench(base: string, rssKiB: () => number, seed: ReportsSeedResult, o: ReportsBenchOptions): Promise<ReportsBenchResult> {
  const cookie = await ownerSession(base);
  const to = Math.ceil(Date.now() / 3_600_000) * 3_600_000;
  const period = `from=${to - YEAR}&to=${to}`;
  const get = (path: string) => async () => (await api(base, path, { cookie })).status;
  // Warm each once (first compile, first D1 page-in), then measure.
  for (const path of ["/api/v1/me", `/api/v1/reports/overview?${period}`, `/api/v1/reports/breakdown?${period}&groupBy=agent`, `/api/v1/reports/breakdown?${period}&groupBy=tag`]) await get(path)();
  o.log("measuring the floor (GET /api/v1/me)");
  const floor = await timed(o.runs, get("/api/v1/me"));
  o.log("measuring the overview for a year");
  const overview = await timed(o.runs, get(`/api/v1/reports/overview?${period}`));
  o.log("measuring a breakdown by agent for a year");
  const breakdown = await timed(o.runs, get(`/api/v1/reports/breakdown?${period}&groupBy=agent`));
  o.log("measuring a breakdown by tag, a daily series and a distribution by team, for a year");
  const byTag = await timed(o.runs, get(`/api/v1/reports/breakdown?${period}&groupBy=tag`));
  const dailySeries = await timed(o.runs, get(`/api/v1/reports/series?${period}&interval=day&metrics=conversations_created,conversations_resolved,first_response`));
  const distribution = await timed(o.runs, get(`/api/v1/reports/distribution?${period}&metric=first_response&groupBy=team`));
  const check = await api(base, `/api/v1/reports/overview?${period}`, { cookie });
  const created = check.body?.current?.metrics?.conversations_created?.count;
  if (created !== seed.conversations) throw new Error(`the overview counts ${created} conversations created, not the ${seed.conversations} seeded`);

  o.log("exporting a year of hourly figures as CSV");
  const baselineRssKiB = rssKiB();
  let peak = baselineRssKiB;
  const sampler = setInterval(() => (peak = Math.max(peak, rssKiB())), 25);
  const started = performance.now();
  const res = await fetch(`${base}/api/v1/reports/export?${period}&report=series&interval=hour&metrics=conversations_created,conversations_resolved,first_response,reply`, { headers: { Cookie: cookie } });
  const text = await res.text();
  const exportMs = performance.now() - started;
  clearInterval(sampler);
  if (res.status !== 200) throw new Error(`export answered ${res.status}`);
  return { seed, floor, overview, breakdown, byTag, dailySeries, distribution, exportMs, exportBytes: Buffer.byteLength(text), exportLines: text.trim().split("\r\n").length, exportPeakRssKiB: peak - baselineRssKiB, baselineRssKiB };
}

function row(name: string, s: Summary): string {
  return `  ${name.padEnd(34)} ${String(s.count).padStart(5)} ${fmt(s.p50, 1).padStart(8)} ${fmt(s.p99, 1).padStart(8)} ${fmt(s.max, 1).padStart(8)}`;
}

export function formatReportsBench(r: ReportsBenchResult, machine: { cpu: string; cores: number; memoryGiB: number; date: string; load: number }): string {
  return [
    "",
    "Switchboard reports benchmark (wrangler dev, local D1, loopback)",
    `  date     ${machine.date}`,
    `  machine  ${machine.cpu} · ${machine.cores} cores · ${fmt(machine.memoryGiB, 1)} GiB · load average ${fmt(machine.load, 2)} at start`,
    `  history  ${r.seed.conversations} conversations, ${r.seed.messageRows} message rows over 365 days; seeded in ${fmt(r.seed.seedMs / 1000, 0)} s, rollups rebuilt in ${fmt(r.seed.rebuildMs / 1000, 0)} s (${r.seed.rebuildOutput})`,
    `  ${"request (ms)".padEnd(34)} ${"n".padStart(5)} ${"p50".padStart(8)} ${"p99".padStart(8)} ${"max".padStart(8)}`,
    row("floor: GET /api/v1/me", r.floor),
    row("overview, a year", r.overview),
    row("breakdown by agent, a year", r.breakdown),
    row("breakdown by tag, a year", r.byTag),
    row("series by day, a year", r.dailySeries),
    row("distribution by team, a year", r.distribution),
    `  CSV export, a year hourly: ${fmt(r.exportMs, 0)} ms, ${r.exportLines} lines, ${fmt(r.exportBytes / 1024, 0)} KiB; workerd peak RSS +${fmt(r.exportPeakRssKiB / 1024, 1)} MiB over ${fmt(r.baselineRssKiB / 1024, 0)} MiB`,
  ].join("\n");
}
