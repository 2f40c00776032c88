/**
 * Test helpers: talk to the real Worker (inside workerd) the way clients do — HTTP with
 * cookies and Origin, WebSockets through the upgrade routes.
 */
import { exports } from "cloudflare:workers";
import type { ServerFrame } from "../../worker/protocol";

export const ORIGIN = "http://localhost";

export interface Client {
  cookie?: string;
}

export async function call(path: string, init: RequestInit & { json?: unknown; client?: Client; origin?: string | null } = {}) {
  const headers = new Headers(init.headers);
  if (init.json !== undefined) {
    headers.set("Content-Type", "application/json");
  }
  if (init.origin !== null && (init.method ?? "GET") !== "GET") headers.set("Origin", init.origin ?? ORIGIN);
  if (init.client?.cookie) headers.set("Cookie", init.client.cookie);
  const res = await exports.default.fetch(new Request(ORIGIN + path, { ...init, headers, body: init.json !== undefined ? JSON.stringify(init.json) : init.body }));
  const setCookie = res.headers.get("Set-Cookie");
  if (setCookie && init.client) init.client.cookie = setCookie.split(";")[0];
  const text = await res.text();
  let body: any = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    body = text;
  }
  return { status: res.status, body, headers: res.headers };
}

export const OWNER = { name: "Olivia Owner", email: "owner@example.com", password: "correct horse battery" };

/** Creates the owner (once per test file: storage is per file) and returns a signed-in client. */
export async function owner(): Promise<Client> {
  const client: Client = {};
  const setup = await call("/api/v1/setup", { method: "POST", json: OWNER, client });
  if (setup.status === 409) {
    const login = await call("/api/v1/auth/login", { method: "POST", json: { email: OWNER.email, password: OWNER.password }, client });
    if (login.status !== 200) throw new Error(`owner login failed: ${JSON.stringify(login.body)}`);
  } else if (setup.status !== 201) throw new Error(`setup failed: ${JSON.stringify(setup.body)}`);
  return client;
}

let agentCounter = 0;
/** An extra signed-in agent with `role`, created by the owner. */
export async function agentWithRole(role: "admin" | "agent"): Promise<Client & { id: string }> {
  const boss = await owner();
  const email = `${role}${++agentCounter}-${crypto.randomUUID().slice(0, 8)}@example.com`;
  const created = await call("/api/v1/agents", { method: "POST", json: { name: `${role} ${agentCounter}`, email, password: "a long enough password", role }, client: boss });
  if (created.status !== 201) throw new Error(`create agent failed: ${JSON.stringify(created.body)}`);
  const client: Client = {};
  const login = await call("/api/v1/auth/login", { method: "POST", json: { email, password: "a long enough password" }, client });
  if (login.status !== 200) throw new Error(`login failed: ${JSON.stringify(login.body)}`);
  return { ...client, id: created.body.id };
}

export async function webchatInbox(client: Client, name = "Website"): Promise<{ id: string; publicKey: string }> {
  const res = await call("/api/v1/inboxes", { method: "POST", json: { kind: "webchat", name }, client });
  if (res.status !== 201) throw new Error(`create inbox failed: ${JSON.stringify(res.body)}`);
  return res.body;
}

export async function visitor(publicKey: string, token?: string): Promise<{ token: string; contactId: string; conversationId: string }> {
  const res = await call("/api/v1/widget/sessions", { method: "POST", json: token ? { inbox: publicKey, token } : { inbox: publicKey } });
  if (res.status !== 200) throw new Error(`widget session failed: ${JSON.stringify(res.body)}`);
  return res.body;
}

/** A live socket that records every frame it receives. */
export class TestSocket {
  readonly frames: ServerFrame[] = [];
  private waiters: Array<() => void> = [];
  closed = false;

  constructor(readonly ws: WebSocket) {
    ws.addEventListener("message", (e) => {
      if (typeof e.data === "string" && e.data !== "pong") this.frames.push(JSON.parse(e.data) as ServerFrame);
      else if (e.data === "pong") this.frames.push({ type: "error", code: "pong", message: "pong" });
      this.wake();
    });
    ws.addEventListener("close", () => {
      this.closed = true;
      this.wake();
    });
  }

  private wake() {
    const w = this.waiters;
    this.waiters = [];
    for (const f of w) f();
  }

  send(frame: unknown) {
    this.ws.send(typeof frame === "string" ? frame : JSON.stringify(frame));
  }

  /** Resolves when `predicate` holds over the frames received so far. */
  async until(predicate: (frames: ServerFrame[]) => boolean, timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!predicate(this.frames)) {
      if (this.closed) throw new Error("socket closed while waiting");
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out waiting; frames: ${JSON.stringify(this.frames.slice(-5))}`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
  }

  eventSeqs(): number[] {
    return this.frames.flatMap((f) => (f.type === "event" ? [f.event.seq] : []));
  }

  acks(): Array<{ clientId: string; seq: number }> {
    return this.frames.flatMap((f) => (f.type === "ack" ? [{ clientId: f.clientId, seq: f.seq }] : []));
  }

  close() {
    try {
      this.ws.close(1000, "done");
    } catch {
      // already closed
    }
  }
}

export async function openSocket(path: string, client?: Client): Promise<TestSocket> {
  const headers = new Headers({ Upgrade: "websocket" });
  if (client?.cookie) headers.set("Cookie", client.cookie);
  const res = await exports.default.fetch(new Request(ORIGIN + path, { headers }));
  if (res.status !== 101 || !res.webSocket) throw new Error(`upgrade failed: ${res.status} ${await res.text()}`);
  res.webSocket.accept();
  return new TestSocket(res.webSocket);
}

/** Retries `check` until it stops throwing: for reads of D1, which trails the rooms by one
 * projection (asynchronous by design). */
export async function eventually<T>(check: () => Promise<T>, timeoutMs = 5_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (err) {
      if (Date.now() > deadline) throw err;
      await new Promise((r) => setTimeout(r, 25));
    }
  }
}
