/**
 * GET /api/v1/audit-log (issue 16): owners only — admins, agents and every API token get
 * 403 — newest first, filtered by action, actor, target and time, one keyset page at a
 * time with nothing skipped or repeated (entries of the same millisecond included), and
 * never editable: PUT, PATCH and DELETE answer 405.
 */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { expectApiError } from "../assertions";
import { agentWithRole, owner } from "../fixtures";
import { bearer, call, type Client } from "../http-client";
import { makeToken } from "../token-kit";
import { database } from "../../../worker/db/client";
import { recordAudit, type NewAuditEntry } from "../../../worker/db/audit-log";
import { TOKEN_SCOPES, type AuditEntry } from "../../../worker/protocol";
import { auditCount } from "./audit-kit";

let boss: Client;
/** A time far from "now", so these entries are the only ones in their window. */
const BASE = 1_000_000_000_000;
const seeded: NewAuditEntry[] = [];

beforeAll(async () => {
  boss = await owner();
  const db = database(env.DB);
  // 30 entries over 10 milliseconds (three per millisecond, so pages split ties), by two
  // actors on three targets, of two actions.
  for (let i = 0; i < 30; i++) {
    const e: NewAuditEntry = {
      action: i % 2 === 0 ? "settings.changed" : "token.created",
      actor: i % 3 === 0 ? { type: "agent", id: "actor-a", name: "Ana" } : { type: "token", id: "actor-t", name: "Bridge" },
      targetType: "thing",
      targetId: `target-${i % 3}`,
      ip: null,
      details: { n: i },
      at: BASE + Math.floor(i / 3),
    };
    seeded.push(e);
    await recordAudit(db, e);
  }
});

const window = { from: BASE, to: BASE + 9 };
async function page(query: Record<string, string | number>, client: Client = boss) {
  const res = await call(`/api/v1/audit-log?${new URLSearchParams(Object.entries(query).map(([k, v]) => [k, String(v)]))}`, { client });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body as { entries: AuditEntry[]; next: string | null };
}

/** Every entry `query` matches, walking the pages `limit` at a time. */
async function walk(query: Record<string, string | number>, limit: number): Promise<AuditEntry[]> {
  const all: AuditEntry[] = [];
  let cursor: string | null = null;
  do {
    const p = await page({ ...query, limit, ...(cursor ? { cursor } : {}) });
    expect(p.entries.length).toBeLessThanOrEqual(limit);
    all.push(...p.entries);
    cursor = p.next;
  } while (cursor);
  return all;
}

const numbers = (entries: AuditEntry[]) => entries.map((e) => e.details.n as number);
const newestFirst = (keep: (e: NewAuditEntry, i: number) => boolean) => seeded.map((e, i) => [e, i] as const).filter(([e, i]) => keep(e, i)).map(([, i]) => i);

describe("who may read it", () => {
  it("lets the owner read it", async () => {
    expect((await page(window)).entries.length).toBeGreaterThan(0);
  });

  it("refuses admins and agents with 403", async () => {
    for (const role of ["admin", "agent"] as const) expectApiError(await call("/api/v1/audit-log", { client: await agentWithRole(role) }), 403, "forbidden");
  });

  it("refuses an API token, even one with every scope, with 403", async () => {
    const t = await makeToken(boss, { scopes: [...TOKEN_SCOPES] });
    expectApiError(await call("/api/v1/audit-log", { headers: bearer(t.secret) }), 403, "forbidden");
  });

  it("has no way to write, change or delete an entry: 405 with Allow: GET, nothing changed", async () => {
    const before = await auditCount();
    for (const method of ["POST", "PUT", "PATCH", "DELETE"]) {
      const res = await call("/api/v1/audit-log", { method, json: {}, client: boss });
      expect(res.status, method).toBe(405);
      expect(res.headers.get("Allow")).toContain("GET");
    }
    const some = (await page(window)).entries[0]!;
    for (const method of ["GET", "PUT", "PATCH", "DELETE"]) expect((await call(`/api/v1/audit-log/${some.id}`, { method, client: boss })).status, method).toBeGreaterThanOrEqual(404);
    expect(await auditCount()).toBe(before);
  });
});

describe("filters and pages", () => {
  it("lists newest first, ties broken the same way on every page, nothing skipped or repeated", async () => {
    const all = await walk(window, 4);
    expect(all).toHaveLength(30);
    expect(new Set(all.map((e) => e.id)).size).toBe(30);
    for (let i = 1; i < all.length; i++) expect(all[i - 1]!.at).toBeGreaterThanOrEqual(all[i]!.at);
    expect(numbers(all)).toEqual(numbers(await walk(window, 30)));
    expect(new Set(numbers(all))).toEqual(new Set(seeded.map((_, i) => i)));
  });

  it("filters by action, actor and target, alone and together", async () => {
    const sorted = (ns: number[]) => [...ns].sort((a, b) => a - b);
    expect(sorted(numbers(await walk({ ...window, action: "token.created" }, 7)))).toEqual(newestFirst((e) => e.action === "token.created"));
    expect(sorted(numbers(await walk({ ...window, actorId: "actor-a" }, 7)))).toEqual(newestFirst((e) => e.actor.id === "actor-a"));
    expect(sorted(numbers(await walk({ ...window, targetId: "target-1" }, 7)))).toEqual(newestFirst((e) => e.targetId === "target-1"));
    expect(sorted(numbers(await walk({ ...window, action: "settings.changed", actorId: "actor-t", targetId: "target-2" }, 2)))).toEqual(
      newestFirst((e) => e.action === "settings.changed" && e.actor.id === "actor-t" && e.targetId === "target-2"),
    );
  });

  it("filters by time, both ends included", async () => {
    const some = await walk({ from: BASE + 2, to: BASE + 4 }, 5);
    expect(numbers(some).sort((a, b) => a - b)).toEqual([6, 7, 8, 9, 10, 11, 12, 13, 14]);
  });

  it("answers an empty page with no next cursor when nothing matches", async () => {
    expect(await page({ ...window, actorId: "nobody" })).toEqual({ entries: [], next: null });
  });

  it("returns each entry whole: actor, target, address and details", async () => {
    const [last] = (await page({ ...window, actorId: "actor-a", limit: 1 })).entries;
    expect(last).toMatchObject({ at: BASE + 9, actor: { type: "agent", id: "actor-a", name: "Ana" }, targetType: "thing", targetId: "target-0", ip: null, details: { n: 27 } });
  });
});
