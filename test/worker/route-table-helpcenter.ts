/**
 * @module The route table's rows for the help center (issue 17), and the records they
 * point at (`HcFixture`, made by route-world.ts through the API). Editors' reads and
 * article writes take an agent or a token with `articles:manage`; arranging portals,
 * categories and folders, and deleting articles, take an admin or the `admin` scope. The
 * public JSON API (the widget's) is open to anyone; its vote is a cookie-less write the
 * CSRF suite checks like any other.
 */
import { created, unique, type Fixture, type Route } from "./route-table";

export interface HcFixture {
  portalId: string;
  portalSlug: string;
  categoryId: string;
  folderId: string;
  articleId: string;
  groupId: string;
}

export async function helpCenterFixture(): Promise<HcFixture> {
  const portal: any = await created("/api/v1/help-center/portals", { name: "Route table", slug: `rt-${unique()}`, defaultLocale: "pt-BR", locales: ["pt-BR", "en"] });
  const category = await created(`/api/v1/help-center/portals/${portal.id}/categories`, { slug: "rt", name: "Route table" });
  const folder = await created(`/api/v1/help-center/categories/${category.id}/folders`, { name: "Route table" });
  const article: any = await created("/api/v1/help-center/articles", { portalId: portal.id, locale: "pt-BR", title: "Route table", body: "Rota", status: "published" });
  return { portalId: portal.id, portalSlug: portal.slug, categoryId: category.id, folderId: folder.id, articleId: article.id, groupId: article.groupId };
}

const freshPortal = async () => ({ id: (await created("/api/v1/help-center/portals", { name: "RT", slug: `rt-${unique()}`, defaultLocale: "en", locales: ["en"] })).id });
const freshCategory = (f: Fixture) => async () => ({ id: (await created(`/api/v1/help-center/portals/${f.hc.portalId}/categories`, { slug: `rt-${unique()}`, name: "RT" })).id });
const freshFolder = (f: Fixture) => async () => ({ id: (await created(`/api/v1/help-center/categories/${f.hc.categoryId}/folders`, { name: "RT" })).id });
const freshArticle = (f: Fixture) => async () => ({ id: (await created("/api/v1/help-center/articles", { portalId: f.hc.portalId, locale: "pt-BR", title: "RT", body: "" })).id });

/** `fresh` needs the fixture, which the table only has once the world is made. */
let world: Fixture | null = null;
export const rememberHcFixture = (f: Fixture) => void (world = f);
const withWorld = (make: (f: Fixture) => () => Promise<{ id: string }>) => () => make(world!)();

export const HC_ROUTES: Route[] = [
  { method: "GET", path: "/api/v1/help-center/portals", access: "agent", token: "articles:manage", ok: 200 },
  { method: "POST", path: "/api/v1/help-center/portals", access: "admin", token: "admin", body: () => ({ name: "RT", slug: `rt-${unique()}`, defaultLocale: "en", locales: ["en"] }), ok: 201 },
  { method: "PATCH", path: "/api/v1/help-center/portals/{id}", access: "admin", token: "admin", params: (f) => ({ id: f.hc.portalId }), body: () => ({ name: "Route table" }), ok: 200 },
  { method: "DELETE", path: "/api/v1/help-center/portals/{id}", access: "admin", token: "admin", params: (f) => ({ id: f.hc.portalId }), fresh: freshPortal, ok: 200 },
  { method: "GET", path: "/api/v1/help-center/portals/{id}/categories", access: "agent", token: "articles:manage", params: (f) => ({ id: f.hc.portalId }), ok: 200 },
  { method: "POST", path: "/api/v1/help-center/portals/{id}/categories", access: "admin", token: "admin", params: (f) => ({ id: f.hc.portalId }), body: () => ({ slug: `rt-${unique()}`, name: "RT" }), ok: 201 },
  { method: "PATCH", path: "/api/v1/help-center/categories/{id}", access: "admin", token: "admin", params: (f) => ({ id: f.hc.categoryId }), body: () => ({ name: "Route table" }), ok: 200 },
  { method: "DELETE", path: "/api/v1/help-center/categories/{id}", access: "admin", token: "admin", params: (f) => ({ id: f.hc.categoryId }), fresh: withWorld(freshCategory), ok: 200 },
  { method: "POST", path: "/api/v1/help-center/categories/{id}/folders", access: "admin", token: "admin", params: (f) => ({ id: f.hc.categoryId }), body: () => ({ name: "RT" }), ok: 201 },
  { method: "PATCH", path: "/api/v1/help-center/folders/{id}", access: "admin", token: "admin", params: (f) => ({ id: f.hc.folderId }), body: () => ({ name: "Route table" }), ok: 200 },
  { method: "DELETE", path: "/api/v1/help-center/folders/{id}", access: "admin", token: "admin", params: (f) => ({ id: f.hc.folderId }), fresh: withWorld(freshFolder), ok: 200 },
  { method: "GET", path: "/api/v1/help-center/articles", access: "agent", token: "articles:manage", query: (f) => `portalId=${f.hc.portalId}`, ok: 200 },
  { method: "POST", path: "/api/v1/help-center/articles", access: "agent", token: "articles:manage", body: (f) => ({ portalId: f.hc.portalId, locale: "pt-BR", title: "RT", body: "" }), ok: 201 },
  { method: "GET", path: "/api/v1/help-center/articles/{id}", access: "agent", token: "articles:manage", params: (f) => ({ id: f.hc.articleId }), ok: 200 },
  { method: "PATCH", path: "/api/v1/help-center/articles/{id}", access: "agent", token: "articles:manage", params: (f) => ({ id: f.hc.articleId }), body: () => ({ excerpt: `rt ${unique()}` }), ok: 200 },
  { method: "DELETE", path: "/api/v1/help-center/articles/{id}", access: "admin", token: "admin", params: (f) => ({ id: f.hc.articleId }), fresh: withWorld(freshArticle), ok: 200 },
  { method: "GET", path: "/api/v1/help-center/articles/{id}/revisions", access: "agent", token: "articles:manage", params: (f) => ({ id: f.hc.articleId }), ok: 200 },
  { method: "GET", path: "/api/v1/help-center/articles/{id}/feedback", access: "agent", token: "articles:manage", params: (f) => ({ id: f.hc.articleId }), ok: 200 },
  { method: "POST", path: "/api/v1/help-center/preview", access: "agent", token: "articles:manage", body: () => ({ markdown: "**rt**" }), ok: 200 },
  { method: "GET", path: "/api/v1/help-center/search", access: "agent", token: "articles:manage", query: () => "q=route", ok: 200 },
  // Success needs an image body (help-center/hc-site.test.ts).
  { method: "POST", path: "/api/v1/help-center/uploads", access: "agent", token: "articles:manage" },
  { method: "GET", path: "/api/v1/help-center/public/portal", access: "public", query: (f) => `inbox=${f.publicKey}`, ok: 200 },
  { method: "GET", path: "/api/v1/help-center/public/{slug}/search", access: "public", params: (f) => ({ slug: f.hc.portalSlug }), query: () => "q=rota", ok: 200 },
  { method: "GET", path: "/api/v1/help-center/public/{slug}/articles/{groupId}", access: "public", params: (f) => ({ slug: f.hc.portalSlug, groupId: f.hc.groupId }), ok: 200 },
  {
    method: "POST",
    path: "/api/v1/help-center/public/{slug}/articles/{groupId}/feedback",
    access: "public",
    params: (f) => ({ slug: f.hc.portalSlug, groupId: f.hc.groupId }),
    body: () => ({ helpful: true }),
    ok: 200,
  },
];
