/**
 * @module The outbound webhook benchmark (issue 15): web chat visitors write at a fixed
 * rate (default 100 messages/s), and every `message.created` fans out to the endpoints a
 * receiver in this process serves on loopback. Phases on one server: no endpoint (the CPU
 * baseline), three healthy endpoints, two healthy, then two healthy and one that answers
 * 503 throughout. Measures, per healthy
 * endpoint, the lag from the message's send to its delivery's arrival (p50/p99), and
 * checks each got every message exactly once per delivery id, in seq order per
 * conversation. The down endpoint's own retries must not move the others' lag.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import WebSocket from "ws";
import { api, createVisitor, createWebchatInbox, mapLimit, ownerSession, widgetSocketUrl, type Visitor } from "./api.ts";
import { summarize, type Summary } from "./stats.ts";

export interface WebhookFanoutOptions {
  rate: number;
  seconds: number;
  conversations: number;
  log: (line: string) => void;
  /** workerd's CPU time so far (ms), or null where it cannot be read. */
  cpuMs?: () => number | null;
}

export const WEBHOOK_FANOUT_DEFAULTS = { rate: 100, seconds: 10, conversations: 200 };

/** Give up waiting for the last delivery after this long. */
const DRAIN_TIMEOUT_MS = 120_000;

interface Arrival {
  endpoint: string;
  deliveryId: string;
  conversationId: string;
  seq: number;
  clientId: string | null;
  /** When the room stored the message (the payload's message.at). */
  storedAt: number;
  at: number;
}

export interface EndpointFigures {
  path: string;
  received: number;
  distinct: number;
  /** Message sent → delivery arrived (ms). */
  lag: Summary;
  /** Message stored by its room → delivery arrived (ms): the pipeline and the outbox alone. */
  storedLag: Summary;
  ok: boolean;
  failures: string[];
}

export interface PhaseFigures {
  name: string;
  sent: number;
  sendMs: number;
  endpoints: EndpointFigures[];
  /** Attempts the down endpoint answered 503 to (phase 2 only). */
  downAttempts: number;
  /** workerd CPU per message over the phase (send to last delivery), ms. */
  cpuMsPerMessage: number | null;
}

export interface WebhookFanoutResult {
  options: Omit<WebhookFanoutOptions, "log" | "cpuMs">;
  phases: PhaseFigures[];
  ok: boolean;
}

/** A receiver for every endpoint: `/ok/<name>` answers 200 at once, `/down` 503. */
async function startReceiver() {
  const arrivals: Arrival[] = [];
  let downAttempts = 0;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const at = Date.now();
      if (req.url === "/down") {
        downAttempts++;
        res.writeHead(503).end("down for the benchmark");
        return;
      }
      try {
        const body = JSON.parse(Buffer.concat(chunks).toString("utf8"));
        arrivals.push({ endpoint: req.url ?? "", deliveryId: String(req.headers["switchboard-delivery"]), conversationId: body.conversation.id, seq: body.message.seq, clientId: body.message.clientId, storedAt: body.message.at, at });
      } catch {
        // counted as missing below
      }
      res.writeHead(200).end("ok");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    arrivals,
    downAttempts: () => downAttempts,
    close: () => new Promise<void>((resolve) => (server.close(() => resolve()), server.closeAllConnections())),
  };
}

