/**
 * The machinery of the bad-input suites (bad-input.test.ts, bad-input-console.test.ts):
 * each route is a table row with one valid request; the cases every route must refuse
 * are derived from it, sent, and checked for a 4xx JSON error that stores nothing.
 */
import { exports } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { MAX_JSON_BODY_BYTES, type ErrorCode } from "../../worker/protocol";
import { expectApiError } from "./assertions";
import { lastSeq } from "./fixtures";
import { call, type Client, ORIGIN } from "./http-client";
import { upgrade } from "./socket-harness";
import { storedRows } from "./stored-rows";

/** What the requests point at: a real inbox and a conversation with one message, its visitor. */
export interface World {
  boss: Client;
  conversationId: string;
  token: string;
  publicKey: string;
  /** The visitor's contact: a refused contact update must leave its fields as they were. */
  contactId: string;
}

/** One bad request and the answer it must get. */
export interface Case<W extends World = World> {
  label: string;
  /** A value sent as JSON, or raw bytes with their own Content-Type. Built when sent, as
   * the valid body it derives from may name records the world creates first. */
  body: (w: W) => { json: unknown } | { raw: BodyInit; contentType: string };
  status: number;
  code: ErrorCode;
  /** A validation issue must point here (a prefix of its path). */
  issueAt?: Array<string | number>;
  /** A validation issue's message must name this (zod reports an unknown key at the
   * object that holds it, naming the key in the message). */
  mentions?: string;
}

export interface BodyRoute<W extends World = World> {
  name: string;
  /** POST unless said otherwise. */
  method?: "POST" | "PUT" | "PATCH";
  path: (w: W) => string;
  /** Who sends: a signed-in owner, a visitor, or nobody (setup, login, widget sessions). */
  as: (w: W) => { client?: Client; headers?: Record<string, string> };
  /** A body the route accepts; the cases below are each one change away from it. */
  valid: (w: W) => Record<string, unknown>;
  /** Fields set to a value of the wrong type. */
  wrongTypes: Record<string, unknown>;
  /** Required fields. */
  required: string[];
  /** Right type, wrong value; `status`/`code` default to 400 validation_failed at the field. */
  badValues: Array<{ label: string; set: Record<string, unknown>; status?: number; code?: ErrorCode; unknownKey?: true }>;
}

/** Routes that read a query (and, on sockets, refuse before upgrading). */
export interface QueryRoute<W extends World = World> {
  name: string;
  path: (w: W, query: string) => string;
  as: (w: W) => { client?: Client; headers?: Record<string, string> };
  socket?: boolean;
  cases: Array<{ query: string; issueAt?: Array<string | number>; status?: number; code?: ErrorCode }>;
}

export const EXTRA_FIELD = "isAdmin";
export const huge = (chars: number) => "x".repeat(chars);

