/**
 * @module The queue benchmark's second half: automatic distribution of a burst. A team in
 * auto mode, N agents online in it (each with a queue socket open, as the console keeps
 * one), capacity C each; M web chat visitors each write one message as fast as the server
 * takes them. Measures the time from the first arrival to the last assignment (as the
 * team's live list shows it, after the D1 commit) and the spread of the agents' loads,
 * then checks the invariants in D1 and in every conversation's log: nobody above capacity,
 * exactly one assignment per conversation, none left waiting.
 *
 * The owner watches the team's live list on a queue socket of their own, set to "away"
 * first so distribution never picks them.
 */
import WebSocket from "ws";
import { api, benchAddress, createVisitor, createWebchatInbox, mapLimit, ownerSession, type Visitor } from "./api.ts";
import { summarize, type Summary } from "./stats.ts";

export interface QueueBurstOptions {
  agents: number;
  capacity: number;
  arrivals: number;
  /** Visitor messages in flight at once during the burst. */
  inFlight: number;
  log: (line: string) => void;
}

export const QUEUE_BURST_DEFAULTS = { agents: 50, capacity: 25, arrivals: 1_000, inFlight: 32 };

/** Give up waiting for the last assignment after this long. */
const ASSIGN_TIMEOUT_MS = 180_000;
const AGENT_PASSWORD = "bench agent password 0123456789";

export interface QueueBurstResult {
  options: { agents: number; capacity: number; arrivals: number; inFlight: number };
  setup: { agentsMs: number; socketsMs: number; sessionsMs: number };
  /** First message sent → last message acked. */
  arrivalsMs: number;
  /** First message sent → last conversation shown assigned on the live list; null: not all were. */
  allAssignedMs: number | null;
  assigned: number;
  /** Per conversation: its message acked → shown assigned (ms). */
  ackToAssigned: Summary;
  loads: { min: number; max: number; spread: number; byAgent: number[] };
  invariants: { ok: boolean; failures: string[] };
}

function cookieOf(res: { headers: Headers; status: number }): string {
  const cookie = res.headers.getSetCookie().map((c) => c.split(";")[0]!).find((c) => c.startsWith("sb_session="));
  if (!cookie) throw new Error(`no session cookie (status ${res.status})`);
  return cookie;
}

function openQueueSocket(base: string, teamId: string, cookie: string, onFrame?: (frame: any) => void): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`${base.replace(/^http/, "ws")}/api/v1/queue/ws?team=${encodeURIComponent(teamId)}`, { headers: { Cookie: cookie, Origin: base } });
    ws.once("open", () => resolve(ws));
    ws.once("error", reject);
    ws.once("unexpected-response", (_req, res) => reject(new Error(`queue socket refused: ${res.statusCode}`)));
    if (onFrame) ws.on("message", (data) => onFrame(JSON.parse(String(data))));
  });
}

/** A new agent in the default team, signed in; returns their id and session cookie. */
async function newAgent(base: string, ownerCookie: string, i: number): Promise<{ id: string; cookie: string }> {
  const email = `bench-agent-${i}@example.com`;
  const created = await api(base, "/api/v1/agents", { json: { name: `Agent ${String(i).padStart(2, "0")}`, email, password: AGENT_PASSWORD, role: "agent" }, cookie: ownerCookie });
  if (created.status !== 201) throw new Error(`create agent failed: ${created.status} ${JSON.stringify(created.body)}`);
  const login = await api(base, "/api/v1/auth/login", { json: { email, password: AGENT_PASSWORD }, clientAddress: benchAddress() });
  if (login.status !== 200) throw new Error(`agent login failed: ${login.status} ${JSON.stringify(login.body)}`);
  return { id: created.body.id, cookie: cookieOf(login) };
}

async function visitorSend(base: string, v: Visitor, address: string): Promise<void> {
  const res = await fetch(`${base}/api/v1/widget/messages`, {
    method: "POST",
    headers: { "Content-Type": "application/json", Authorization: `Bearer ${v.token}`, "CF-Connecting-IP": address },
    body: JSON.stringify({ body: "Hello, I need help with my order.", clientId: `burst-${v.conversationId}` }),
    signal: AbortSignal.timeout(60_000),
  });
  if (res.status !== 201) throw new Error(`visitor message failed: ${res.status} ${await res.text()}`);
}

