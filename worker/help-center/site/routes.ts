/**
 * @module The public help center site, rendered on the Worker (issue 17): a portal lives
 * at `/hc/{slug}/…` on this host, or at `/…` on its custom domain (site/host.ts); both
 * reach `servePortal` with the portal's base path, which every link is built from.
 *
 *   /                          → the default locale's home (302)
 *   /{locale}/                 home: categories, most read articles
 *   /{locale}/categories/{slug}, /{locale}/folders/{id}, /{locale}/articles/{groupId}
 *   /{locale}/articles/{groupId}/feedback  POST, the "Was this helpful?" form
 *   /{locale}/search?q=        search results
 *   /robots.txt, /sitemap.xml
 *
 * Readers are anonymous unless they carry a customer portal session (`siteAudience`:
 * the `sb_portal` cookie, Path=/ on the Worker's own host), which opens the portal's
 * customers' and segment articles to them; such pages are `Cache-Control: private, no-store`.
 */
import { Hono, type Context } from "hono";
import type { AppEnv } from "../../env";
import { findCategory, findFolder, findPortalBySlug, listCategories } from "../../db/hc-portals";
import { countView, listedArticles, shownArticle, sitemapArticles } from "../../db/hc-published";
import { searchArticles } from "../../db/hc-search";
import { findInbox } from "../../db/inboxes";
import { ANONYMOUS, type HcAudience } from "../audience";
import { portalCustomer } from "../../auth/portal-session";
import { renderArticle, plainText } from "../markdown";
import { serveHcImage } from "../files";
import { HcLocale, MAX_FEEDBACK_COMMENT_CHARS, MAX_HC_SEARCH_CHARS, type Portal } from "../../protocol";
import { page, pageCsp, type PageMeta } from "./layout";
import { articlePage, categoryPage, customersOnlyPage, folderPage, homePage, notFoundPage, searchPage } from "./pages";
import { articleUrl, categoryUrl, folderUrl, homeUrl, portalBase, searchUrl } from "./urls";
import { sameOriginOrNone, vote } from "./feedback";
import { portalSlugForHost } from "./host";
import { database } from "../../db/client";
import { readCapped } from "../../channels/read-capped";

/** The feedback form: a vote and a comment of at most 1,000 characters, URL-encoded. */
const MAX_FORM_BYTES = 16 * 1024;
/** A sitemap holds at most 50,000 URLs (https://www.sitemaps.org/protocol.html#index). */
const MAX_SITEMAP_URLS = 50_000;
const SEARCH_PAGE_HITS = 30;
const DESCRIPTION_CHARS = 160;
/** Paths of the app itself, never a custom domain's portal page. */
const APP_PATHS = /^\/(api|webhooks|widget|console|hc-files|dev|cdn-cgi|widget\.js)(\/|$)/;

/** Who reads the public site: a signed-in portal customer, else anonymous. */
export async function siteAudience(c: Context<AppEnv>): Promise<HcAudience> {
  const customer = await portalCustomer(c);
  return customer ? { kind: "customer", contactId: customer.contactId } : ANONYMOUS;
}

type Ctx = Context<AppEnv>;

function nonce(): string {
  return btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(16))));
}

async function htmlPage(c: Ctx, meta: Omit<PageMeta, "nonce" | "widgetKey">, body: Parameters<typeof page>[1], status: 200 | 403 | 404 = 200, query = "") {
  const widgetInbox = meta.portal.chatInboxId ? await findInbox(c.var.db, meta.portal.chatInboxId) : undefined;
  const n = nonce();
  const markup = await page({ ...meta, nonce: n, widgetKey: widgetInbox && !widgetInbox.deletedAt ? widgetInbox.publicKey : null }, body, query);
  c.header("Content-Security-Policy", pageCsp(n));
  c.header("X-Content-Type-Options", "nosniff");
  c.header("Referrer-Policy", "strict-origin-when-cross-origin");
  return c.html(markup, status);
}

const localeOf = (portal: Portal, segment: string | undefined): HcLocale | null => {
  const parsed = HcLocale.safeParse(segment);
  return parsed.success && portal.locales.includes(parsed.data) ? parsed.data : null;
};

