/**
 * @module An in-memory stand-in for the settings API (tags, conversation types, canned
 * responses, inboxes) at the fetch boundary, for the settings screens' component tests.
 * It answers like the Worker: the list shapes, 201 on create, 400 with `issues` for a
 * bad body, 409 for a taken name; `failNext` makes the next matching call fail, and
 * `holdNext` keeps the next matching answer on its way until released: the answer is the
 * one the server gave when asked, so a save made meanwhile is not in it.
 */
import { CreateCannedBody, CreateTagBody, ConversationTypeInput, UpdateCannedBody, UpdateTagBody, type Inbox } from "../../worker/protocol";
import { installFetch } from "./fakes";

type Row = { id: string } & Record<string, unknown>;
type Failure = { method: string; path: RegExp; status: number; body: unknown };

export interface FakeSettingsServer {
  tags: Row[];
  types: Row[];
  canned: Row[];
  inboxes: Inbox[];
  calls: ReturnType<typeof installFetch>;
  failNext: (failure: Failure) => void;
  /** Returns `release`, which delivers the held answer (and resolves once it is read). */
  holdNext: (method: string, path: RegExp) => () => Promise<void>;
}

const COLLECTIONS = {
  "/api/v1/tags": { key: "tags", listKey: "tags", create: CreateTagBody, update: UpdateTagBody, unique: "name" },
  "/api/v1/conversation-types": { key: "types", listKey: "types", create: ConversationTypeInput, update: ConversationTypeInput, unique: "name" },
  "/api/v1/canned-responses": { key: "canned", listKey: "cannedResponses", create: CreateCannedBody, update: UpdateCannedBody, unique: "shortcode" },
} as const;

export function installSettingsServer(seed: Partial<Pick<FakeSettingsServer, "tags" | "types" | "canned" | "inboxes">> = {}): FakeSettingsServer {
  const failures: Failure[] = [];
  const holds: { method: string; path: RegExp; released: Promise<void> }[] = [];
  let nextId = 1;
  const server: FakeSettingsServer = {
    tags: seed.tags ?? [],
    types: seed.types ?? [],
    canned: seed.canned ?? [],
    inboxes: seed.inboxes ?? [],
    calls: [],
    failNext: (f: Failure) => void failures.push(f),
    holdNext: (method, path) => {
      let release!: () => void;
      const released = new Promise<void>((resolve) => (release = resolve));
      holds.push({ method, path, released });
      return async () => {
        release();
        await released;
      };
    },
  };

  const invalid = (issues: { path: PropertyKey[]; message: string }[]) => ({
    status: 400,
    body: { error: { code: "validation_failed", message: "The body is not valid.", issues: issues.map((i) => ({ path: i.path.map(String), message: i.message })) } },
  });

  server.calls = installFetch([
    ({ method, url }) => {
      const i = failures.findIndex((f) => f.method === method && f.path.test(url.pathname));
      if (i < 0) return undefined;
      const [f] = failures.splice(i, 1);
      return { status: f!.status, body: f!.body };
    },
    ({ url }) => (url.pathname === "/api/v1/inboxes" ? { body: { inboxes: server.inboxes } } : undefined),
    ({ method, url, body }) => {
      const base = Object.keys(COLLECTIONS).find((p) => url.pathname === p || url.pathname.startsWith(`${p}/`)) as keyof typeof COLLECTIONS | undefined;
      if (!base) return undefined;
      const c = COLLECTIONS[base];
      const rows = server[c.key];
      const id = decodeURIComponent(url.pathname.slice(base.length + 1));
      const taken = (value: unknown, except?: string) => rows.some((r) => r.id !== except && String(r[c.unique]).toLowerCase() === String(value).toLowerCase());
      const conflict = { status: 409, body: { error: { code: "conflict", message: `That ${c.unique} is taken.` } } };
      if (method === "GET" && !id) {
        const q = url.searchParams.get("q")?.toLowerCase();
        const shown = q ? rows.filter((r) => JSON.stringify(r).toLowerCase().includes(q)) : rows;
        return { body: { [c.listKey]: shown } };
      }
      if (method === "POST" && !id) {
        const parsed = c.create.safeParse(body);
        if (!parsed.success) return invalid(parsed.error.issues);
        if (taken((parsed.data as Record<string, unknown>)[c.unique])) return conflict;
        const row = { id: `id${nextId++}`, ...parsed.data };
        rows.push(row);
        return { status: 201, body: row };
      }
      const row = rows.find((r) => r.id === id);
      if (!row) return { status: 404, body: { error: { code: "not_found", message: "No such item." } } };
      if (method === "PATCH") {
        const parsed = c.update.safeParse(body);
        if (!parsed.success) return invalid(parsed.error.issues);
        if (taken((parsed.data as Record<string, unknown>)[c.unique], id)) return conflict;
        Object.assign(row, parsed.data);
        return { body: row };
      }
      if (method === "DELETE") {
        rows.splice(rows.indexOf(row), 1);
        return { body: { ok: true } };
      }
      return undefined;
    },
  ]);

  const answer = globalThis.fetch;
  globalThis.fetch = (async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const response = await answer(input, init);
    const url = new URL(String(input), "http://widget.test");
    const i = holds.findIndex((h) => h.method === (init.method ?? "GET") && h.path.test(url.pathname + url.search));
    if (i >= 0) await holds.splice(i, 1)[0]!.released;
    return response;
  }) as typeof fetch;
  return server;
}
