/**
 * Search: full text over messages (private notes included) and contacts' names, e-mails
 * and phones; accent- and case-insensitive for Portuguese; prefix on the last word;
 * snippets marked with HIGHLIGHT_START/END; newest first with a cursor; and user text
 * is never parsed as FTS5 syntax.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { HIGHLIGHT_END, HIGHLIGHT_START, type SearchHit } from "../../worker/protocol";
import { eventually, expectApiError } from "./assertions";
import { agentWithRole, customerWrites, owner, webchatInbox } from "./fixtures";
import { bearer, call, type Client } from "./http-client";
import { storedRows } from "./stored-rows";

let boss: Client;
let agent: Client;
let inbox: { id: string; publicKey: string };

const search = (q: string, extra = "") => call(`/api/v1/search?q=${encodeURIComponent(q)}${extra}`, { client: agent });
const hits = async (q: string): Promise<SearchHit[]> => {
  const res = await search(q);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.hits;
};
/** Waits for the projection to bring `q`'s expected hits into D1. */
const hitsOnceIndexed = (q: string, atLeast = 1) =>
  eventually(async () => {
    const found = await hits(q);
    expect(found.length).toBeGreaterThanOrEqual(atLeast);
    return found;
  });

let nao: { conversationId: string; contactId: string; seq: number; token: string };
let joao: { conversationId: string; contactId: string; seq: number };

beforeAll(async () => {
  boss = await owner();
  agent = await agentWithRole("agent");
  inbox = await webchatInbox(boss);
  nao = await customerWrites(inbox.publicKey, "Eu não recebi o pedido");
  await call("/api/v1/widget/messages", { method: "POST", json: { body: "A Ação de graças chegou?", clientId: "acao" }, headers: bearer(nao.token) });
  joao = await customerWrites(inbox.publicKey, "Olá, bom dia");
  const edit = await call(`/api/v1/contacts/${joao.contactId}`, {
    method: "PATCH",
    json: { name: "João Silva", email: "joao.silva@exemplo.com.br", phone: "+55 (11) 98765-4321" },
    client: agent,
  });
  expect(edit.status, JSON.stringify(edit.body)).toBe(200);
});

describe("accent-insensitive full text", () => {
  it('finds "não" for "nao", with the conversation, seq and a highlighted snippet', async () => {
    const [hit] = await hitsOnceIndexed("nao");
    expect(hit).toMatchObject({ kind: "message", conversationId: nao.conversationId, seq: nao.seq, contactId: nao.contactId, channel: "webchat" });
    expect(hit!.snippet).toBe(`Eu ${HIGHLIGHT_START}não${HIGHLIGHT_END} recebi o pedido`);
  });

  it('finds "Ação" for "acao" and for "AÇÃO"', async () => {
    for (const q of ["acao", "AÇÃO"]) {
      const found = await hitsOnceIndexed(q);
      expect(found.map((h) => [h.conversationId, h.seq])).toEqual([[nao.conversationId, nao.seq + 1]]);
      expect(found[0]!.snippet).toContain(`${HIGHLIGHT_START}Ação${HIGHLIGHT_END}`);
    }
  });

  it("matches the last word as a prefix while the agent types, and needs every word", async () => {
    expect((await hits("receb")).map((h) => h.seq)).toEqual([nao.seq]);
    expect((await hits("nao receb")).map((h) => h.seq)).toEqual([nao.seq]);
    expect(await hits("nao chegou")).toEqual([]);
  });

  it("finds private notes too (agents search their notes), but never status events", async () => {
    const note = await call(`/api/v1/conversations/${nao.conversationId}/messages`, { method: "POST", json: { body: "Cliente pediu reembolso urgente", kind: "note" }, client: boss });
    expect(note.status).toBe(201);
    const [hit] = await hitsOnceIndexed("reembolso");
    expect(hit).toMatchObject({ kind: "message", conversationId: nao.conversationId, seq: note.body.seq });
    await call(`/api/v1/conversations/${nao.conversationId}/status`, { method: "POST", json: { status: "resolved" }, client: boss });
    expect(await hits("resolved")).toEqual([]);
  });
});