/** Serves `rest` (the path below the portal's base) of the portal `slug`. */
async function servePortal(c: Ctx, slug: string, base: string, rest: string): Promise<Response> {
  const portal = await findPortalBySlug(c.var.db, slug);
  if (!portal) return c.text("Not found", 404);
  const origin = new URL(c.req.url).origin;
  const parts = rest.split("/").filter((p) => p.length > 0);
  if (parts.length === 0) return c.redirect(homeUrl(base, portal.defaultLocale), 302);
  if (parts[0] === "robots.txt" && parts.length === 1) return robots(c, portal, origin, base);
  if (parts[0] === "sitemap.xml" && parts.length === 1) return sitemap(c, portal, origin, base);
  const locale = localeOf(portal, parts[0]);
  if (!locale) return c.redirect(homeUrl(base, portal.defaultLocale), 302);
  const audience = await siteAudience(c);
  // A page chosen for this customer must never be kept by a shared cache.
  if (audience.kind === "customer") c.header("Cache-Control", "private, no-store");
  const meta = (title: string, description: string, path: string, alternates: HcLocale[] = portal.locales): Omit<PageMeta, "nonce" | "widgetKey"> => ({
    portal,
    base,
    locale,
    title,
    description,
    canonical: origin + path,
    alternates: alternates.map((l) => ({ locale: l, href: origin + path.replace(`${base}/${locale}/`, `${base}/${l}/`) })),
  });
  if (portal.audience === "customers" && audience.kind === "anonymous") {
    return htmlPage(c, { ...meta(portal.name, portal.name, homeUrl(base, locale)), noindex: true }, customersOnlyPage(locale), 403);
  }
  const notFound = () => htmlPage(c, { ...meta(portal.name, portal.name, homeUrl(base, locale)), noindex: true }, notFoundPage(base, locale), 404);
  const [, kind, key, action] = parts;

  if (kind === undefined) {
    const [categories, popular] = await Promise.all([listCategories(c.var.db, portal.id), listedArticles(c.var.db, portal, locale, audience, {}, 10)]);
    return htmlPage(c, meta(portal.name, portal.name, homeUrl(base, locale)), homePage(base, locale, categories, popular));
  }
  if (kind === "search" && key === undefined) {
    const q = (c.req.query("q") ?? "").trim().slice(0, MAX_HC_SEARCH_CHARS);
    const rows = q ? await searchArticles(c.var.db, { text: q, audience, limit: SEARCH_PAGE_HITS, portal, locale }) : [];
    return htmlPage(c, { ...meta(q || portal.name, portal.name, searchUrl(base, locale)), noindex: true }, searchPage(base, locale, q, rows), 200, q);
  }
  if (kind === "categories" && key !== undefined && action === undefined) {
    const category = (await listCategories(c.var.db, portal.id)).find((x) => x.slug === key);
    if (!category) return notFound();
    const articles = (await listedArticles(c.var.db, portal, locale, audience, { categoryId: category.id })).filter((a) => a.folderId === null);
    return htmlPage(c, meta(category.name, category.description || category.name, categoryUrl(base, locale, category.slug)), categoryPage(base, locale, category, articles));
  }
  if (kind === "folders" && key !== undefined && action === undefined) {
    const folder = await findFolder(c.var.db, key);
    const category = folder && folder.portalId === portal.id ? await findCategory(c.var.db, folder.categoryId) : undefined;
    if (!folder || !category) return notFound();
    const articles = await listedArticles(c.var.db, portal, locale, audience, { folderId: folder.id });
    return htmlPage(c, meta(folder.name, folder.name, folderUrl(base, locale, folder.id)), folderPage(base, locale, category, folder, articles));
  }
  if (kind === "articles" && key !== undefined) {
    const shown = await shownArticle(c.var.db, portal, key, locale, audience);
    if (!shown) return notFound();
    if (action === "feedback" && parts.length === 4 && c.req.method === "POST") return feedback(c, shown.article.id, articleUrl(base, locale, key));
    if (action !== undefined || c.req.method !== "GET") return notFound();
    const { article } = shown;
    c.executionCtx.waitUntil(countView(c.var.db, article.id));
    const category = article.categoryId ? await findCategory(c.var.db, article.categoryId) : undefined;
    const state = c.req.query("feedback");
    const pageMeta = meta(article.title, article.excerpt || plainText(article.body, DESCRIPTION_CHARS), articleUrl(base, article.locale, key), shown.locales);
    // A fallback page is the default locale's article: that URL is the canonical one.
    pageMeta.alternates = shown.locales.map((l) => ({ locale: l, href: origin + articleUrl(base, l, key) }));
    return htmlPage(
      c,
      pageMeta,
      articlePage({
        base,
        locale,
        article,
        bodyHtml: renderArticle(article.body),
        fallback: shown.fallback,
        category,
        feedback: state === "thanks" || state === "limited" ? state : null,
        updatedOn: new Intl.DateTimeFormat(locale, { dateStyle: "long", timeZone: "UTC" }).format(article.updatedAt),
      }),
    );
  }
  return notFound();
}