async function createEndpoint(base: string, cookie: string, url: string): Promise<string> {
  const res = await api(base, "/api/v1/webhooks", { json: { url, events: ["message.created"] }, cookie });
  if (res.status !== 201) throw new Error(`create webhook failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.endpoint.id;
}

/** A visitor's widget socket, open once its `hello` came; counts the acks it gets. */
function openWidgetSocket(url: string, acks: { n: number }): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { perMessageDeflate: false, handshakeTimeout: 15_000 });
    ws.on("message", (data) => {
      const text = data.toString();
      if (text.startsWith('{"type":"hello"')) resolve(ws);
      else if (text.startsWith('{"type":"ack"')) acks.n++;
    });
    ws.once("error", reject);
    ws.once("unexpected-response", (_req, res) => reject(new Error(`widget socket refused: ${res.statusCode}`)));
  });
}

/** Sends `rate` messages a second for `seconds` on the visitors' widget sockets (as the
 * widget does), round-robin; returns each message's send time by clientId once every
 * message was acknowledged. */
async function pacedSend(sockets: WebSocket[], acks: { n: number }, rate: number, seconds: number, tag: string): Promise<{ sentAt: Map<string, number>; ms: number }> {
  const total = Math.round(rate * seconds);
  const sentAt = new Map<string, number>();
  const ackedBefore = acks.n;
  const started = Date.now();
  for (let i = 0; i < total; i++) {
    const wait = started + (i * 1000) / rate - Date.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const clientId = `${tag}-${i}`;
    sentAt.set(clientId, Date.now());
    sockets[i % sockets.length]!.send(JSON.stringify({ type: "send", clientId, body: `webhook bench ${i}` }));
  }
  const deadline = Date.now() + 60_000;
  while (acks.n - ackedBefore < total && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  if (acks.n - ackedBefore < total) throw new Error(`only ${acks.n - ackedBefore} of ${total} messages acknowledged`);
  return { sentAt, ms: Date.now() - started };
}

function figures(path: string, arrivals: Arrival[], sentAt: Map<string, number>): EndpointFigures {
  const mine = arrivals.filter((a) => a.endpoint === path && a.clientId !== null && sentAt.has(a.clientId));
  const failures: string[] = [];
  const byId = new Map<string, Arrival>();
  for (const a of mine) if (!byId.has(a.deliveryId)) byId.set(a.deliveryId, a);
  const clientIds = new Set([...byId.values()].map((a) => a.clientId));
  if (clientIds.size !== sentAt.size) failures.push(`${sentAt.size - clientIds.size} message(s) never delivered`);
  if (byId.size !== clientIds.size) failures.push(`${byId.size - clientIds.size} message(s) delivered under two delivery ids`);
  const lastSeq = new Map<string, number>();
  for (const a of mine) {
    if ((lastSeq.get(a.conversationId) ?? 0) > a.seq) failures.push(`conversation ${a.conversationId}: seq ${a.seq} after ${lastSeq.get(a.conversationId)}`);
    lastSeq.set(a.conversationId, Math.max(lastSeq.get(a.conversationId) ?? 0, a.seq));
  }
  const lag = summarize([...byId.values()].map((a) => a.at - sentAt.get(a.clientId!)!));
  const storedLag = summarize([...byId.values()].map((a) => a.at - a.storedAt));
  return { path, received: mine.length, distinct: byId.size, lag, storedLag, ok: failures.length === 0, failures: failures.slice(0, 5) };
}

export async function runWebhookFanoutBench(base: string, options: WebhookFanoutOptions): Promise<WebhookFanoutResult> {
  const { log } = options;
  const receiver = await startReceiver();
  try {
    const cookie = await ownerSession(base);
    const inbox = await createWebchatInbox(base, cookie, "Webhook bench");
    log(`creating ${options.conversations} visitors`);
    const visitors: Visitor[] = await mapLimit(Array.from({ length: options.conversations }), 16, () => createVisitor(base, inbox.publicKey));
    const acks = { n: 0 };
    const sockets = await mapLimit(visitors, 16, async (v) => openWidgetSocket(await widgetSocketUrl(base, v.token), acks));
    const phases: PhaseFigures[] = [];
    for (const [index, phase] of [
      // The same traffic with no endpoint: the CPU figure webhooks add to.
      { name: "no endpoints (baseline)", paths: [], down: false },
      { name: "3 healthy endpoints", paths: ["/ok/a", "/ok/b", "/ok/c"], down: false },
      // The pair that shows what a dead endpoint costs the others: the same two healthy
      // endpoints' work, without and then with a third that answers 503 throughout.
      { name: "2 healthy endpoints", paths: ["/ok/d", "/ok/e"], down: false },
      { name: "2 healthy + 1 down (503 throughout)", paths: ["/ok/f", "/ok/g"], down: true },
    ].entries()) {
      const ids = [];
      for (const path of phase.paths) ids.push(await createEndpoint(base, cookie, `${receiver.origin}${path}`));
      if (phase.down) ids.push(await createEndpoint(base, cookie, `${receiver.origin}/down`));
      log(`${phase.name}: ${options.rate} messages/s for ${options.seconds} s`);
      const downBefore = receiver.downAttempts();
      const cpuBefore = options.cpuMs?.() ?? null;
      const { sentAt, ms } = await pacedSend(sockets, acks, options.rate, options.seconds, `p${index}`);
      const deadline = Date.now() + DRAIN_TIMEOUT_MS;
      const delivered = () => phase.paths.every((p) => new Set(receiver.arrivals.filter((a) => a.endpoint === p && a.clientId && sentAt.has(a.clientId)).map((a) => a.clientId)).size >= sentAt.size);
      while (!delivered() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
      // The baseline has nothing to wait for but the pipeline's last flushes.
      if (phase.paths.length === 0) await new Promise((r) => setTimeout(r, 2_000));
      const cpuAfter = options.cpuMs?.() ?? null;
      const cpuMsPerMessage = cpuBefore !== null && cpuAfter !== null ? (cpuAfter - cpuBefore) / sentAt.size : null;
      phases.push({ name: phase.name, sent: sentAt.size, sendMs: ms, endpoints: phase.paths.map((p) => figures(p, receiver.arrivals, sentAt)), downAttempts: receiver.downAttempts() - downBefore, cpuMsPerMessage });
      // The endpoints go, so the next phase's messages reach only its own.
      for (const id of ids) await api(base, `/api/v1/webhooks/${id}`, { method: "DELETE", cookie });
    }
    for (const ws of sockets) ws.close();
    const { log: _log, cpuMs: _cpu, ...shown } = options;
    return { options: shown, phases, ok: phases.every((p) => p.endpoints.every((e) => e.ok)) };
  } finally {
    await receiver.close();
  }
}

export function formatWebhookFanout(r: WebhookFanoutResult): string {
  const row = (e: EndpointFigures) =>
    `  ${e.path.padEnd(8)} ${String(e.distinct).padStart(6)} delivered  sent→delivered p50 ${e.lag.p50.toFixed(0).padStart(5)} ms p99 ${e.lag.p99.toFixed(0).padStart(5)} ms · stored→delivered p50 ${e.storedLag.p50.toFixed(0).padStart(5)} ms p99 ${e.storedLag.p99.toFixed(0).padStart(5)} ms  ${e.ok ? "ok" : `FAILED: ${e.failures.join("; ")}`}`;
  const out = [
    `Switchboard outbound webhook benchmark (wrangler dev, local workerd, loopback): ${r.options.rate} messages/s for ${r.options.seconds} s over ${r.options.conversations} web chat conversations, message.created to each endpoint`,
  ];
  for (const p of r.phases) {
    out.push(`${p.name}: ${p.sent} messages sent in ${(p.sendMs / 1000).toFixed(1)} s${p.downAttempts ? `; the down endpoint was tried ${p.downAttempts} times` : ""}${p.cpuMsPerMessage !== null ? `; workerd CPU ${p.cpuMsPerMessage.toFixed(2)} ms per message` : ""}`);
    for (const e of p.endpoints) out.push(row(e));
  }
  out.push(r.ok ? "every healthy endpoint got every message once per delivery id, in seq order per conversation" : "INTEGRITY FAILED");
  return out.join("\n");
}
