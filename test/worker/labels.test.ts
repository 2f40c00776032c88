/**
 * Tags, conversation types and canned responses: admins define them (names unique in
 * any letter case, shortcodes unique), agents use them; tag sets are replaced whole and
 * only with tags that exist; deleting a tag or type takes it off everything at once; a
 * conversation's type survives later projections of the conversation.
 */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { eventually, expectApiError } from "./assertions";
import { agentWithRole, customerWrites, owner, webchatInbox } from "./fixtures";
import { bearer, call, type Client } from "./http-client";
import { storedRows, tablesWithColumn } from "./stored-rows";

let boss: Client;
let admin: Client;
let agent: Client;
let inbox: { id: string; publicKey: string };

beforeAll(async () => {
  boss = await owner();
  admin = await agentWithRole("admin");
  agent = await agentWithRole("agent");
  inbox = await webchatInbox(boss);
});

const newTag = async (name: string, color?: string) => {
  const res = await call("/api/v1/tags", { method: "POST", json: color ? { name, color } : { name }, client: admin });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: string; name: string; color: string };
};

describe("tags", () => {
  it("creates, lists by name, renames and recolours", async () => {
    const b = await newTag("billing", "#1f883d");
    const a = await newTag("Atraso");
    expect(a.color).toBe("#6e7781");
    const names = (await call("/api/v1/tags", { client: agent })).body.tags.map((t: { name: string }) => t.name);
    expect(names.indexOf("Atraso")).toBeLessThan(names.indexOf("billing"));
    const renamed = await call(`/api/v1/tags/${b.id}`, { method: "PATCH", json: { name: "Billing", color: "#0969da" }, client: admin });
    expect(renamed.body).toEqual({ id: b.id, name: "Billing", color: "#0969da" });
    expect((await call(`/api/v1/tags/${b.id}`, { method: "PATCH", json: {}, client: admin })).body).toEqual(renamed.body);
  });

  it("refuses a duplicate name in any letter case with 409 conflict, on create and rename", async () => {
    const first = await newTag("Urgente");
    const other = await newTag("Normal");
    const rows = await storedRows();
    expectApiError(await call("/api/v1/tags", { method: "POST", json: { name: "urgente" }, client: admin }), 409, "conflict");
    expectApiError(await call("/api/v1/tags", { method: "POST", json: { name: "  Urgente " }, client: admin }), 409, "conflict");
    expectApiError(await call(`/api/v1/tags/${other.id}`, { method: "PATCH", json: { name: "URGENTE" }, client: admin }), 409, "conflict");
    await newTag("Ação");
    const rowsWithAcao = await storedRows();
    expectApiError(await call("/api/v1/tags", { method: "POST", json: { name: "AÇÃO" }, client: admin }), 409, "conflict");
    expect(await storedRows()).toEqual(rowsWithAcao);
    rows.tags! += 1;
    rows.audit_log! += 1; // the "Ação" tag's settings.changed entry
    expect(await storedRows()).toEqual(rows);
    expect((await call("/api/v1/tags", { client: agent })).body.tags.find((t: { id: string }) => t.id === other.id).name).toBe("Normal");
    expect(first.name).toBe("Urgente");
  });

  it("answers 404 tag_not_found for an unknown tag on PATCH and DELETE", async () => {
    expectApiError(await call(`/api/v1/tags/${crypto.randomUUID()}`, { method: "PATCH", json: { name: "x" }, client: admin }), 404, "tag_not_found");
    expectApiError(await call(`/api/v1/tags/${crypto.randomUUID()}`, { method: "DELETE", client: admin }), 404, "tag_not_found");
  });

  it("replaces a conversation's tag set, deduplicated", async () => {
    const conv = await customerWrites(inbox.publicKey, "tag me");
    const [x, y] = [await newTag("x-set"), await newTag("y-set")];
    const put = (tagIds: string[]) => call(`/api/v1/conversations/${conv.conversationId}/tags`, { method: "PUT", json: { tagIds }, client: agent });
    expect((await put([x.id, y.id, x.id])).body.tagIds).toEqual([x.id, y.id].sort());
    expect((await put([y.id])).body).toEqual({ tagIds: [y.id] });
    expect((await call(`/api/v1/conversations/${conv.conversationId}`, { client: agent })).body.conversation.tagIds).toEqual([y.id]);
    expect((await put([])).body).toEqual({ tagIds: [] });
  });

  it("refuses an unknown tag id with 404 tag_not_found and leaves the set as it was", async () => {
    const conv = await customerWrites(inbox.publicKey, "keep my tags");
    const kept = await newTag("kept");
    await call(`/api/v1/conversations/${conv.conversationId}/tags`, { method: "PUT", json: { tagIds: [kept.id] }, client: agent });
    const res = await call(`/api/v1/conversations/${conv.conversationId}/tags`, { method: "PUT", json: { tagIds: [kept.id, "no-such-tag"] }, client: agent });
    expectApiError(res, 404, "tag_not_found");
    expect((await call(`/api/v1/conversations/${conv.conversationId}`, { client: agent })).body.conversation.tagIds).toEqual([kept.id]);
  });

  it("tags single messages, lists them in seq order, and refuses a seq that is not a message", async () => {
    const conv = await customerWrites(inbox.publicKey, "first");
    const second = await call("/api/v1/widget/messages", { method: "POST", json: { body: "second", clientId: "m2" }, headers: bearer(conv.token) });
    const resolved = await call(`/api/v1/conversations/${conv.conversationId}/status`, { method: "POST", json: { status: "resolved" }, client: agent });
    const [a, b] = [await newTag("msg-a"), await newTag("msg-b")];
    const tagMessage = (seq: number, tagIds: string[]) => call(`/api/v1/conversations/${conv.conversationId}/messages/${seq}/tags`, { method: "PUT", json: { tagIds }, client: agent });
    // Tagged straight away: the room, not D1, says whether the message exists.
    expect((await tagMessage(second.body.seq, [b.id, a.id])).body).toEqual({ tagIds: [a.id, b.id].sort() });
    expect((await tagMessage(conv.seq, [a.id])).body).toEqual({ tagIds: [a.id] });
    expect((await call(`/api/v1/conversations/${conv.conversationId}/message-tags`, { client: agent })).body).toEqual({
      messages: [
        { seq: conv.seq, tagIds: [a.id] },
        { seq: second.body.seq, tagIds: [a.id, b.id].sort() },
      ],
    });
    const rows = await storedRows();
    expectApiError(await tagMessage(resolved.body.conversation.lastSeq, [a.id]), 404, "message_not_found");
    expectApiError(await tagMessage(999, [a.id]), 404, "message_not_found");
    expectApiError(await tagMessage(conv.seq, ["no-such-tag"]), 404, "tag_not_found");
    expect(await storedRows()).toEqual(rows);
    expect((await tagMessage(conv.seq, [])).body).toEqual({ tagIds: [] });
  });

  it("deletes a tag from conversations, messages and contacts in the same batch", async () => {
    const conv = await customerWrites(inbox.publicKey, "doomed tag");
    const doomed = await newTag("doomed");
    const survivor = await newTag("survivor");
    const both = [doomed.id, survivor.id];
    await call(`/api/v1/conversations/${conv.conversationId}/tags`, { method: "PUT", json: { tagIds: both }, client: agent });
    await call(`/api/v1/conversations/${conv.conversationId}/messages/${conv.seq}/tags`, { method: "PUT", json: { tagIds: both }, client: agent });
    await call(`/api/v1/contacts/${conv.contactId}`, { method: "PATCH", json: { tagIds: both }, client: agent });
    expectApiError(await call(`/api/v1/tags/${doomed.id}`, { method: "DELETE", client: agent }), 403, "forbidden");

    expect((await call(`/api/v1/tags/${doomed.id}`, { method: "DELETE", client: admin })).body).toEqual({ ok: true });
    const count = async (table: string) => (await env.DB.prepare(`SELECT count(*) AS n FROM ${table} WHERE tag_id = ?`).bind(doomed.id).first<{ n: number }>())!.n;
    // Every table that links to a tag, read from the schema, so a new link table is checked too.
    const linkTables = await tablesWithColumn("tag_id");
    expect(linkTables).toEqual(expect.arrayContaining(["conversation_tags", "message_tags", "contact_tags"]));
    for (const table of linkTables) expect(await count(table), table).toBe(0);
    expect((await call(`/api/v1/conversations/${conv.conversationId}`, { client: agent })).body.conversation.tagIds).toEqual([survivor.id]);
    expect((await call(`/api/v1/conversations/${conv.conversationId}/message-tags`, { client: agent })).body.messages).toEqual([{ seq: conv.seq, tagIds: [survivor.id] }]);
    expect((await call(`/api/v1/contacts/${conv.contactId}`, { client: agent })).body.contact.tagIds).toEqual([survivor.id]);
    expect((await call("/api/v1/tags", { client: agent })).body.tags.map((t: { id: string }) => t.id)).not.toContain(doomed.id);
  });
});

