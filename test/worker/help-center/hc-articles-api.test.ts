/**
 * The editors' API: portals (admins), articles (any agent), translations, filing under
 * categories and folders, and the publishing history that records who changed what.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { expectApiError } from "../assertions";
import { agentWithRole, owner } from "../fixtures";
import { call, type Client } from "../http-client";
import { created, makeArticle, makePortal, uniqueSlug } from "./hc-kit";

let boss: Client;
let agent: Client & { id: string };
let portal: any;

beforeAll(async () => {
  boss = await owner();
  agent = await agentWithRole("agent");
  portal = await makePortal(boss);
});

describe("portals", () => {
  it("are created by admins with their defaults, and listed to every agent", async () => {
    expect(portal).toMatchObject({ audience: "public", primaryColor: "#1f6feb", customDomain: null, defaultLocale: "pt-BR", locales: ["pt-BR", "en", "es"] });
    const listed = await call("/api/v1/help-center/portals", { client: agent });
    expect(listed.status).toBe(200);
    expect(listed.body.portals.map((p: any) => p.id)).toContain(portal.id);
  });

  it("refuses agents (403), a taken slug (409) and a default locale not offered (400)", async () => {
    expectApiError(await call("/api/v1/help-center/portals", { method: "POST", json: { name: "X", slug: uniqueSlug(), defaultLocale: "en", locales: ["en"] }, client: agent }), 403, "forbidden");
    expectApiError(await call("/api/v1/help-center/portals", { method: "POST", json: { name: "X", slug: portal.slug, defaultLocale: "en", locales: ["en"] }, client: boss }), 409, "conflict");
    expectApiError(await call("/api/v1/help-center/portals", { method: "POST", json: { name: "X", slug: uniqueSlug(), defaultLocale: "es", locales: ["en"] }, client: boss }), 400, "validation_failed");
    expectApiError(await call(`/api/v1/help-center/portals/${portal.id}`, { method: "PATCH", json: { locales: ["en"] }, client: boss }), 400, "validation_failed");
  });

  it("is deleted only once it holds no article", async () => {
    const p = await makePortal(boss);
    const a = await makeArticle(boss, p.id);
    expectApiError(await call(`/api/v1/help-center/portals/${p.id}`, { method: "DELETE", client: boss }), 409, "conflict");
    expect((await call(`/api/v1/help-center/articles/${a.id}`, { method: "DELETE", client: boss })).status).toBe(200);
    expect((await call(`/api/v1/help-center/portals/${p.id}`, { method: "DELETE", client: boss })).status).toBe(200);
    expectApiError(await call(`/api/v1/help-center/portals/${p.id}`, { method: "DELETE", client: boss }), 404, "portal_not_found");
  });
});

describe("articles", () => {
  it("are written by any agent, start as drafts, and name their author", async () => {
    const a = await created("/api/v1/help-center/articles", { portalId: portal.id, locale: "pt-BR", title: "Trocar a senha", body: "Passo 1" }, agent);
    expect(a).toMatchObject({ status: "draft", visibility: "public", authorId: agent.id, groupId: a.id, translationOf: null, publishedAt: null });
  });

  it("records each save in the history: who, which fields, created → edited → published → unpublished", async () => {
    const a = await makeArticle(agent, portal.id, { status: "draft", title: "Prazo de entrega" });
    expect((await call(`/api/v1/help-center/articles/${a.id}`, { method: "PATCH", json: { body: "Até 5 dias úteis." }, client: boss })).status).toBe(200);
    const published = await call(`/api/v1/help-center/articles/${a.id}`, { method: "PATCH", json: { status: "published" }, client: agent });
    expect(published.body.publishedAt).toBeTypeOf("number");
    await call(`/api/v1/help-center/articles/${a.id}`, { method: "PATCH", json: { status: "draft" }, client: agent });
    // Saving what is already there is no change and leaves no revision.
    await call(`/api/v1/help-center/articles/${a.id}`, { method: "PATCH", json: { title: "Prazo de entrega" }, client: agent });
    const history = (await call(`/api/v1/help-center/articles/${a.id}/revisions`, { client: agent })).body.revisions;
    expect(history.map((r: any) => r.action)).toEqual(["unpublished", "published", "edited", "created"]);
    expect(history[2]).toMatchObject({ changed: ["body"], body: "Até 5 dias úteis.", actor: { type: "agent" } });
    expect(history[2].actor.id).not.toBe(agent.id);
    expect(history[1].actor.id).toBe(agent.id);
  });

  it("links a translation to its source: one per locale, never a translation of a translation", async () => {
    const source = await makeArticle(boss, portal.id, { title: "Como pagar" });
    const en = await makeArticle(boss, portal.id, { locale: "en", title: "How to pay", translationOf: source.id });
    expect(en).toMatchObject({ groupId: source.id, translationOf: source.id });
    expectApiError(await call("/api/v1/help-center/articles", { method: "POST", json: { portalId: portal.id, locale: "en", title: "Again", body: "", translationOf: source.id }, client: boss }), 409, "conflict");
    expectApiError(await call("/api/v1/help-center/articles", { method: "POST", json: { portalId: portal.id, locale: "es", title: "Pagar", body: "", translationOf: en.id }, client: boss }), 400, "validation_failed");
    // The source goes last: its translations first.
    expectApiError(await call(`/api/v1/help-center/articles/${source.id}`, { method: "DELETE", client: boss }), 409, "conflict");
  });

  it("files an article under a folder's category, and refuses a folder of another category or portal", async () => {
    const cat = await created(`/api/v1/help-center/portals/${portal.id}/categories`, { slug: uniqueSlug("cat"), name: "Pagamentos" }, boss);
    const other = await created(`/api/v1/help-center/portals/${portal.id}/categories`, { slug: uniqueSlug("cat"), name: "Entregas" }, boss);
    const folder = await created(`/api/v1/help-center/categories/${cat.id}/folders`, { name: "Pix" }, boss);
    const a = await makeArticle(agent, portal.id, { folderId: folder.id });
    expect(a).toMatchObject({ categoryId: cat.id, folderId: folder.id });
    expectApiError(await call("/api/v1/help-center/articles", { method: "POST", json: { portalId: portal.id, locale: "pt-BR", title: "X", body: "", categoryId: other.id, folderId: folder.id }, client: agent }), 400, "validation_failed");
    const elsewhere = await makePortal(boss);
    expectApiError(await call("/api/v1/help-center/articles", { method: "POST", json: { portalId: elsewhere.id, locale: "pt-BR", title: "X", body: "", folderId: folder.id }, client: agent }), 404, "folder_not_found");
    // Moving to another category drops the folder.
    const moved = await call(`/api/v1/help-center/articles/${a.id}`, { method: "PATCH", json: { categoryId: other.id }, client: agent });
    expect(moved.body).toMatchObject({ categoryId: other.id, folderId: null });
    expectApiError(await call(`/api/v1/help-center/categories/${cat.id}`, { method: "DELETE", client: boss }), 409, "conflict");
  });

  it("refuses a locale the portal does not offer and a segment without its tag", async () => {
    const enOnly = await makePortal(boss, { defaultLocale: "en", locales: ["en"] });
    expectApiError(await call("/api/v1/help-center/articles", { method: "POST", json: { portalId: enOnly.id, locale: "es", title: "X", body: "" }, client: agent }), 400, "validation_failed");
    expectApiError(await call("/api/v1/help-center/articles", { method: "POST", json: { portalId: portal.id, locale: "pt-BR", title: "X", body: "", visibility: "segment" }, client: agent }), 400, "validation_failed");
    expectApiError(await call("/api/v1/help-center/articles", { method: "POST", json: { portalId: portal.id, locale: "pt-BR", title: "X", body: "", visibility: "segment", segmentTagId: "no-such-tag" }, client: agent }), 404, "tag_not_found");
  });

  it("lets only admins delete", async () => {
    const a = await makeArticle(agent, portal.id);
    expectApiError(await call(`/api/v1/help-center/articles/${a.id}`, { method: "DELETE", client: agent }), 403, "forbidden");
    expect((await call(`/api/v1/help-center/articles/${a.id}`, { method: "DELETE", client: boss })).status).toBe(200);
    expectApiError(await call(`/api/v1/help-center/articles/${a.id}`, { client: agent }), 404, "article_not_found");
  });

  it("previews Markdown with the public renderer", async () => {
    const res = await call("/api/v1/help-center/preview", { method: "POST", json: { markdown: "**oi** <script>alert(1)</script>" }, client: agent });
    expect(res.status).toBe(200);
    expect(res.body.html).toContain("<strong>oi</strong>");
    expect(res.body.html).toContain("&lt;script&gt;");
  });
});

describe("filing belongs to the group", () => {
  it("files a translation with its source, and moves every translation with a move", async () => {
    const cat = await created(`/api/v1/help-center/portals/${portal.id}/categories`, { slug: uniqueSlug("cat"), name: "Conta" }, boss);
    const next = await created(`/api/v1/help-center/portals/${portal.id}/categories`, { slug: uniqueSlug("cat"), name: "Cadastro" }, boss);
    const source = await makeArticle(boss, portal.id, { categoryId: cat.id });
    const es = await makeArticle(boss, portal.id, { locale: "es", translationOf: source.id });
    expect(es.categoryId).toBe(cat.id);
    expectApiError(await call("/api/v1/help-center/articles", { method: "POST", json: { portalId: portal.id, locale: "en", title: "X", body: "", translationOf: source.id, categoryId: next.id }, client: boss }), 400, "validation_failed");
    await call(`/api/v1/help-center/articles/${es.id}`, { method: "PATCH", json: { categoryId: next.id }, client: boss });
    expect((await call(`/api/v1/help-center/articles/${source.id}`, { client: boss })).body.categoryId).toBe(next.id);
  });
});
