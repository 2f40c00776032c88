/**
 * The conditional audit inserts (worker/db/audit-conditional.ts) on real D1: an entry
 * after a write that changed a row lands with it; after one that changed nothing
 * (no such id) it does not; a batch that fails lands neither; a keyed entry lands once.
 */
import { env } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { database, type Db } from "../../../worker/db/client";
import { tags } from "../../../worker/db/schema";
import { auditIfChanged, auditIfChangedStatement, auditOnce } from "../../../worker/db/audit-conditional";
import { listAudit, type NewAuditEntry } from "../../../worker/db/audit-log";

let db: Db;
beforeAll(() => {
  db = database(env.DB);
});

const entry = (targetId: string): NewAuditEntry => ({ action: "settings.changed", actor: { type: "system", id: null, name: null }, targetType: "tag", targetId, details: { area: "tags" }, at: Date.now() });
const entriesFor = async (targetId: string) => listAudit(db, { targetId, limit: 10 });

describe("auditIfChanged", () => {
  it("lands with an update that changed a row, and not with one that found nothing", async () => {
    const id = crypto.randomUUID();
    await db.insert(tags).values({ id, name: `t-${id}`, nameKey: `t-${id}`, color: "#000000", createdAt: 1 });
    await db.batch([db.update(tags).set({ color: "#111111" }).where(eq(tags.id, id)), auditIfChanged(db, entry(id))]);
    expect(await entriesFor(id)).toHaveLength(1);
    const missing = crypto.randomUUID();
    await db.batch([db.update(tags).set({ color: "#111111" }).where(eq(tags.id, missing)), auditIfChanged(db, entry(missing))]);
    expect(await entriesFor(missing)).toEqual([]);
  });

  it("reads the statement just before it, not an earlier one", async () => {
    const id = crypto.randomUUID();
    await db.insert(tags).values({ id, name: `t-${id}`, nameKey: `t-${id}`, color: "#000000", createdAt: 1 });
    await db.batch([db.update(tags).set({ color: "#222222" }).where(eq(tags.id, id)), db.delete(tags).where(eq(tags.id, crypto.randomUUID())), auditIfChanged(db, entry(id))]);
    expect(await entriesFor(id)).toEqual([]);
  });

  it("lands with a raw D1 statement's change too, and rolls back with a batch that fails", async () => {
    const id = crypto.randomUUID();
    await env.DB.batch([env.DB.prepare("INSERT INTO tags (id, name, name_key, color, created_at) VALUES (?, ?, ?, '#000000', 1)").bind(id, `t-${id}`, `t-${id}`), auditIfChangedStatement(env.DB, entry(id))]);
    expect(await entriesFor(id)).toHaveLength(1);
    const dup = crypto.randomUUID();
    // Same name: the unique index refuses the second insert, so the whole batch goes.
    await expect(
      env.DB.batch([env.DB.prepare("UPDATE tags SET color = '#333333' WHERE id = ?").bind(id), auditIfChangedStatement(env.DB, entry(dup)), env.DB.prepare("INSERT INTO tags (id, name, name_key, color, created_at) VALUES (?, ?, ?, '#000000', 1)").bind(dup, `t-${id}`, `t-${id}`)]),
    ).rejects.toThrow();
    expect(await entriesFor(dup)).toEqual([]);
  });
});

describe("auditOnce", () => {
  it("lands the first time its key is used only", async () => {
    const key = `once-${crypto.randomUUID()}`;
    const target = crypto.randomUUID();
    await db.batch([auditOnce(db, key, entry(target))]);
    await db.batch([auditOnce(db, key, entry(target))]);
    expect(await entriesFor(target)).toHaveLength(1);
  });
});