describe("conversation types", () => {
  it("creates, renames and lists types; a duplicate name in any case is 409", async () => {
    const created = await call("/api/v1/conversation-types", { method: "POST", json: { name: "Reclamação" }, client: admin });
    expect(created.status).toBe(201);
    expectApiError(await call("/api/v1/conversation-types", { method: "POST", json: { name: "reclamação" }, client: admin }), 409, "conflict");
    const renamed = await call(`/api/v1/conversation-types/${created.body.id}`, { method: "PATCH", json: { name: "Complaint" }, client: admin });
    expect(renamed.body).toEqual({ id: created.body.id, name: "Complaint" });
    expect((await call("/api/v1/conversation-types", { client: agent })).body.types).toContainEqual({ id: created.body.id, name: "Complaint" });
    expectApiError(await call(`/api/v1/conversation-types/${crypto.randomUUID()}`, { method: "PATCH", json: { name: "x" }, client: admin }), 404, "conversation_type_not_found");
  });

  it("sets and clears a conversation's type; an unknown type is 404 and changes nothing", async () => {
    const conv = await customerWrites(inbox.publicKey, "classify me");
    const question = (await call("/api/v1/conversation-types", { method: "POST", json: { name: "Question" }, client: admin })).body;
    const put = (typeId: string | null) => call(`/api/v1/conversations/${conv.conversationId}/type`, { method: "PUT", json: { typeId }, client: agent });
    expect((await put(question.id)).body.conversation).toMatchObject({ id: conv.conversationId, typeId: question.id, lastSeq: 1 });
    expectApiError(await put("no-such-type"), 404, "conversation_type_not_found");
    expect((await call(`/api/v1/conversations/${conv.conversationId}`, { client: agent })).body.conversation.typeId).toBe(question.id);
    expect((await put(null)).body.conversation.typeId).toBeNull();
  });

  it("keeps a conversation's type through later projections of the conversation", async () => {
    const conv = await customerWrites(inbox.publicKey, "before");
    const order = (await call("/api/v1/conversation-types", { method: "POST", json: { name: "Order" }, client: admin })).body;
    await call(`/api/v1/conversations/${conv.conversationId}/type`, { method: "PUT", json: { typeId: order.id }, client: agent });
    await call("/api/v1/widget/messages", { method: "POST", json: { body: "after", clientId: "after-1" }, headers: bearer(conv.token) });
    await call(`/api/v1/conversations/${conv.conversationId}/assign`, { method: "POST", json: { assigneeId: null, teamId: null }, client: agent });
    const row = await eventually(async () => {
      const r = await env.DB.prepare("SELECT type_id, last_seq FROM conversations WHERE id = ?").bind(conv.conversationId).first<{ type_id: string | null; last_seq: number }>();
      expect(r!.last_seq).toBeGreaterThanOrEqual(3);
      return r!;
    });
    expect(row.type_id).toBe(order.id);
  });

  it("deleting a type leaves its conversations unclassified", async () => {
    const conv = await customerWrites(inbox.publicKey, "typed");
    const temp = (await call("/api/v1/conversation-types", { method: "POST", json: { name: "Temporary" }, client: admin })).body;
    await call(`/api/v1/conversations/${conv.conversationId}/type`, { method: "PUT", json: { typeId: temp.id }, client: agent });
    expect((await call(`/api/v1/conversation-types/${temp.id}`, { method: "DELETE", client: admin })).body).toEqual({ ok: true });
    expect((await call(`/api/v1/conversations/${conv.conversationId}`, { client: agent })).body.conversation.typeId).toBeNull();
    expectApiError(await call(`/api/v1/conversation-types/${temp.id}`, { method: "DELETE", client: admin }), 404, "conversation_type_not_found");
  });
});

