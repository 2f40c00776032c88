/**
 * The public site: pages readable without JavaScript, with `lang`, hreflang alternates,
 * canonical URL and meta description; the locale fallback said on the page; sitemap and
 * robots.txt; a custom domain served at its root; "Was this helpful?" by form (POST →
 * 303, one vote per address, a limit per address, other sites refused) and by the widget's
 * JSON; views counted.
 */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { expectApiError } from "../assertions";
import { owner, webchatInbox } from "../fixtures";
import { call, type Client } from "../http-client";
import { FEEDBACK_LIMIT } from "../../../worker/help-center/site/feedback";
import { created, makeArticle, makePortal, pageHtml, site, uniqueSlug } from "./hc-kit";

let boss: Client;
let portal: any;
let source: any;
let onlyPt: any;
let inbox: { id: string; publicKey: string };

beforeAll(async () => {
  boss = await owner();
  inbox = await webchatInbox(boss, "Site chat");
  portal = await makePortal(boss, { name: "Loja <Ajuda>", chatInboxId: inbox.id, customDomain: "ajuda.loja.test" });
  const cat = await created(`/api/v1/help-center/portals/${portal.id}/categories`, { slug: "pagamentos", name: "Pagamentos", translations: { en: { name: "Payments" } } }, boss);
  source = await makeArticle(boss, portal.id, { title: "Como pagar com Pix", excerpt: "Pague na hora com Pix.", body: "Abra o app do banco.", categoryId: cat.id });
  await makeArticle(boss, portal.id, { locale: "en", title: "How to pay with Pix", body: "Open your bank app.", translationOf: source.id });
  onlyPt = await makeArticle(boss, portal.id, { title: "Nota fiscal", body: "A **nota** chega por e-mail.\n\n<script>alert(1)</script>" });
});

describe("an article page", () => {
  it("has lang, title, meta description, canonical and hreflang for each translation", async () => {
    const html = await pageHtml(`/hc/${portal.slug}/en/articles/${source.groupId}`);
    expect(html).toContain('<html lang="en">');
    expect(html).toContain("<title>How to pay with Pix · Loja &lt;Ajuda&gt;</title>");
    expect(html).toContain(`<link rel="canonical" href="http://localhost/hc/${portal.slug}/en/articles/${source.groupId}" />`);
    expect(html).toContain(`<link rel="alternate" hreflang="pt-BR" href="http://localhost/hc/${portal.slug}/pt-BR/articles/${source.groupId}" />`);
    expect(html).toContain(`<link rel="alternate" hreflang="en" href="http://localhost/hc/${portal.slug}/en/articles/${source.groupId}" />`);
    expect(html).not.toContain('hreflang="es"');
    expect(html).toContain("Open your bank app.");
    const pt = await pageHtml(`/hc/${portal.slug}/pt-BR/articles/${source.groupId}`);
    expect(pt).toContain('<meta name="description" content="Pague na hora com Pix." />');
  });

  it("falls back to the default locale, says so, and points canonical at that version", async () => {
    const html = await pageHtml(`/hc/${portal.slug}/es/articles/${onlyPt.groupId}`);
    expect(html).toContain('<html lang="es">');
    expect(html).toContain("Este artículo aún no está traducido; se muestra la versión en Português (Brasil).");
    expect(html).toContain('<article lang="pt-BR">');
    expect(html).toContain(`<link rel="canonical" href="http://localhost/hc/${portal.slug}/pt-BR/articles/${onlyPt.groupId}" />`);
    // A translated article shows no such note.
    expect(await pageHtml(`/hc/${portal.slug}/en/articles/${source.groupId}`)).not.toContain('class="note"');
  });

  it("renders the Markdown with raw HTML as text, and a CSP with no inline script but its nonce", async () => {
    const res = await site(`/hc/${portal.slug}/pt-BR/articles/${onlyPt.groupId}`);
    expect(res.text).toContain("<strong>nota</strong>");
    expect(res.text).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(res.text).not.toContain("<script>alert(1)");
    const csp = res.headers.get("Content-Security-Policy")!;
    const nonce = /'nonce-([^']+)'/.exec(csp)![1];
    expect(csp).toContain("default-src 'self'");
    // Every inline script carries the nonce; the widget is embedded for "still need help?".
    const scripts = [...res.text.matchAll(/<script([^>]*)>/g)].map((m) => m[1]!);
    expect(scripts.every((attrs) => attrs.includes(`nonce="${nonce}"`) || attrs.includes('src="/widget.js"'))).toBe(true);
    expect(res.text).toContain(`data-inbox="${inbox.publicKey}"`);
    expect(res.text).toContain("data-open-chat");
  });

  it("counts views", async () => {
    const before = (await call(`/api/v1/help-center/articles/${onlyPt.id}`, { client: boss })).body.views;
    await site(`/hc/${portal.slug}/pt-BR/articles/${onlyPt.groupId}`);
    await site(`/hc/${portal.slug}/pt-BR/articles/${onlyPt.groupId}`);
    await expect.poll(async () => (await call(`/api/v1/help-center/articles/${onlyPt.id}`, { client: boss })).body.views).toBe(before + 2);
  });

  it("answers 404 for an unknown article and redirects an unknown locale to the default", async () => {
    await pageHtml(`/hc/${portal.slug}/pt-BR/articles/nope`, 404);
    const res = await site(`/hc/${portal.slug}/fr/`);
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe(`/hc/${portal.slug}/pt-BR/`);
    expect((await site(`/hc/no-such-portal/pt-BR/`)).status).toBe(404);
  });
});

