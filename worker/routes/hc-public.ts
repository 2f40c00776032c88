/**
 * @module The help center's public JSON API (issue 17), for the widget (which shows
 * articles inside the chat before a conversation starts) and any page: which portal an
 * inbox's widget offers, search as the visitor types, one article rendered, and the
 * "Was this helpful?" vote. Callers are anonymous: only public, published articles, and
 * a portal for signed-in customers answers 404 here. The vote is a cookie-less write,
 * so the app's CSRF guard (same origin only) and help-center/site/feedback.ts's limits
 * keep other sites from stuffing the ballot.
 */
import { createRoute } from "@hono/zod-openapi";
import type { Context } from "hono";
import { z } from "zod";
import { findInboxByPublicKey } from "../db/inboxes";
import { findPortalBySlug, listPortals } from "../db/hc-portals";
import { countView, shownArticle } from "../db/hc-published";
import { searchArticles } from "../db/hc-search";
import type { AppEnv } from "../env";
import { ANONYMOUS } from "../help-center/audience";
import { plainText, renderArticle } from "../help-center/markdown";
import { vote } from "../help-center/site/feedback";
import { articleUrl, portalBase } from "../help-center/site/urls";
import { ApiError } from "../http/api-error";
import { errors, jsonBody, jsonResponse, router } from "../http/openapi";
import { ArticleFeedbackBody, ArticleHitList, HcLocale, HcSearchQuery, Ok, PublicArticle } from "../protocol";

/** Suggestions the widget shows under the visitor's words. */
const WIDGET_HITS = 8;
const EXCERPT_CHARS = 200;

const SlugParam = z.object({ slug: z.string().min(1).max(48) });
const ArticleParams = SlugParam.extend({ groupId: z.string().min(1).max(64) });
const LocaleQuery = z.strictObject({ locale: HcLocale.optional() });
const InboxQuery = z.strictObject({ inbox: z.string().min(1).max(64) });
export const WidgetPortal = z.object({ slug: z.string(), name: z.string(), defaultLocale: HcLocale, locales: z.array(HcLocale), primaryColor: z.string() });
const WidgetPortalAnswer = z.object({ portal: WidgetPortal.nullable() });

const forInbox = createRoute({
  method: "get",
  path: "/api/v1/help-center/public/portal",
  request: { query: InboxQuery },
  responses: { 200: jsonResponse(WidgetPortalAnswer, "The public portal the inbox's widget offers, or null"), 400: errors[400] },
});
const search = createRoute({
  method: "get",
  path: "/api/v1/help-center/public/{slug}/search",
  request: { params: SlugParam, query: HcSearchQuery },
  responses: { 200: jsonResponse(ArticleHitList, "Public articles in the locale (or the default's), best match first"), 400: errors[400], 404: errors[404] },
});
const article = createRoute({
  method: "get",
  path: "/api/v1/help-center/public/{slug}/articles/{groupId}",
  request: { params: ArticleParams, query: LocaleQuery },
  responses: { 200: jsonResponse(PublicArticle, "The article, rendered and sanitized"), 400: errors[400], 404: errors[404] },
});
const feedback = createRoute({
  method: "post",
  path: "/api/v1/help-center/public/{slug}/articles/{groupId}/feedback",
  request: { params: ArticleParams, query: LocaleQuery, ...jsonBody(ArticleFeedbackBody) },
  responses: { 200: jsonResponse(Ok, "Vote recorded (a second vote replaces the first)"), 400: errors[400], 403: errors[403], 404: errors[404], 429: errors[429] },
});

async function publicPortal(c: Context<AppEnv>, slug: string) {
  const portal = await findPortalBySlug(c.var.db, slug);
  if (!portal || portal.audience !== "public") throw new ApiError(404, "portal_not_found", "No public help center with that slug.");
  return portal;
}

export const hcPublicRoutes = router()
  .openapi(forInbox, async (c) => {
    const inbox = await findInboxByPublicKey(c.var.db, c.req.valid("query").inbox);
    const portal = inbox ? (await listPortals(c.var.db)).find((p) => p.chatInboxId === inbox.id && p.audience === "public") : undefined;
    return c.json({ portal: portal ? { slug: portal.slug, name: portal.name, defaultLocale: portal.defaultLocale, locales: portal.locales, primaryColor: portal.primaryColor } : null }, 200);
  })
  .openapi(search, async (c) => {
    const portal = await publicPortal(c, c.req.valid("param").slug);
    const { q, locale, match } = c.req.valid("query");
    const rows = await searchArticles(c.var.db, { text: q, match, audience: ANONYMOUS, limit: WIDGET_HITS, portal, locale: locale && portal.locales.includes(locale) ? locale : portal.defaultLocale });
    return c.json({ hits: rows.map(({ portalSlug, ...r }) => ({ ...r, url: articleUrl(portalBase(portalSlug), r.locale, r.groupId) })) }, 200);
  })
  .openapi(article, async (c) => {
    const { slug, groupId } = c.req.valid("param");
    const portal = await publicPortal(c, slug);
    const requested = c.req.valid("query").locale;
    const shown = await shownArticle(c.var.db, portal, groupId, requested && portal.locales.includes(requested) ? requested : portal.defaultLocale, ANONYMOUS);
    if (!shown) throw new ApiError(404, "article_not_found", "No public article with that id.");
    const a = shown.article;
    c.executionCtx.waitUntil(countView(c.var.db, a.id));
    return c.json(
      {
        groupId: a.groupId,
        locale: a.locale,
        title: a.title,
        html: renderArticle(a.body),
        excerpt: a.excerpt || plainText(a.body, EXCERPT_CHARS),
        url: articleUrl(portalBase(portal.slug), a.locale, a.groupId),
        fallback: shown.fallback,
      },
      200,
    );
  })
  .openapi(feedback, async (c) => {
    const { slug, groupId } = c.req.valid("param");
    const portal = await publicPortal(c, slug);
    const requested = c.req.valid("query").locale;
    const shown = await shownArticle(c.var.db, portal, groupId, requested && portal.locales.includes(requested) ? requested : portal.defaultLocale, ANONYMOUS);
    if (!shown) throw new ApiError(404, "article_not_found", "No public article with that id.");
    const body = c.req.valid("json");
    if ((await vote(c, shown.article.id, body.helpful, body.comment ?? null)) === "limited") {
      throw new ApiError(429, "rate_limited", "Too many votes from this address; try again later.");
    }
    return c.json({ ok: true as const }, 200);
  });
