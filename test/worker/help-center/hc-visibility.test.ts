/**
 * Visibility: each kind of article is read by exactly its audience — anonymous visitors
 * (public site, widget API), signed-in customers (public + customers), customers of a
 * segment (their tag's articles) and agents (internal too) — and drafts by none; search
 * and lists agree with the article pages. The customer readers are exercised through the
 * same query modules the customer portal calls (db/hc-published.ts, db/hc-search.ts).
 */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { database } from "../../../worker/db/client";
import { listedArticles, shownArticle } from "../../../worker/db/hc-published";
import { searchArticles } from "../../../worker/db/hc-search";
import type { HcAudience } from "../../../worker/help-center/audience";
import { customerWrites, owner, webchatInbox } from "../fixtures";
import { call, type Client } from "../http-client";
import { created, makeArticle, makePortal, site } from "./hc-kit";

let boss: Client;
let portal: any;
const ids: Record<string, string> = {};
let vip: HcAudience;
let plain: HcAudience;
const db = () => database(env.DB);

const KINDS = ["public", "customers", "segment", "internal", "draft"] as const;

beforeAll(async () => {
  boss = await owner();
  portal = await makePortal(boss);
  const tag = await created("/api/v1/tags", { name: "VIP" }, boss);
  const inbox = await webchatInbox(boss, "Visibility");
  const a = await customerWrites(inbox.publicKey, "Oi");
  const b = await customerWrites(inbox.publicKey, "Olá");
  expect((await call(`/api/v1/contacts/${a.contactId}`, { method: "PATCH", json: { tagIds: [tag.id] }, client: boss })).status).toBe(200);
  vip = { kind: "customer", contactId: a.contactId };
  plain = { kind: "customer", contactId: b.contactId };
  // Each article says its kind in a word search can find: "zebra<kind>".
  for (const kind of KINDS) {
    const visibility = kind === "draft" ? "public" : kind;
    const article = await makeArticle(boss, portal.id, {
      title: `Guia zebra${kind}`,
      body: `Conteúdo zebra${kind} e girafa.`,
      visibility,
      status: kind === "draft" ? "draft" : "published",
      ...(kind === "segment" ? { segmentTagId: tag.id } : {}),
    });
    ids[kind] = article.groupId;
  }
});

const READERS: [string, () => HcAudience, (typeof KINDS)[number][]][] = [
  ["an anonymous visitor", () => ({ kind: "anonymous" }), ["public"]],
  ["a signed-in customer outside the segment", () => plain, ["public", "customers"]],
  ["a customer whose contact has the segment's tag", () => vip, ["public", "customers", "segment"]],
  ["an agent", () => ({ kind: "agent" }), ["public", "customers", "segment", "internal"]],
];

describe.each(READERS)("%s", (_, audience, sees) => {
  it("opens exactly the articles of their audience, never a draft", async () => {
    for (const kind of KINDS) {
      const shown = await shownArticle(db(), portal, ids[kind]!, "pt-BR", audience());
      expect(shown !== undefined, kind).toBe(sees.includes(kind));
    }
  });

  it("finds the same ones in lists and in search", async () => {
    const listed = await listedArticles(db(), portal, "pt-BR", audience());
    expect(listed.map((a) => a.groupId).sort()).toEqual(sees.map((k) => ids[k]).sort());
    const hits = await searchArticles(db(), { text: "girafa", audience: audience(), limit: 20, portal, locale: "pt-BR" });
    expect(hits.map((h) => h.groupId).sort()).toEqual(sees.map((k) => ids[k]).sort());
    // Searching for a hidden article's own word finds nothing either.
    for (const kind of KINDS.filter((k) => !sees.includes(k))) {
      expect(await searchArticles(db(), { text: `zebra${kind}`, audience: audience(), limit: 20, portal, locale: "pt-BR" }), kind).toEqual([]);
    }
  });
});

describe("the public site and the widget API (anonymous)", () => {
  it("serve the public article and answer 404 for every other kind", async () => {
    for (const kind of KINDS) {
      const page = await site(`/hc/${portal.slug}/pt-BR/articles/${ids[kind]}`);
      expect(page.status, kind).toBe(kind === "public" ? 200 : 404);
      expect(page.text.includes(`zebra${kind}`), kind).toBe(kind === "public");
      const api = await call(`/api/v1/help-center/public/${portal.slug}/articles/${ids[kind]}`);
      expect(api.status, kind).toBe(kind === "public" ? 200 : 404);
    }
  });

  it("search only public articles", async () => {
    const api = await call(`/api/v1/help-center/public/${portal.slug}/search?q=girafa`);
    expect(api.body.hits.map((h: any) => h.groupId)).toEqual([ids.public]);
    // The widget's suggestions from a sentence (match=any) filter the same way.
    const suggested = await call(`/api/v1/help-center/public/${portal.slug}/search?match=any&q=${encodeURIComponent("uma girafa zebradraft zebrainternal")}`);
    expect(suggested.body.hits.map((h: any) => h.groupId)).toEqual([ids.public]);
    const page = await site(`/hc/${portal.slug}/pt-BR/search?q=girafa`);
    for (const kind of KINDS) expect(page.text.includes(`zebra${kind}`), kind).toBe(kind === "public");
  });

  it("keep a portal for signed-in customers closed: a sign-in page, and 404 from the API", async () => {
    const closed = await makePortal(boss, { audience: "customers" });
    const a = await makeArticle(boss, closed.id, { title: "Segredo aberto", visibility: "public" });
    const page = await site(`/hc/${closed.slug}/pt-BR/articles/${a.groupId}`);
    expect(page.status).toBe(403);
    expect(page.text).not.toContain("Segredo aberto");
    expect((await call(`/api/v1/help-center/public/${closed.slug}/articles/${a.groupId}`)).status).toBe(404);
    expect((await call(`/api/v1/help-center/public/${closed.slug}/search?q=segredo`)).status).toBe(404);
    expect((await site(`/hc/${closed.slug}/robots.txt`)).text).toContain("Disallow: /");
  });

  it("leave drafts and non-public articles out of the sitemap", async () => {
    const xml = (await site(`/hc/${portal.slug}/sitemap.xml`)).text;
    expect(xml).toContain(`/articles/${ids.public}`);
    for (const kind of KINDS.filter((k) => k !== "public")) expect(xml, kind).not.toContain(ids[kind]!);
  });
});

describe("agents' search (the composer)", () => {
  it("finds internal articles but no drafts", async () => {
    const res = await call(`/api/v1/help-center/search?q=girafa&portalId=${portal.id}`, { client: boss });
    expect(res.status).toBe(200);
    expect(res.body.hits.map((h: any) => h.groupId).sort()).toEqual(["public", "customers", "segment", "internal"].map((k) => ids[k]).sort());
  });

  it("suggests from a sentence with match=any, drafts still left out", async () => {
    const res = await call(`/api/v1/help-center/search?match=any&q=${encodeURIComponent("onde fica zebrainternal ou zebradraft")}&portalId=${portal.id}`, { client: boss });
    expect(res.status).toBe(200);
    expect(res.body.hits.map((h: any) => h.groupId)).toEqual([ids.internal]);
  });
});
