/**
 * The bad-input rows of the help center routes (issue 17): one valid request per body
 * route, from which bad-input-kit.ts derives the cases, and the query routes' bad
 * queries. Used by bad-input-helpcenter.test.ts; bad-input-coverage.test.ts checks every
 * JSON-body route has a row.
 */
import { MAX_ARTICLE_BODY_CHARS, MAX_FEEDBACK_COMMENT_CHARS, MAX_HC_SEARCH_CHARS, MAX_HC_TITLE_CHARS } from "../../worker/protocol";
import { huge, type BodyRoute, type QueryRoute, type World } from "./bad-input-kit";

/** A portal (slug "taken" is another's), with a category, a folder, a tag and a published public article. */
export interface HcWorld extends World {
  portalId: string;
  portalSlug: string;
  categoryId: string;
  folderId: string;
  articleId: string;
  groupId: string;
  tagId: string;
}

const asOwner = (w: HcWorld) => ({ client: w.boss });
const tooLongTitle = huge(MAX_HC_TITLE_CHARS + 1);

export const HC_BODY_ROUTES: BodyRoute<HcWorld>[] = [
  {
    name: "POST /api/v1/help-center/portals",
    path: () => "/api/v1/help-center/portals",
    as: asOwner,
    valid: () => ({ name: "Ajuda", slug: "nova-ajuda", defaultLocale: "pt-BR", locales: ["pt-BR", "en"] }),
    wrongTypes: { name: 5, slug: 5, defaultLocale: 5, locales: "pt-BR", audience: true, primaryColor: 255, customDomain: 5, chatInboxId: 5 },
    required: ["name", "slug", "defaultLocale", "locales"],
    badValues: [
      { label: "an empty name", set: { name: "" } },
      { label: "a slug with a slash", set: { slug: "a/b" } },
      { label: "a slug with spaces", set: { slug: "minha ajuda" } },
      { label: "a slug over 48 characters", set: { slug: "a".repeat(49) } },
      { label: "an unknown locale", set: { locales: ["pt-BR", "fr"] } },
      { label: "no locales", set: { locales: [] } },
      { label: "a locale twice", set: { locales: ["en", "en"] } },
      { label: "a default locale not offered", set: { defaultLocale: "es" } },
      { label: "a colour that is not #rrggbb", set: { primaryColor: "red;}body{display:none" } },
      { label: "a custom domain with a path", set: { customDomain: "help.example.com/x" } },
      { label: "a custom domain with a scheme", set: { customDomain: "https://help.example.com" } },
      { label: "an unknown audience", set: { audience: "everyone" } },
      { label: "an unknown chat inbox", set: { chatInboxId: "no-such-inbox" }, status: 404, code: "inbox_not_found" },
      { label: "a logo that was never uploaded", set: { logoFileId: "no-such-file" }, status: 404, code: "not_found" },
      { label: "a slug another portal has", set: { slug: "taken" }, status: 409, code: "conflict" },
    ],
  },
  {
    name: "PATCH /api/v1/help-center/portals/{id}",
    method: "PATCH",
    path: (w) => `/api/v1/help-center/portals/${w.portalId}`,
    as: asOwner,
    valid: () => ({ name: "Ajuda nova" }),
    wrongTypes: { name: 5, locales: "en", audience: 1 },
    required: [],
    badValues: [
      { label: "a default locale the portal does not offer", set: { defaultLocale: "es" } },
      { label: "a slug another portal has", set: { slug: "taken" }, status: 409, code: "conflict" },
    ],
  },
  {
    name: "POST /api/v1/help-center/portals/{id}/categories",
    path: (w) => `/api/v1/help-center/portals/${w.portalId}/categories`,
    as: asOwner,
    valid: () => ({ slug: "nova-categoria", name: "Nova" }),
    wrongTypes: { slug: 5, name: 5, position: "1", translations: "en" },
    required: ["slug", "name"],
    badValues: [
      { label: "a title over the limit", set: { name: tooLongTitle } },
      { label: "a negative position", set: { position: -1 } },
      { label: "a translation in an unknown locale", set: { translations: { fr: { name: "Nouveau" } } } },
      { label: "a translation without its name", set: { translations: { en: { description: "x" } } } },
      { label: "the slug of an existing category", set: { slug: "pagamentos" }, status: 409, code: "conflict" },
    ],
  },
  {
    name: "PATCH /api/v1/help-center/categories/{id}",
    method: "PATCH",
    path: (w) => `/api/v1/help-center/categories/${w.categoryId}`,
    as: asOwner,
    valid: () => ({ name: "Pagamentos e reembolsos" }),
    wrongTypes: { name: 5, slug: 5 },
    required: [],
    badValues: [{ label: "an empty name", set: { name: "" } }],
  },
  {
    name: "POST /api/v1/help-center/categories/{id}/folders",
    path: (w) => `/api/v1/help-center/categories/${w.categoryId}/folders`,
    as: asOwner,
    valid: () => ({ name: "Cartão" }),
    wrongTypes: { name: 5, position: "2" },
    required: ["name"],
    badValues: [{ label: "an empty name", set: { name: "" } }],
  },
  {
    name: "PATCH /api/v1/help-center/folders/{id}",
    method: "PATCH",
    path: (w) => `/api/v1/help-center/folders/${w.folderId}`,
    as: asOwner,
    valid: () => ({ name: "Pix e boleto" }),
    wrongTypes: { name: 5 },
    required: [],
    badValues: [{ label: "a title over the limit", set: { name: tooLongTitle } }],
  },
  {
    name: "POST /api/v1/help-center/articles",
    path: () => "/api/v1/help-center/articles",
    as: asOwner,
    valid: (w) => ({ portalId: w.portalId, locale: "pt-BR", title: "Novo artigo", body: "Texto." }),
    wrongTypes: { portalId: 5, locale: 5, title: 5, body: 5, status: true, visibility: 1, categoryId: 5, translationOf: 5 },
    required: ["portalId", "locale", "title", "body"],
    badValues: [
      { label: "an empty title", set: { title: "   " } },
      { label: "a title over the limit", set: { title: tooLongTitle } },
      { label: `a body over ${MAX_ARTICLE_BODY_CHARS} characters`, set: { body: huge(MAX_ARTICLE_BODY_CHARS + 1) }, status: 413, code: "payload_too_large" },
      { label: "an unknown status", set: { status: "archived" } },
      { label: "an unknown visibility", set: { visibility: "secret" } },
      { label: "a segment without its tag", set: { segmentTagId: null, visibility: "segment" } },
      { label: "a tag on a public article", set: { segmentTagId: "some-tag" } },
      { label: "a locale the portal does not offer", set: { locale: "es" } },
      { label: "an unknown portal", set: { portalId: "no-such-portal" }, status: 404, code: "portal_not_found" },
      { label: "an unknown category", set: { categoryId: "no-such-category" }, status: 404, code: "category_not_found" },
      { label: "an unknown folder", set: { folderId: "no-such-folder" }, status: 404, code: "folder_not_found" },
      { label: "an unknown source article", set: { translationOf: "no-such-article", locale: "en" }, status: 404, code: "article_not_found" },
      { label: "an unknown segment tag", set: { visibility: "segment", segmentTagId: "no-such-tag" }, status: 404, code: "tag_not_found" },
      { label: "a second translation in the source's locale", set: { translationOf: "SOURCE", locale: "pt-BR" }, status: 409, code: "conflict" },
    ],
  },
  {
    name: "PATCH /api/v1/help-center/articles/{id}",
    method: "PATCH",
    path: (w) => `/api/v1/help-center/articles/${w.articleId}`,
    as: asOwner,
    valid: () => ({ title: "Título novo" }),
    wrongTypes: { title: 5, body: 5, status: 1, folderId: 5 },
    required: [],
    badValues: [
      { label: "an empty title", set: { title: "" } },
      { label: "a segment without its tag", set: { segmentTagId: null, visibility: "segment" } },
      { label: "a tag on a public article", set: { segmentTagId: "some-tag" } },
      { label: "the portal (an article never moves portal)", set: { portalId: "other" }, unknownKey: true },
      { label: "the locale (a translation is a new article)", set: { locale: "en" }, unknownKey: true },
      { label: "an unknown folder", set: { folderId: "no-such-folder" }, status: 404, code: "folder_not_found" },
    ],
  },
  {
    name: "POST /api/v1/help-center/preview",
    path: () => "/api/v1/help-center/preview",
    as: asOwner,
    valid: () => ({ markdown: "# Oi" }),
    wrongTypes: { markdown: 5 },
    required: ["markdown"],
    badValues: [{ label: `Markdown over ${MAX_ARTICLE_BODY_CHARS} characters`, set: { markdown: huge(MAX_ARTICLE_BODY_CHARS + 1) }, status: 413, code: "payload_too_large" }],
  },
  {
    name: "POST /api/v1/help-center/public/{slug}/articles/{groupId}/feedback",
    path: (w) => `/api/v1/help-center/public/${w.portalSlug}/articles/${w.groupId}/feedback`,
    as: () => ({}),
    valid: () => ({ helpful: true }),
    wrongTypes: { helpful: "yes", comment: 5 },
    required: ["helpful"],
    badValues: [{ label: `a comment over ${MAX_FEEDBACK_COMMENT_CHARS} characters`, set: { comment: huge(MAX_FEEDBACK_COMMENT_CHARS + 1) } }],
  },
];

