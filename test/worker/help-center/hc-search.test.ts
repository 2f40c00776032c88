/**
 * Help center search: accent- and case-insensitive ("nao" finds "não"), the last word a
 * prefix as the visitor types, ranked by bm25 with the title over the body, matches
 * highlighted, in the visitor's locale with the default locale's untranslated articles,
 * and FTS5 syntax in the visitor's words taken as words, never as operators.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { HIGHLIGHT_END, HIGHLIGHT_START } from "../../../worker/protocol";
import { owner } from "../fixtures";
import { call, type Client } from "../http-client";
import { makeArticle, makePortal } from "./hc-kit";

let boss: Client;
let portal: any;
const a: Record<string, any> = {};
const search = async (q: string, locale?: string) => {
  const res = await call(`/api/v1/help-center/public/${portal.slug}/search?q=${encodeURIComponent(q)}${locale ? `&locale=${locale}` : ""}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.hits as any[];
};

beforeAll(async () => {
  boss = await owner();
  portal = await makePortal(boss);
  a.nao = await makeArticle(boss, portal.id, { title: "Não recebi meu pedido", body: "Veja o rastreamento da entrega." });
  // "entrega" in a title beats "entrega" in a long body.
  a.inBody = await makeArticle(boss, portal.id, { title: "Política de trocas", body: `Sobre a troca. ${"Texto qualquer. ".repeat(20)} A entrega da troca é grátis.` });
  a.inTitle = await makeArticle(boss, portal.id, { title: "Prazo de entrega", body: "Depende da região." });
  a.pix = await makeArticle(boss, portal.id, { title: "Pagamento com Pix", body: "Pix é instantâneo." });
  a.pixEn = await makeArticle(boss, portal.id, { locale: "en", title: "Paying with Pix", body: "Pix is instant.", translationOf: a.pix.id });
});

describe("public search", () => {
  it("ignores accents and case: nao finds Não, ENTREGA finds entrega", async () => {
    expect((await search("nao recebi")).map((h) => h.groupId)).toEqual([a.nao.groupId]);
    expect((await search("ENTREGA")).length).toBe(3);
  });

  it("takes the last word as a prefix while the visitor types", async () => {
    expect((await search("rastrea")).map((h) => h.groupId)).toEqual([a.nao.groupId]);
    expect((await search("pedido rastr")).map((h) => h.groupId)).toEqual([a.nao.groupId]);
    // Only the last word: an unfinished earlier word matches nothing.
    expect(await search("rastr pedido")).toEqual([]);
  });

  it("ranks a title match over a body match", async () => {
    const hits = await search("entrega");
    expect(hits[0].groupId).toBe(a.inTitle.groupId);
    expect(hits.map((h) => h.groupId).indexOf(a.inBody.groupId)).toBeGreaterThan(0);
  });

  it("highlights matches in the title and the snippet with the protocol's markers", async () => {
    const [hit] = await search("prazo");
    expect(hit.title).toBe(`${HIGHLIGHT_START}Prazo${HIGHLIGHT_END} de entrega`);
    const [body] = await search("rastreamento");
    expect(body.snippet).toContain(`${HIGHLIGHT_START}rastreamento${HIGHLIGHT_END}`);
  });

  it("searches the visitor's locale, falling back to the default locale's untranslated articles", async () => {
    const en = await search("pix", "en");
    expect(en.map((h) => [h.groupId, h.locale])).toEqual([[a.pix.groupId, "en"]]);
    expect(en[0].url).toBe(`/hc/${portal.slug}/en/articles/${a.pix.groupId}`);
    // No English "entrega" articles: the Portuguese ones stand in.
    expect((await search("entrega", "en")).every((h) => h.locale === "pt-BR")).toBe(true);
    expect((await search("pix", "pt-BR")).map((h) => h.locale)).toEqual(["pt-BR"]);
  });

  it("takes FTS5 syntax as plain words (no 500, no operator)", async () => {
    for (const q of ['"', "entrega OR pix", "NEAR(pix", "title:pix", "-pix", "pix*", "(", "🙂"]) {
      const res = await call(`/api/v1/help-center/public/${portal.slug}/search?q=${encodeURIComponent(q)}`);
      expect(res.status, q).toBe(200);
    }
    // "OR" is a word here, not an operator: nothing has all three words.
    expect(await search("entrega OR pix")).toEqual([]);
  });
});

describe("suggestions from a sentence (match=any), as the widget asks while the visitor writes", () => {
  const suggest = async (q: string) => {
    const res = await call(`/api/v1/help-center/public/${portal.slug}/search?match=any&q=${encodeURIComponent(q)}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return (res.body.hits as any[]).map((h) => h.groupId);
  };

  it("finds the articles that share the sentence's words, which a search box's every-word match would not", async () => {
    const sentence = "Olá, quero saber onde está o meu pedido, não recebi ainda";
    expect(await search(sentence)).toEqual([]);
    expect((await suggest(sentence))[0]).toBe(a.nao.groupId);
  });

  it("ranks the article sharing more and rarer words first, the last word a prefix as they type", async () => {
    expect((await suggest("o prazo da entrega para minha regi"))[0]).toBe(a.inTitle.groupId);
    expect(await suggest("quero pagar com pix")).toEqual([a.pix.groupId]);
  });

  it("suggests nothing from a sentence of greetings and small words, rather than every article", async () => {
    expect(await suggest("Olá, boa tarde! Tudo bem com você?")).toEqual(expect.not.arrayContaining([a.nao.groupId, a.inTitle.groupId]));
    expect(await suggest("oi, eu quero para você")).toEqual([]);
    expect(await suggest("hello, thanks, gracias")).toEqual([]);
  });

  it("takes FTS5 syntax as plain words here too", async () => {
    for (const q of ['"pedido', "entrega OR pix", "NEAR(pix", "title:pix", "-pix", "pix*", "(", "🙂 AND"]) {
      const res = await call(`/api/v1/help-center/public/${portal.slug}/search?match=any&q=${encodeURIComponent(q)}`);
      expect(res.status, q).toBe(200);
    }
  });

  it("refuses a match mode it does not know", async () => {
    const res = await call(`/api/v1/help-center/public/${portal.slug}/search?match=some&q=pix`);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("validation_failed");
  });
});

it("shows hits on the search page with <mark>, the visitor's text escaped", async () => {
  const res = await call(`/hc/${portal.slug}/pt-BR/search?q=prazo`);
  expect(res.body).toContain("<mark>Prazo</mark> de entrega");
  const typed = await call(`/hc/${portal.slug}/pt-BR/search?q=${encodeURIComponent("<i>prazo")}`);
  expect(typed.body).toContain("“&lt;i&gt;prazo”");
  expect(typed.body).not.toContain("<i>");
});