/** The cases every body route must refuse, derived from its valid body. */
export function casesFor<W extends World>(route: BodyRoute<W>): Case<W>[] {
  const json = (value: (valid: Record<string, unknown>) => unknown) => (w: W) => ({ json: value(route.valid(w)) });
  const raw = (text: (valid: Record<string, unknown>) => BodyInit, contentType = "application/json") => (w: W) => ({ raw: text(route.valid(w)), contentType });
  const oversize = (valid: Record<string, unknown>) => JSON.stringify({ ...valid, padding: huge(MAX_JSON_BODY_BYTES) });
  const cases: Case<W>[] = [
    { label: "malformed JSON text", body: raw(() => '{"body": "unterminated'), status: 400, code: "malformed_json" },
    { label: "an empty body", body: raw(() => ""), status: 400, code: "malformed_json" },
    { label: "a JSON array instead of an object", body: json(() => []), status: 400, code: "validation_failed", issueAt: [] },
    { label: "the valid body wrapped in an array", body: json((valid) => [valid]), status: 400, code: "validation_failed", issueAt: [] },
    { label: "JSON null", body: json(() => null), status: 400, code: "validation_failed", issueAt: [] },
    { label: "a JSON string", body: json(() => "hello"), status: 400, code: "validation_failed", issueAt: [] },
    { label: "a JSON number", body: json(() => 42), status: 400, code: "validation_failed", issueAt: [] },
    { label: `an unknown extra field (${EXTRA_FIELD})`, body: json((valid) => ({ ...valid, [EXTRA_FIELD]: true })), status: 400, code: "validation_failed", issueAt: [], mentions: EXTRA_FIELD },
    { label: "a __proto__ field", body: raw((valid) => JSON.stringify(valid).replace(/^\{/, '{"__proto__":{"role":"owner"},')), status: 400, code: "validation_failed" },
    { label: `a body over ${MAX_JSON_BODY_BYTES} bytes`, body: raw(oversize), status: 413, code: "payload_too_large" },
    { label: `a body over ${MAX_JSON_BODY_BYTES} bytes streamed without Content-Length`, body: raw((valid) => streamOf(oversize(valid))), status: 413, code: "payload_too_large" },
    { label: "a text/plain body", body: raw((valid) => JSON.stringify(valid), "text/plain"), status: 415, code: "unsupported_media_type" },
    { label: "a JSON body declared charset=utf-16", body: raw((valid) => JSON.stringify(valid), "application/json; charset=utf-16"), status: 415, code: "unsupported_media_type" },
  ];
  for (const [field, value] of Object.entries(route.wrongTypes)) {
    cases.push({ label: `${field} of the wrong type (${JSON.stringify(value)})`, body: json((valid) => ({ ...valid, [field]: value })), status: 400, code: "validation_failed", issueAt: [field] });
  }
  for (const field of route.required) {
    const without = (valid: Record<string, unknown>) => Object.fromEntries(Object.entries(valid).filter(([k]) => k !== field));
    cases.push({ label: `no ${field}`, body: json(without), status: 400, code: "validation_failed", issueAt: [field] });
  }
  for (const bad of route.badValues) {
    const field = Object.keys(bad.set)[0]!;
    const code = bad.code ?? "validation_failed";
    const at = code !== "validation_failed" ? undefined : bad.unknownKey ? [] : [field];
    cases.push({ label: bad.label, body: json((valid) => ({ ...valid, ...bad.set })), status: bad.status ?? 400, code, issueAt: at, mentions: bad.unknownKey ? field : undefined });
  }
  return cases;
}

/** A body with no known length, so the limit cannot rely on the Content-Length header. */
function streamOf(text: string): ReadableStream<Uint8Array> {
  const bytes = new TextEncoder().encode(text);
  return new ReadableStream({
    start(controller) {
      for (let i = 0; i < bytes.length; i += 8192) controller.enqueue(bytes.slice(i, i + 8192));
      controller.close();
    },
  });
}

export async function sendCase<W extends World>(w: W, path: string, c: Case<W>, as: { client?: Client; headers?: Record<string, string> }, method: BodyRoute["method"] = "POST") {
  const sent = c.body(w);
  if ("json" in sent) return call(path, { method, json: sent.json, client: as.client ? { ...as.client } : undefined, headers: as.headers });
  const headers = new Headers(as.headers);
  headers.set("Content-Type", sent.contentType);
  headers.set("Origin", ORIGIN);
  if (as.client?.cookie) headers.set("Cookie", as.client.cookie);
  const res = await exports.default.fetch(new Request(ORIGIN + path, { method, headers, body: sent.raw }));
  const text = await res.text();
  let body: any = text;
  try {
    body = JSON.parse(text);
  } catch {
    // keep the text: the assertion will show it
  }
  return { status: res.status, body, headers: res.headers };
}

export function expectCase(res: Awaited<ReturnType<typeof sendCase>>, c: Case<any>) {
  expectApiError(res, c.status, c.code);
  if (c.issueAt) {
    const at = JSON.stringify(c.issueAt);
    const paths = (res.body.error.issues as Array<{ path: Array<string | number> }>).map((i) => i.path);
    expect(paths.some((p) => JSON.stringify(p.slice(0, c.issueAt!.length)) === at), `an issue at ${at}; got ${JSON.stringify(paths)}`).toBe(true);
  }
  if (c.mentions) expect(JSON.stringify(res.body.error.issues)).toContain(c.mentions);
}

/** Everything a refused request could have touched: D1's rows, the agents, inboxes and the
 * visitor's contact as the API shows them, and the log of the world's conversation (read
 * from its room). Row counts alone would miss a refused update that changed a field. */
export async function storedState(w: World) {
  return {
    rows: await storedRows(),
    agents: (await call("/api/v1/agents", { client: w.boss })).body,
    /** The owner's own profile and the teams: what PATCH /me and team renames write. */
    me: (await call("/api/v1/me", { client: w.boss })).body,
    teams: (await call("/api/v1/teams", { client: w.boss })).body,
    inboxes: (await call("/api/v1/inboxes", { client: w.boss })).body,
    contact: (await call(`/api/v1/contacts/${w.contactId}`, { client: w.boss })).body,
    lastSeq: await lastSeq(w.boss, w.conversationId),
  };
}

/** One describe per body route: every derived case refused, then nothing stored. `w` is
 * filled in by the caller's beforeAll. */
export function describeBodyRoutes<W extends World>(w: W, routes: BodyRoute<W>[]) {
  describe.each(routes.map((r) => [r.name, r] as const))("%s", (_, route) => {
    let before: Awaited<ReturnType<typeof storedState>>;
    beforeAll(async () => {
      before = await storedState(w);
    });

    it.each(casesFor(route).map((c) => [c.label, c.status, c.code, c] as const))("answers %s with %i %s", async (_, _status, _code, c) => {
      expectCase(await sendCase(w, route.path(w), c, route.as(w), route.method), c);
    });

    it("has stored nothing after all of them", async () => {
      expect(await storedState(w)).toEqual(before);
    });
  });
}

/** One describe per query route: every case a 4xx JSON error (never an upgrade) that stores nothing. */
export function describeQueryRoutes<W extends World>(w: W, routes: QueryRoute<W>[]) {
  describe.each(routes.map((r) => [r.name, r] as const))("%s", (_, route) => {
    it.each(route.cases.map((c) => [c.query.replace(/x{20,}/, (m) => `<${m.length} × x>`), c] as const))("answers ?%s with a 4xx JSON error and stores nothing", async (_, c) => {
      const before = await storedState(w);
      const path = route.path(w, c.query);
      const res = route.socket ? await upgrade(path, route.as(w)) : await call(path, route.as(w));
      expect(res.status, JSON.stringify(res.body)).not.toBe(101);
      expectApiError(res, c.status ?? 400, c.code ?? "validation_failed");
      if (c.issueAt) expect(res.body.error.issues.map((i: { path: unknown[] }) => JSON.stringify(i.path.slice(0, c.issueAt!.length)))).toContain(JSON.stringify(c.issueAt));
      expect(await storedState(w)).toEqual(before);
    });
  });
}
