/**
 * Migration 0002 backfills what existed before it: the search indexes get every stored
 * message and named contact, and existing tags get their case-folded name keys. The
 * migration has already run on this file's (empty) database, so the rows are written
 * first and the migration's backfill statements are run again over them.
 */
import { env } from "cloudflare:workers";
import { beforeAll, expect, it } from "vitest";
import { eventually } from "./assertions";
import { customerWrites, owner, webchatInbox } from "./fixtures";
import { bearer, call } from "./http-client";

/** The migration's statements that start with `prefix` (as the test harness split them). */
function backfill(prefix: RegExp): string[] {
  const migration = env.TEST_MIGRATIONS.find((m) => m.name.startsWith("0002_"))!;
  const found = migration.queries.filter((q) => prefix.test(q.replace(/^(\s*--.*\n)*\s*/, "")));
  expect(found.length).toBeGreaterThan(0);
  return found;
}

let conv: { conversationId: string; contactId: string; seq: number; token: string };

beforeAll(async () => {
  const boss = await owner();
  const inbox = await webchatInbox(boss);
  conv = await customerWrites(inbox.publicKey, "Minha encomenda atrasou");
  await call("/api/v1/widget/contact", { method: "PATCH", json: { name: "Beatriz Antiga" }, headers: bearer(conv.token) });
  await eventually(async () => expect((await env.DB.prepare("SELECT count(*) AS n FROM messages WHERE conversation_id = ?").bind(conv.conversationId).first<{ n: number }>())!.n).toBe(1));
  // As before the migration: nothing indexed yet, and tags without keys.
  await env.DB.batch([env.DB.prepare("DELETE FROM messages_fts"), env.DB.prepare("DELETE FROM contacts_fts")]);
  await env.DB.batch([
    env.DB.prepare("INSERT INTO tags (id, name, created_at) VALUES ('old-1', 'Urgent', 0)"),
    env.DB.prepare("INSERT INTO tags (id, name, name_key, created_at) VALUES ('old-2', 'Later', 'placeholder', 0)"),
  ]);
});

it("indexes the messages and contacts that were stored before it", async () => {
  const agent = await owner();
  expect((await call("/api/v1/search?q=encomenda", { client: agent })).body.hits).toEqual([]);
  for (const sql of backfill(/^INSERT INTO (messages|contacts)_fts/)) await env.DB.prepare(sql).run();
  const messages = (await call("/api/v1/search?q=encomenda", { client: agent })).body.hits;
  expect(messages.map((h: { conversationId: string; seq: number }) => [h.conversationId, h.seq])).toEqual([[conv.conversationId, conv.seq]]);
  const contacts = (await call("/api/v1/search?q=beatriz", { client: agent })).body.hits;
  expect(contacts.map((h: { contactId: string; kind: string }) => [h.kind, h.contactId])).toEqual([["contact", conv.contactId]]);
});

it("gives existing tags their case-folded name keys", async () => {
  for (const sql of backfill(/^UPDATE `tags`/)) await env.DB.prepare(sql).run();
  const rows = await env.DB.prepare("SELECT id, name_key FROM tags WHERE id LIKE 'old-%' ORDER BY id").all();
  expect(rows.results).toEqual([
    { id: "old-1", name_key: "urgent" },
    { id: "old-2", name_key: "later" },
  ]);
});