describe("canned responses", () => {
  beforeAll(async () => {
    for (const [shortcode, body] of [
      ["greet", "Olá {{contact.name}}, como posso ajudar?"],
      ["refund", "Your refund is on its way."],
      ["bye", "Obrigado pelo contato! 100% resolvido."],
      ["regreet", "Hello again"],
    ]) {
      expect((await call("/api/v1/canned-responses", { method: "POST", json: { shortcode, body }, client: admin })).status).toBe(201);
    }
  });

  it("lists every canned response by shortcode for any agent", async () => {
    const res = await call("/api/v1/canned-responses", { client: agent });
    expect(res.body.cannedResponses.map((c: { shortcode: string }) => c.shortcode)).toEqual(["bye", "greet", "refund", "regreet"]);
  });

  it("matches ?q= in shortcodes (prefix first) and bodies, in any case, literally", async () => {
    const q = async (query: string) => (await call(`/api/v1/canned-responses?q=${encodeURIComponent(query)}`, { client: agent })).body.cannedResponses.map((c: { shortcode: string }) => c.shortcode);
    expect(await q("gre")).toEqual(["greet", "regreet"]);
    expect(await q("/gre")).toEqual(["greet", "regreet"]);
    expect(await q("REFUND")).toEqual(["refund"]);
    expect(await q("obrigado")).toEqual(["bye"]);
    expect(await q("100%")).toEqual(["bye"]);
    expect(await q("%")).toEqual(["bye"]);
    expect(await q("_")).toEqual([]);
    expect(await q("nothing like it")).toEqual([]);
  });

  it("refuses a duplicate shortcode with 409 and edits and deletes by id", async () => {
    const rows = await storedRows();
    expectApiError(await call("/api/v1/canned-responses", { method: "POST", json: { shortcode: "GREET", body: "again" }, client: admin }), 409, "conflict");
    expect(await storedRows()).toEqual(rows);
    const refund = (await call("/api/v1/canned-responses?q=refund", { client: agent })).body.cannedResponses[0];
    expectApiError(await call(`/api/v1/canned-responses/${refund.id}`, { method: "PATCH", json: { shortcode: "bye" }, client: admin }), 409, "conflict");
    const edited = await call(`/api/v1/canned-responses/${refund.id}`, { method: "PATCH", json: { body: "Refunded." }, client: admin });
    expect(edited.body).toEqual({ id: refund.id, shortcode: "refund", body: "Refunded." });
    expectApiError(await call(`/api/v1/canned-responses/${refund.id}`, { method: "PATCH", json: { body: "x" }, client: agent }), 403, "forbidden");
    expect((await call(`/api/v1/canned-responses/${refund.id}`, { method: "DELETE", client: admin })).body).toEqual({ ok: true });
    expectApiError(await call(`/api/v1/canned-responses/${refund.id}`, { method: "DELETE", client: admin }), 404, "canned_response_not_found");
    expectApiError(await call(`/api/v1/canned-responses/${refund.id}`, { method: "PATCH", json: { body: "x" }, client: admin }), 404, "canned_response_not_found");
  });
});
