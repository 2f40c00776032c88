/**
 * @module What editors and agents use around articles (issue 17): an article's
 * publishing history and feedback, the Markdown preview (the public pages' own renderer,
 * so the preview is what customers will see), article search for the composer (every
 * visibility, internal included: agents may read all), and image uploads.
 */
import { createRoute } from "@hono/zod-openapi";
import { z } from "zod";
import { callerId } from "../auth/principal";
import { feedbackComments } from "../db/hc-feedback";
import { findArticle, listRevisions } from "../db/hc-articles";
import { findPortal } from "../db/hc-portals";
import { searchArticles } from "../db/hc-search";
import { AGENT } from "../help-center/audience";
import { storeHcImage } from "../help-center/files";
import { renderArticle } from "../help-center/markdown";
import { articleUrl } from "../help-center/site/urls";
import { ApiError } from "../http/api-error";
import { errors, jsonBody, jsonResponse, router } from "../http/openapi";
import { hcUploadBodyLimit } from "../http/upload-limit";
import { AgentArticleSearchQuery, ArticleFeedbackList, ArticleHitList, ArticleRevisionList, HcUpload, PreviewAnswer, PreviewBody } from "../protocol";
import { agentOr, writeErrors } from "./access";
import { IdParam } from "./params";
import { articleMissing } from "./hc-articles";
import { portalMissing } from "./hc-portals";

/** The newest comments the console shows under an article's counts. */
const FEEDBACK_COMMENTS = 50;
const AGENT_SEARCH_HITS = 20;

const revisions = createRoute({
  method: "get",
  path: "/api/v1/help-center/articles/{id}/revisions",
  ...agentOr("articles:manage"),
  request: { params: IdParam },
  responses: { 200: jsonResponse(ArticleRevisionList, "Who changed what, newest first"), 401: errors[401], 403: errors[403], 404: errors[404] },
});
const feedback = createRoute({
  method: "get",
  path: "/api/v1/help-center/articles/{id}/feedback",
  ...agentOr("articles:manage"),
  request: { params: IdParam },
  responses: { 200: jsonResponse(ArticleFeedbackList, "Helpful counts, views and the latest comments"), 401: errors[401], 403: errors[403], 404: errors[404] },
});
const preview = createRoute({
  method: "post",
  path: "/api/v1/help-center/preview",
  ...agentOr("articles:manage"),
  request: jsonBody(PreviewBody),
  responses: { 200: jsonResponse(PreviewAnswer, "The Markdown as the public pages render it"), 400: errors[400], 401: errors[401], 403: errors[403] },
});
const search = createRoute({
  method: "get",
  path: "/api/v1/help-center/search",
  ...agentOr("articles:manage"),
  request: { query: AgentArticleSearchQuery },
  responses: { 200: jsonResponse(ArticleHitList, "Published articles of every visibility, best match first"), 400: errors[400], 401: errors[401], 403: errors[403], 404: errors[404] },
});
const uploadAccess = agentOr("articles:manage");
const upload = createRoute({
  method: "post",
  path: "/api/v1/help-center/uploads",
  security: uploadAccess.security,
  middleware: [...uploadAccess.middleware, hcUploadBodyLimit],
  description: "The raw image is the body (PNG, JPEG, GIF or WebP); `Content-Type` is its type.",
  responses: { 201: jsonResponse(HcUpload, "Stored; use `url` in the Markdown"), ...writeErrors, 413: errors[413], 415: errors[415] },
});

export const hcArticleToolRoutes = router()
  .openapi(revisions, async (c) => {
    const { id } = c.req.valid("param");
    if (!(await findArticle(c.var.db, id))) throw articleMissing();
    return c.json({ revisions: await listRevisions(c.var.db, id) }, 200);
  })
  .openapi(feedback, async (c) => {
    const article = await findArticle(c.var.db, c.req.valid("param").id);
    if (!article) throw articleMissing();
    const comments = await feedbackComments(c.var.db, article.id, FEEDBACK_COMMENTS);
    return c.json({ helpfulYes: article.helpfulYes, helpfulNo: article.helpfulNo, views: article.views, comments }, 200);
  })
  .openapi(preview, async (c) => c.json({ html: renderArticle(c.req.valid("json").markdown) }, 200))
  .openapi(search, async (c) => {
    const query = c.req.valid("query");
    let portal: { id: string; defaultLocale: z.infer<typeof AgentArticleSearchQuery>["locale"] & string } | undefined;
    if (query.portalId) {
      portal = await findPortal(c.var.db, query.portalId);
      if (!portal) throw portalMissing();
    }
    const rows = await searchArticles(c.var.db, { text: query.q, match: query.match, audience: AGENT, limit: AGENT_SEARCH_HITS, portal, locale: query.locale });
    return c.json({ hits: rows.map(({ portalSlug, ...r }) => ({ ...r, url: articleUrl(`/hc/${portalSlug}`, r.locale, r.groupId) })) }, 200);
  })
  .openapi(upload, async (c) => {
    if (!c.req.header("Content-Type")) throw new ApiError(415, "unsupported_media_type", "Say the image's type in Content-Type.");
    return c.json(await storeHcImage(c, callerId(c)), 201);
  });