describe("contacts", () => {
  it('finds contact "João" for "joao", pointing at their latest conversation', async () => {
    const found = await hitsOnceIndexed("joao");
    const contact = found.find((h) => h.kind === "contact");
    expect(contact).toMatchObject({ kind: "contact", conversationId: joao.conversationId, seq: null, contactId: joao.contactId, contactName: "João Silva" });
    expect(contact!.snippet).toContain(`${HIGHLIGHT_START}João${HIGHLIGHT_END}`);
  });

  it("finds a contact by e-mail, whole or in part", async () => {
    for (const q of ["joao.silva@exemplo.com.br", "silva@exemplo", "exemplo.com"]) {
      expect((await hits(q)).filter((h) => h.kind === "contact").map((h) => h.contactId), q).toEqual([joao.contactId]);
    }
  });

  it("finds a contact by phone, as written or as bare digits", async () => {
    for (const q of ["98765-4321", "98765", "+55 11 98765", "5511987654321", "551198765"]) {
      expect((await hits(q)).filter((h) => h.kind === "contact").map((h) => h.contactId), q).toEqual([joao.contactId]);
    }
  });

  it("follows a contact's edits: the new name is found and the old one is not", async () => {
    const edit = await call(`/api/v1/contacts/${joao.contactId}`, { method: "PATCH", json: { name: "Joana Prado", email: null }, client: agent });
    expect(edit.status).toBe(200);
    expect((await hits("prado")).map((h) => h.contactId)).toEqual([joao.contactId]);
    expect(await hits("silva")).toEqual([]);
    expect(await hits("exemplo")).toEqual([]);
    expect((await hits("98765")).map((h) => h.contactId)).toEqual([joao.contactId]);
    await call(`/api/v1/contacts/${joao.contactId}`, { method: "PATCH", json: { name: "João Silva", email: "joao.silva@exemplo.com.br" }, client: agent });
  });

  it("leaves out a contact who never wrote (no conversation to open)", async () => {
    const silent = (await call("/api/v1/widget/sessions", { method: "POST", json: { inbox: inbox.publicKey } })).body;
    await call("/api/v1/widget/contact", { method: "PATCH", json: { name: "Zacarias Mudo" }, headers: bearer(silent.token) });
    expect(await hits("zacarias")).toEqual([]);
  });
});

describe("order and paging", () => {
  it("pages every hit newest first with the cursor, without gaps or repeats", async () => {
    const sent: Array<{ conversationId: string; seq: number }> = [];
    for (let i = 0; i < 7; i++) {
      const c = await customerWrites(inbox.publicKey, `pagina numero ${i} paginação`);
      sent.push({ conversationId: c.conversationId, seq: c.seq });
      await new Promise((r) => setTimeout(r, 3));
    }
    await hitsOnceIndexed("paginacao", 7);
    const seen: SearchHit[] = [];
    let cursor: string | null = null;
    do {
      const page: { status: number; body: { hits: SearchHit[]; nextCursor: string | null } } = await search("paginacao", `&limit=3${cursor ? `&cursor=${cursor}` : ""}`);
      expect(page.status).toBe(200);
      expect(page.body.hits.length).toBeLessThanOrEqual(3);
      seen.push(...page.body.hits);
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen.map((h) => h.conversationId)).toEqual(sent.map((s) => s.conversationId).reverse());
    const times = seen.map((h) => h.at);
    expect(times).toEqual([...times].sort((a, b) => b - a));
  });
});

describe("user text is never FTS5 syntax", () => {
  it.each(['"', '""', "*", "NEAR(", "NEAR(nao recebi", "-", "-nao", "AND", "nao AND", "OR NOT", "name:joao", "body:nao", "^nao", "(", ")", "{nao}", "'", "\\", "nao*", "😀", "😀 nao", "🇧🇷", "%", "_", "NOT nao", "a OR b"])(
    "answers %s with 200",
    async (q) => {
      const res = await search(q);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(Array.isArray(res.body.hits)).toBe(true);
    },
  );

  it("reads operators and quotes as plain words", async () => {
    expect((await hits('"nao')).map((h) => h.seq)).toEqual([nao.seq]);
    expect((await hits("-nao")).map((h) => h.seq)).toEqual([nao.seq]);
    expect((await hits("😀 nao")).map((h) => h.seq)).toEqual([nao.seq]);
    expect(await hits("NOT nao")).toEqual([]);
  });

  it("answers an empty, blank or oversize query or a bad cursor with 400 and stores nothing", async () => {
    const rows = await storedRows();
    for (const query of ["", "q=", "q=%20%20", `q=${"x".repeat(201)}`, "q=nao&cursor=nope", "q=nao&limit=0", "q=nao&limit=201", "q=nao&extra=1"]) {
      expectApiError(await call(`/api/v1/search?${query}`, { client: agent }), 400, "validation_failed");
    }
    expect(await storedRows()).toEqual(rows);
  });
});