export const HC_QUERY_ROUTES: QueryRoute<HcWorld>[] = [
  {
    name: "GET /api/v1/help-center/articles",
    path: (_, q) => `/api/v1/help-center/articles?${q}`,
    as: asOwner,
    cases: [
      { query: "", issueAt: ["portalId"] },
      { query: `portalId=${huge(65)}`, issueAt: ["portalId"] },
      { query: "portalId=p&locale=fr", issueAt: ["locale"] },
      { query: "portalId=p&status=archived", issueAt: ["status"] },
      { query: "portalId=p&extra=1", issueAt: [] },
      { query: "portalId=no-such-portal", status: 404, code: "portal_not_found" },
    ],
  },
  {
    name: "GET /api/v1/help-center/search",
    path: (_, q) => `/api/v1/help-center/search?${q}`,
    as: asOwner,
    cases: [
      { query: "", issueAt: ["q"] },
      { query: "q=", issueAt: ["q"] },
      { query: `q=${huge(MAX_HC_SEARCH_CHARS + 1)}`, issueAt: ["q"] },
      { query: "q=pix&locale=fr", issueAt: ["locale"] },
      { query: "q=pix&portalId=no-such-portal", status: 404, code: "portal_not_found" },
    ],
  },
  {
    name: "GET /api/v1/help-center/public/{slug}/search",
    path: (w, q) => `/api/v1/help-center/public/${w.portalSlug}/search?${q}`,
    as: () => ({}),
    cases: [
      { query: "", issueAt: ["q"] },
      { query: "q=%20%20", issueAt: ["q"] },
      { query: `q=${huge(MAX_HC_SEARCH_CHARS + 1)}`, issueAt: ["q"] },
      { query: "q=pix&locale=xx", issueAt: ["locale"] },
      { query: "q=pix&q=boleto", issueAt: ["q"] },
    ],
  },
  {
    name: "GET /api/v1/help-center/public/portal",
    path: (_, q) => `/api/v1/help-center/public/portal?${q}`,
    as: () => ({}),
    cases: [
      { query: "", issueAt: ["inbox"] },
      { query: `inbox=${huge(65)}`, issueAt: ["inbox"] },
    ],
  },
  {
    name: "GET /api/v1/help-center/public/{slug}/articles/{groupId}",
    path: (w, q) => `/api/v1/help-center/public/${w.portalSlug}/articles/${w.groupId}?${q}`,
    as: () => ({}),
    cases: [
      { query: "locale=fr", issueAt: ["locale"] },
      { query: "locale=en&x=1", issueAt: [] },
    ],
  },
];
