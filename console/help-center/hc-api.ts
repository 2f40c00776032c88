/**
 * @module The help center's API calls from the console (worker/routes/hc-*.ts), each
 * answer parsed with the protocol's schema.
 */
import { z } from "zod";
import {
  Article,
  ArticleFeedbackList,
  ErrorBody,
  HcFolder,
  HcUpload,
  Ok,
  ArticleHitList,
  ArticleList,
  ArticleRevisionList,
  HcCategoryList,
  Portal,
  PortalList,
  PreviewAnswer,
  TagList,
  type CreateArticleBody,
  type CreatePortalBody,
  type UpdateArticleBody,
  type UpdatePortalBody,
} from "../../worker/protocol";
import { ApiError, call, queryString } from "../api";

const HC = "/api/v1/help-center";
const id = (value: string) => encodeURIComponent(value);

export const hcApi = {
  portals: () => call(PortalList, `${HC}/portals`),
  createPortal: (body: CreatePortalBody) => call(Portal, `${HC}/portals`, { method: "POST", body }),
  updatePortal: (portalId: string, body: UpdatePortalBody) => call(Portal, `${HC}/portals/${id(portalId)}`, { method: "PATCH", body }),
  deletePortal: (portalId: string) => call(Ok, `${HC}/portals/${id(portalId)}`, { method: "DELETE" }),
  categories: (portalId: string) => call(HcCategoryList, `${HC}/portals/${id(portalId)}/categories`),
  createCategory: (portalId: string, body: { slug: string; name: string }) => call(z.unknown(), `${HC}/portals/${id(portalId)}/categories`, { method: "POST", body }),
  createFolder: (categoryId: string, name: string) => call(HcFolder, `${HC}/categories/${id(categoryId)}/folders`, { method: "POST", body: { name } }),
  renameFolder: (folderId: string, name: string) => call(HcFolder, `${HC}/folders/${id(folderId)}`, { method: "PATCH", body: { name } }),
  deleteFolder: (folderId: string) => call(Ok, `${HC}/folders/${id(folderId)}`, { method: "DELETE" }),
  uploadImage,
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

/** The upload route takes the raw image as the body (not JSON), so it bypasses `call`
 * but answers errors the same way: an ApiError with the server's code and message. */
async function uploadImage(file: Blob) {
  const res = await fetch(`${HC}/uploads`, { method: "POST", credentials: "same-origin", headers: { "Content-Type": file.type }, body: file });
  const json: unknown = await res.json().catch(() => null);
  if (!res.ok) {
    const error = ErrorBody.safeParse(json);
    if (error.success) throw new ApiError(res.status, error.data.error.code, error.data.error.message, error.data.error.issues ?? []);
    throw new ApiError(res.status, "http_error", `HTTP ${res.status}`);
  }
  return HcUpload.parse(json);
}