describe("home, category, sitemap and robots", () => {
  it("lists categories in the reader's locale and the articles under them", async () => {
    const home = await pageHtml(`/hc/${portal.slug}/en/`);
    expect(home).toContain(`href="/hc/${portal.slug}/en/categories/pagamentos">Payments</a>`);
    const category = await pageHtml(`/hc/${portal.slug}/en/categories/pagamentos`);
    expect(category).toContain("How to pay with Pix");
    expect(category).not.toContain("Como pagar com Pix");
  });

  it("publishes a sitemap with every locale's home and each public article, and robots.txt naming it", async () => {
    const res = await site(`/hc/${portal.slug}/sitemap.xml`);
    expect(res.headers.get("Content-Type")).toContain("application/xml");
    expect(res.text).toContain(`<loc>http://localhost/hc/${portal.slug}/es/</loc>`);
    expect(res.text).toContain(`<loc>http://localhost/hc/${portal.slug}/en/articles/${source.groupId}</loc>`);
    expect((await site(`/hc/${portal.slug}/robots.txt`)).text).toContain(`Sitemap: http://localhost/hc/${portal.slug}/sitemap.xml`);
  });

  it("serves the portal at the root of its custom domain, with links from the root", async () => {
    const home = await site("/", { host: "ajuda.loja.test" });
    expect(home.status).toBe(302);
    expect(home.headers.get("Location")).toBe("/pt-BR/");
    const page = await site(`/en/articles/${source.groupId}`, { host: "ajuda.loja.test" });
    expect(page.status).toBe(200);
    expect(page.text).toContain(`<link rel="canonical" href="http://ajuda.loja.test/en/articles/${source.groupId}" />`);
    expect((await site("/robots.txt", { host: "ajuda.loja.test" })).text).toContain("Sitemap: http://ajuda.loja.test/sitemap.xml");
    // Other hosts are untouched: the API still answers there.
    expect((await site("/api/health", { host: "ajuda.loja.test" })).status).toBe(200);
  });
});