/** Every conversation of the team, from D1 (the console's list, page by page). */
async function listTeam(base: string, cookie: string, teamId: string): Promise<Array<{ id: string; assigneeId: string | null; status: string }>> {
  const rows: Array<{ id: string; assigneeId: string | null; status: string }> = [];
  let cursor: string | null = null;
  do {
    const q: string = `/api/v1/conversations?view=all&team=${teamId}&limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`;
    const res = await api(base, q, { cookie });
    if (res.status !== 200) throw new Error(`list failed: ${res.status} ${JSON.stringify(res.body)}`);
    rows.push(...res.body.conversations);
    cursor = res.body.nextCursor;
  } while (cursor);
  return rows;
}

export async function runQueueBurstBench(base: string, partial: Partial<QueueBurstOptions> & Pick<QueueBurstOptions, "log">): Promise<QueueBurstResult> {
  const o: QueueBurstOptions = { ...QUEUE_BURST_DEFAULTS, ...partial };
  const { log } = o;
  const owner = await ownerSession(base);
  const teams = await api(base, "/api/v1/teams", { cookie: owner });
  const teamId: string = teams.body.teams[0].id;
  const patched = await api(base, `/api/v1/teams/${teamId}`, { method: "PATCH", json: { distributionMode: "auto", defaultCapacity: o.capacity }, cookie: owner });
  if (patched.status !== 200) throw new Error(`team settings failed: ${patched.status} ${JSON.stringify(patched.body)}`);
  const away = await api(base, "/api/v1/me/status", { method: "PUT", json: { status: "away" }, cookie: owner });
  if (away.status !== 200) throw new Error(`owner status failed: ${away.status} ${JSON.stringify(away.body)}`);

  log(`queue burst: ${o.agents} agents (capacity ${o.capacity} each) in team ${teamId}, auto distribution`);
  let t0 = performance.now();
  const agents = await mapLimit(Array.from({ length: o.agents }, (_, i) => i), 4, (i) => newAgent(base, owner, i));
  const agentsMs = performance.now() - t0;

  // The live list, as the owner's console sees it: when each conversation shows assigned.
  const assignedAt = new Map<string, number>();
  const assignees = new Map<string, Set<string>>();
  const watcher = await openQueueSocket(base, teamId, owner, (frame) => {
    if (frame.type !== "conversation" || frame.conversation.assigneeId === null) return;
    const c = frame.conversation;
    if (!assignedAt.has(c.id)) assignedAt.set(c.id, performance.now());
    (assignees.get(c.id) ?? assignees.set(c.id, new Set()).get(c.id)!).add(c.assigneeId);
  });

  t0 = performance.now();
  const sockets = await mapLimit(agents, 8, (a) => openQueueSocket(base, teamId, a.cookie));
  const socketsMs = performance.now() - t0;
  log(`queue burst: ${agents.length} agents created in ${(agentsMs / 1000).toFixed(1)} s, queue sockets open in ${(socketsMs / 1000).toFixed(1)} s`);

  const inbox = await createWebchatInbox(base, owner, `Burst ${new Date().toISOString()}`);
  t0 = performance.now();
  const visitors = await mapLimit(Array.from({ length: o.arrivals }), 16, () => createVisitor(base, inbox.publicKey));
  const addresses = visitors.map(() => benchAddress());
  const sessionsMs = performance.now() - t0;
  const ids = new Set(visitors.map((v) => v.conversationId));
  const early = [...assignedAt.keys()].filter((id) => ids.has(id)).length;
  log(`queue burst: ${visitors.length} visitor sessions in ${(sessionsMs / 1000).toFixed(1)} s${early ? ` (${early} assigned before writing!)` : ""}; the burst starts`);

  const ackAt = new Map<string, number>();
  const first = performance.now();
  await mapLimit(visitors, o.inFlight, async (v, i) => {
    await visitorSend(base, v, addresses[i]!);
    ackAt.set(v.conversationId, performance.now());
  });
  const arrivalsMs = performance.now() - first;
  log(`queue burst: ${visitors.length} messages acked in ${(arrivalsMs / 1000).toFixed(1)} s; waiting for the assignments`);

  const assignedCount = () => visitors.filter((v) => assignedAt.has(v.conversationId)).length;
  const deadline = performance.now() + ASSIGN_TIMEOUT_MS;
  let lastLog = performance.now();
  while (assignedCount() < visitors.length && performance.now() < deadline) {
    await new Promise((r) => setTimeout(r, 100));
    if (performance.now() - lastLog > 5_000) {
      log(`queue burst: ${assignedCount()}/${visitors.length} assigned`);
      lastLog = performance.now();
    }
  }
  const assigned = assignedCount();
  const allAssignedMs = assigned === visitors.length ? Math.max(...visitors.map((v) => assignedAt.get(v.conversationId)!)) - first : null;
  log(`queue burst: ${assigned}/${visitors.length} assigned${allAssignedMs !== null ? ` ${(allAssignedMs / 1000).toFixed(1)} s after the first arrival` : ""}; checking the invariants`);

  // --- invariants, from D1 and the logs -------------------------------------------------
  const failures: string[] = [];
  const agentIds = new Set(agents.map((a) => a.id));
  const rows = new Map((await listTeam(base, owner, teamId)).map((r) => [r.id, r]));
  const load = new Map(agents.map((a) => [a.id, 0]));
  for (const v of visitors) {
    const row = rows.get(v.conversationId);
    if (!row) failures.push(`${v.conversationId}: not in the team's list`);
    else if (row.status !== "open") failures.push(`${v.conversationId}: status ${row.status}`);
    else if (row.assigneeId === null) failures.push(`${v.conversationId}: still waiting (no assignee in D1)`);
    else if (!agentIds.has(row.assigneeId)) failures.push(`${v.conversationId}: assigned to ${row.assigneeId}, not one of the online agents`);
    else load.set(row.assigneeId, load.get(row.assigneeId)! + 1);
    if ((assignees.get(v.conversationId)?.size ?? 0) > 1) failures.push(`${v.conversationId}: the live list showed ${assignees.get(v.conversationId)!.size} different assignees`);
  }
  for (const [id, n] of load) if (n > o.capacity) failures.push(`agent ${id}: ${n} conversations, above capacity ${o.capacity}`);
  const stats = await api(base, "/api/v1/queue/stats", { cookie: owner });
  const waiting = (stats.body.teams as Array<{ teamId: string; waiting: number }>).find((t) => t.teamId === teamId)?.waiting;
  if (waiting !== 0) failures.push(`the team's queue still holds ${waiting} waiting`);
  // Each conversation's own log: exactly one assignment, automatic, to the assignee D1 shows.
  await mapLimit(visitors, 16, async (v) => {
    const history = await api(base, `/api/v1/conversations/${v.conversationId}/messages?after=0`, { cookie: owner });
    const assignments = (history.body.events as Array<{ type: string; assigneeId: string | null; reason?: string }>).filter((e) => e.type === "assignment" && e.assigneeId !== null);
    if (assignments.length !== 1) failures.push(`${v.conversationId}: ${assignments.length} assignments in its log`);
    else if (assignments[0]!.reason !== "auto" || assignments[0]!.assigneeId !== rows.get(v.conversationId)?.assigneeId) failures.push(`${v.conversationId}: its assignment (${assignments[0]!.reason} to ${assignments[0]!.assigneeId}) does not match D1`);
  });

  for (const ws of [watcher, ...sockets]) ws.close();
  const byAgent = [...load.values()].sort((a, b) => a - b);
  const min = byAgent[0] ?? 0;
  const max = byAgent[byAgent.length - 1] ?? 0;
  // With room to spare, the roleta must spread evenly: least loaded first.
  if (o.arrivals < o.agents * o.capacity && max - min > 1) failures.push(`load spread ${max - min} (min ${min}, max ${max}); expected 0 or 1`);
  return {
    options: { agents: o.agents, capacity: o.capacity, arrivals: o.arrivals, inFlight: o.inFlight },
    setup: { agentsMs, socketsMs, sessionsMs },
    arrivalsMs,
    allAssignedMs,
    assigned,
    ackToAssigned: summarize(visitors.filter((v) => assignedAt.has(v.conversationId)).map((v) => assignedAt.get(v.conversationId)! - ackAt.get(v.conversationId)!)),
    loads: { min, max, spread: max - min, byAgent },
    invariants: { ok: failures.length === 0, failures },
  };
}