async function feedback(c: Ctx, articleId: string, back: string): Promise<Response> {
  if (!sameOriginOrNone(c)) return c.text("Forbidden", 403);
  const raw = c.req.raw.body ? await readCapped(c.req.raw.body, MAX_FORM_BYTES) : new ArrayBuffer(0);
  if (raw === null) return c.text("Too large", 413);
  // A browser form posts urlencoded; anything else carries no vote.
  const form = (c.req.header("Content-Type") ?? "").startsWith("application/x-www-form-urlencoded") ? new URLSearchParams(new TextDecoder().decode(raw)) : new URLSearchParams();
  const helpful = form.get("helpful") === "yes" ? true : form.get("helpful") === "no" ? false : null;
  if (helpful === null) return c.redirect(`${back}#feedback`, 303);
  const comment = (form.get("comment") ?? "").trim().slice(0, MAX_FEEDBACK_COMMENT_CHARS);
  const outcome = await vote(c, articleId, helpful, comment);
  // Post/redirect/get: a reload shows the page, never sends the vote again.
  return c.redirect(`${back}?feedback=${outcome === "recorded" ? "thanks" : "limited"}#feedback`, 303);
}

function robots(c: Ctx, portal: Portal, origin: string, base: string): Response {
  const body = portal.audience === "public" ? `User-agent: *\nAllow: /\nSitemap: ${origin}${base}/sitemap.xml\n` : "User-agent: *\nDisallow: /\n";
  return c.text(body, 200, { "Cache-Control": "public, max-age=3600" });
}

const xml = (s: string) => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

async function sitemap(c: Ctx, portal: Portal, origin: string, base: string): Promise<Response> {
  const entries = portal.audience === "public" ? await sitemapArticles(c.var.db, portal, MAX_SITEMAP_URLS - portal.locales.length) : [];
  const urls = [
    ...portal.locales.map((l) => `<url><loc>${xml(origin + homeUrl(base, l))}</loc></url>`),
    ...entries
      .filter((e) => portal.locales.includes(e.locale))
      .map((e) => `<url><loc>${xml(origin + articleUrl(base, e.locale, e.groupId))}</loc><lastmod>${new Date(e.updatedAt).toISOString()}</lastmod></url>`),
  ];
  const body = `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${urls.join("\n")}\n</urlset>\n`;
  return c.body(body, 200, { "Content-Type": "application/xml; charset=utf-8", "Cache-Control": "public, max-age=3600" });
}


export const helpCenterSite = new Hono<AppEnv>()
  .get("/hc-files/:id", (c) => serveHcImage(c, c.req.param("id")))
  .use("/hc/*", async (c, next) => {
    c.set("db", database(c.env.DB));
    await next();
  })
  .post("/hc/:slug/*", (c) => servePortal(c, c.req.param("slug"), portalBase(c.req.param("slug")), c.req.path.slice(portalBase(c.req.param("slug")).length)))
  .get("/hc/:slug/*", (c) => servePortal(c, c.req.param("slug"), portalBase(c.req.param("slug")), c.req.path.slice(portalBase(c.req.param("slug")).length)))
  .get("/hc/:slug", (c) => servePortal(c, c.req.param("slug"), portalBase(c.req.param("slug")), ""));

/** Serves a portal's custom domain (site/host.ts) at its root; other hosts pass through. */
export async function customDomainSite(c: Ctx, next: () => Promise<void>): Promise<Response | void> {
  if (APP_PATHS.test(c.req.path) || c.req.path.startsWith("/hc/")) return next();
  const db = database(c.env.DB);
  const slug = await portalSlugForHost(db, new URL(c.req.url).host);
  if (!slug) return next();
  c.set("db", db);
  if (c.req.method !== "GET" && c.req.method !== "HEAD" && c.req.method !== "POST") return next();
  return servePortal(c, slug, "", c.req.path);
}