describe("Was this helpful?", () => {
  const form = (article: any, vote: "yes" | "no", address: string, extra: { comment?: string; origin?: string | null } = {}) =>
    site(`/hc/${portal.slug}/pt-BR/articles/${article.groupId}/feedback`, { method: "POST", form: { helpful: vote, ...(extra.comment ? { comment: extra.comment } : {}) }, address, origin: extra.origin });

  it("takes a form vote without JavaScript: 303 back to the page, thanked, counted", async () => {
    const a = await makeArticle(boss, portal.id, { title: "Troca" });
    const res = await form(a, "yes", "198.51.100.1", { comment: "Ajudou <b>muito</b>" });
    expect(res.status).toBe(303);
    expect(res.headers.get("Location")).toBe(`/hc/${portal.slug}/pt-BR/articles/${a.groupId}?feedback=thanks#feedback`);
    expect(await pageHtml(res.headers.get("Location")!)).toContain("Obrigado pela sua opinião!");
    const fb = (await call(`/api/v1/help-center/articles/${a.id}/feedback`, { client: boss })).body;
    expect(fb).toMatchObject({ helpfulYes: 1, helpfulNo: 0 });
    expect(fb.comments[0].comment).toBe("Ajudou <b>muito</b>");
  });

  it("counts one vote per address: a second replaces the first", async () => {
    const a = await makeArticle(boss, portal.id, { title: "Devolução" });
    await form(a, "yes", "198.51.100.2");
    await form(a, "yes", "198.51.100.2");
    await form(a, "no", "198.51.100.2");
    await form(a, "yes", "198.51.100.3");
    expect((await call(`/api/v1/help-center/articles/${a.id}`, { client: boss })).body).toMatchObject({ helpfulYes: 1, helpfulNo: 1 });
  });

  it("refuses a vote posted from another site's page, counting nothing", async () => {
    const a = await makeArticle(boss, portal.id, { title: "Frete" });
    expect((await form(a, "yes", "198.51.100.4", { origin: "https://evil.example" })).status).toBe(403);
    expectApiError(await call(`/api/v1/help-center/public/${portal.slug}/articles/${a.groupId}/feedback`, { method: "POST", json: { helpful: true }, origin: "https://evil.example" }), 403, "csrf_rejected");
    expect((await call(`/api/v1/help-center/articles/${a.id}`, { client: boss })).body).toMatchObject({ helpfulYes: 0, helpfulNo: 0 });
  });

  it(`stops an address after ${FEEDBACK_LIMIT.limit} votes in a window, on the page and in the API`, async () => {
    const a = await makeArticle(boss, portal.id, { title: "Cupom" });
    for (let i = 0; i < FEEDBACK_LIMIT.limit; i++) expect((await form(a, "yes", "198.51.100.9")).headers.get("Location")).toContain("feedback=thanks");
    expect((await form(a, "no", "198.51.100.9")).headers.get("Location")).toContain("feedback=limited");
    const api = await call(`/api/v1/help-center/public/${portal.slug}/articles/${a.groupId}/feedback`, { method: "POST", json: { helpful: false }, headers: { "CF-Connecting-IP": "198.51.100.9" } });
    expectApiError(api, 429, "rate_limited");
    expect((await call(`/api/v1/help-center/articles/${a.id}`, { client: boss })).body).toMatchObject({ helpfulYes: 1, helpfulNo: 0 });
  });

  it("takes the widget's JSON vote", async () => {
    const a = await makeArticle(boss, portal.id, { title: "Garantia" });
    const res = await call(`/api/v1/help-center/public/${portal.slug}/articles/${a.groupId}/feedback`, { method: "POST", json: { helpful: false, comment: "Faltou o prazo" }, headers: { "CF-Connecting-IP": "198.51.100.20" } });
    expect(res.status).toBe(200);
    expect((await call(`/api/v1/help-center/articles/${a.id}`, { client: boss })).body).toMatchObject({ helpfulYes: 0, helpfulNo: 1 });
  });
});

describe("images", () => {
  const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]);

  it("are uploaded by agents and served inert: nosniff, sandboxed, never as a page", async () => {
    const up = await call("/api/v1/help-center/uploads", { method: "POST", body: PNG, headers: { "Content-Type": "image/png" }, client: boss });
    expect(up.status).toBe(201);
    const res = await site(up.body.url);
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toBe("image/png");
    expect(res.headers.get("X-Content-Type-Options")).toBe("nosniff");
    expect(res.headers.get("Content-Security-Policy")).toContain("sandbox");
  });

  it("refuse SVG, HTML, and bytes that are not the image they claim", async () => {
    const svg = new TextEncoder().encode("<svg onload=alert(1)></svg>");
    expectApiError(await call("/api/v1/help-center/uploads", { method: "POST", body: svg, headers: { "Content-Type": "image/svg+xml" }, client: boss }), 415, "unsupported_media_type");
    expectApiError(await call("/api/v1/help-center/uploads", { method: "POST", body: svg, headers: { "Content-Type": "text/html" }, client: boss }), 415, "unsupported_media_type");
    expectApiError(await call("/api/v1/help-center/uploads", { method: "POST", body: svg, headers: { "Content-Type": "image/png" }, client: boss }), 415, "unsupported_media_type");
    expect(await env.FILES.list({ prefix: "hc-files/" }).then((l) => l.objects.length)).toBe(1);
  });
});

it("keeps a slug unique across portals (the site's address)", async () => {
  expectApiError(await call("/api/v1/help-center/portals", { method: "POST", json: { name: "Dup", slug: portal.slug, defaultLocale: "en", locales: ["en"] }, client: boss }), 409, "conflict");
  expect(uniqueSlug()).not.toBe(portal.slug);
});
