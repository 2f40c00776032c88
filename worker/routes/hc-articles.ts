/**
 * @module Help center articles for editors (issue 17). Any agent writes, edits and
 * publishes articles, as in Chatwoot, where agents author the help center: the people
 * answering customers know best what to write down; every save is in the article's
 * history with who made it. Deleting one (and arranging portals, categories and folders)
 * is for admins. Tokens: `articles:manage` reads and writes articles; deletes need `admin`.
 */
import { createRoute } from "@hono/zod-openapi";
import type { Context } from "hono";
import { actorOf } from "../auth/principal";
import { newId } from "../db/client";
import { unlessDuplicate } from "../db/constraint-errors";
import { deleteArticle, findArticle, insertArticle, listArticles, updateArticle } from "../db/hc-articles";
import { findPortal } from "../db/hc-portals";
import type { AppEnv } from "../env";
import { checkLocale, checkSegment, filing, groupOf } from "../help-center/article-refs";
import { ApiError } from "../http/api-error";
import { errors, jsonBody, jsonResponse, router } from "../http/openapi";
import { Article, ArticleList, ArticleListQuery, CreateArticleBody, Ok, UpdateArticleBody } from "../protocol";
import { adminOrToken, agentOr, writeErrors } from "./access";
import { IdParam } from "./params";
import { portalMissing } from "./hc-portals";

export const articleMissing = () => new ApiError(404, "article_not_found", "No help center article with that id.");
const localeTaken = () => new ApiError(409, "conflict", "This article already has a translation in that locale.");

const list = createRoute({
  method: "get",
  path: "/api/v1/help-center/articles",
  ...agentOr("articles:manage"),
  request: { query: ArticleListQuery },
  responses: { 200: jsonResponse(ArticleList, "A portal's articles, drafts included, latest change first"), 400: errors[400], 401: errors[401], 403: errors[403], 404: errors[404] },
});
const get = createRoute({
  method: "get",
  path: "/api/v1/help-center/articles/{id}",
  ...agentOr("articles:manage"),
  request: { params: IdParam },
  responses: { 200: jsonResponse(Article, "The article with its Markdown body"), 401: errors[401], 403: errors[403], 404: errors[404] },
});
const create = createRoute({
  method: "post",
  path: "/api/v1/help-center/articles",
  ...agentOr("articles:manage"),
  request: jsonBody(CreateArticleBody),
  responses: { 201: jsonResponse(Article, "Article created"), ...writeErrors, 409: errors[409] },
});
const update = createRoute({
  method: "patch",
  path: "/api/v1/help-center/articles/{id}",
  ...agentOr("articles:manage"),
  request: { params: IdParam, ...jsonBody(UpdateArticleBody) },
  responses: { 200: jsonResponse(Article, "Article updated (a revision records the change)"), ...writeErrors },
});
const remove = createRoute({
  method: "delete",
  path: "/api/v1/help-center/articles/{id}",
  ...adminOrToken,
  request: { params: IdParam },
  responses: { 200: jsonResponse(Ok, "Article deleted with its history and feedback"), ...writeErrors, 409: errors[409] },
});

async function loadArticle(c: Context<AppEnv>, id: string) {
  const article = await findArticle(c.var.db, id);
  if (!article) throw articleMissing();
  return article;
}

export const hcArticleRoutes = router()
  .openapi(list, async (c) => {
    const query = c.req.valid("query");
    if (!(await findPortal(c.var.db, query.portalId))) throw portalMissing();
    return c.json({ articles: await listArticles(c.var.db, query) }, 200);
  })
  .openapi(get, async (c) => c.json(await loadArticle(c, c.req.valid("param").id), 200))
  .openapi(create, async (c) => {
    const body = c.req.valid("json");
    const portal = await findPortal(c.var.db, body.portalId);
    if (!portal) throw portalMissing();
    checkLocale(portal, body.locale);
    const id = newId();
    const groupId = await groupOf(c.var.db, portal, id, body.translationOf);
    // A translation is filed where its source is (filing belongs to the group).
    const source = groupId !== id ? await findArticle(c.var.db, groupId) : undefined;
    const filed = source ? { categoryId: source.categoryId, folderId: source.folderId } : await filing(c.var.db, portal, body.categoryId ?? null, body.folderId ?? null);
    await checkSegment(c.var.db, body.segmentTagId);
    const actor = actorOf(c);
    const article = await unlessDuplicate(
      insertArticle(
        c.var.db,
        {
          id,
          groupId,
          portalId: portal.id,
          ...filed,
          locale: body.locale,
          translationOf: body.translationOf ?? null,
          title: body.title,
          excerpt: body.excerpt ?? "",
          body: body.body,
          status: body.status ?? "draft",
          visibility: body.visibility ?? "public",
          segmentTagId: body.segmentTagId ?? null,
          authorId: actor.id,
          authorName: actor.name ?? null,
        },
        newId(),
        actor,
        Date.now(),
      ),
    );
    if (article === "duplicate") throw localeTaken();
    return c.json(article, 201);
  })
  .openapi(update, async (c) => {
    const current = await loadArticle(c, c.req.valid("param").id);
    const changes = c.req.valid("json");
    const portal = (await findPortal(c.var.db, current.portalId))!;
    if (changes.categoryId !== undefined || changes.folderId !== undefined) {
      // Moving to a category leaves the old folder behind unless a folder is named too.
      const filed = await filing(c.var.db, portal, changes.categoryId !== undefined ? changes.categoryId : current.categoryId, changes.folderId !== undefined ? changes.folderId : changes.categoryId !== undefined ? null : current.folderId);
      Object.assign(changes, filed);
    }
    // A visibility other than segment clears the segment; the body rule made them agree.
    if (changes.visibility !== undefined && changes.visibility !== "segment") changes.segmentTagId = null;
    if (changes.segmentTagId !== undefined && changes.visibility === undefined && current.visibility !== "segment") {
      throw new ApiError(400, "validation_failed", "Only a segment article names a tag.", [{ path: ["segmentTagId"], message: "set visibility: segment" }]);
    }
    await checkSegment(c.var.db, changes.segmentTagId);
    return c.json(await updateArticle(c.var.db, current, changes, newId(), actorOf(c), Date.now()), 200);
  })
  .openapi(remove, async (c) => {
    const outcome = await deleteArticle(c.var.db, c.req.valid("param").id);
    if (outcome === "missing") throw articleMissing();
    if (outcome === "has_translations") throw new ApiError(409, "conflict", "Delete the article's translations first.");
    return c.json({ ok: true as const }, 200);
  });
