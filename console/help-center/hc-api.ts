/**
 * @module The help center's API calls from the console (worker/routes/hc-*.ts), each
 * answer parsed with the protocol's schema.
 */
import { z } from "zod";
import {
  Article,
  ArticleFeedbackList,
  ArticleHitList,
  ArticleList,
  ArticleRevisionList,
  HcCategoryList,
  Portal,
  PortalList,
  PreviewAnswer,
  TagList,
  type CreateArticleBody,
  type UpdateArticleBody,
} from "../../worker/protocol";
import { call, queryString } from "../api";

const HC = "/api/v1/help-center";
const id = (value: string) => encodeURIComponent(value);

export const hcApi = {
  portals: () => call(PortalList, `${HC}/portals`),
  createPortal: (body: { name: string; slug: string; defaultLocale: string; locales: string[] }) => call(Portal, `${HC}/portals`, { method: "POST", body }),
  categories: (portalId: string) => call(HcCategoryList, `${HC}/portals/${id(portalId)}/categories`),
  createCategory: (portalId: string, body: { slug: string; name: string }) => call(z.unknown(), `${HC}/portals/${id(portalId)}/categories`, { method: "POST", body }),
  articles: (portalId: string, filter: { locale?: string; status?: string } = {}) => call(ArticleList, `${HC}/articles?${queryString({ portalId, ...filter })}`),
  article: (articleId: string) => call(Article, `${HC}/articles/${id(articleId)}`),
  create: (body: CreateArticleBody) => call(Article, `${HC}/articles`, { method: "POST", body }),
  update: (articleId: string, body: UpdateArticleBody) => call(Article, `${HC}/articles/${id(articleId)}`, { method: "PATCH", body }),
  revisions: (articleId: string) => call(ArticleRevisionList, `${HC}/articles/${id(articleId)}/revisions`),
  feedback: (articleId: string) => call(ArticleFeedbackList, `${HC}/articles/${id(articleId)}/feedback`),
  preview: (markdown: string) => call(PreviewAnswer, `${HC}/preview`, { method: "POST", body: { markdown } }),
  search: (q: string, portalId?: string) => call(ArticleHitList, `${HC}/search?${queryString({ q, portalId })}`),
  tags: () => call(TagList, "/api/v1/tags"),
};
