/**
 * @module Wire shapes of the help center (issue 17): portals, their categories and
 * folders, articles with their translations, publishing history, feedback, and search.
 *
 * An article exists once per locale. The first one written is the *source*; each
 * translation points at it (`translationOf`), and all of them share the source's id as
 * their `groupId`, which is what public URLs name: `/hc/{portal}/{locale}/articles/{groupId}`
 * is the same article in every language, and a locale with no translation falls back to
 * the portal's default locale (saying so on the page).
 */
import { z } from "zod";
import { Actor } from "./events";
import { UserText } from "./text";

export const HcLocale = z.enum(["pt-BR", "en", "es"]);
export type HcLocale = z.infer<typeof HcLocale>;
export const HC_LOCALES = HcLocale.options;

/** Who may read a portal at all: anyone, or signed-in customers only (/portal). */
export const PortalAudience = z.enum(["public", "customers"]);
export type PortalAudience = z.infer<typeof PortalAudience>;

/** Who may read an article: anyone; signed-in customers; customers whose contact has the
 * segment's tag; agents only. */
export const ArticleVisibility = z.enum(["public", "customers", "segment", "internal"]);
export type ArticleVisibility = z.infer<typeof ArticleVisibility>;

export const ArticleStatus = z.enum(["draft", "published"]);
export type ArticleStatus = z.infer<typeof ArticleStatus>;

export const MAX_PORTAL_NAME_CHARS = 80;
export const MAX_HC_TITLE_CHARS = 200;
export const MAX_HC_EXCERPT_CHARS = 300;
/** Markdown source; long manuals fit, and D1 rows stay far under their 2 MB cap
 * (https://developers.cloudflare.com/d1/platform/limits/). */
export const MAX_ARTICLE_BODY_CHARS = 100_000;
export const MAX_HC_DESCRIPTION_CHARS = 500;
export const MAX_FEEDBACK_COMMENT_CHARS = 1000;
export const MAX_HC_SEARCH_CHARS = 100;
/** An article image or a logo; pages stay light. */
export const MAX_HC_IMAGE_BYTES = 5 * 1024 * 1024;
/** Portals per installation; each is a site of its own. */
export const MAX_PORTALS = 20;

const Slug = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9](?:[a-z0-9-]{0,46}[a-z0-9])?$/, "1–48 of a–z 0–9 and inner -");
const Id = z.string().min(1).max(64);
const HexColor = z.string().regex(/^#[0-9a-fA-F]{6}$/, "#rrggbb");
/** A hostname only (no scheme, port or path): the Host header a custom domain arrives with. */
const Hostname = z
  .string()
  .trim()
  .toLowerCase()
  .max(253)
  .regex(/^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/, "a hostname such as help.example.com");
const Title = UserText.trim().min(1).max(MAX_HC_TITLE_CHARS);
const Description = UserText.trim().max(MAX_HC_DESCRIPTION_CHARS);

export const Portal = z.object({
  id: z.string(),
  name: z.string(),
  slug: z.string(),
  /** An image uploaded to the portal (GET /hc-files/{id}). */
  logoFileId: z.string().nullable(),
  primaryColor: z.string(),
  backgroundColor: z.string(),
  customDomain: z.string().nullable(),
  defaultLocale: HcLocale,
  locales: z.array(HcLocale),
  audience: PortalAudience,
  /** The web chat inbox whose widget the public pages embed ("still need help?") and
   * whose widget offers this portal's articles. */
  chatInboxId: z.string().nullable(),
  /** Set by the server: the origin the portal was created or last saved from, where its
   * pages live when it has no custom domain (links made without a request use it). */
  siteOrigin: z.string(),
  createdAt: z.number().int(),
  updatedAt: z.number().int(),
});
export type Portal = z.infer<typeof Portal>;
export const PortalList = z.object({ portals: z.array(Portal) });

const PortalFields = {
  name: UserText.trim().min(1).max(MAX_PORTAL_NAME_CHARS),
  slug: Slug,
  logoFileId: Id.nullable(),
  primaryColor: HexColor,
  backgroundColor: HexColor,
  customDomain: Hostname.nullable(),
  defaultLocale: HcLocale,
  locales: z
    .array(HcLocale)
    .min(1)
    .max(HC_LOCALES.length)
    .refine((l) => new Set(l).size === l.length, "each locale once"),
  audience: PortalAudience,
  chatInboxId: Id.nullable(),
};
const defaultInLocales = (p: { defaultLocale?: HcLocale; locales?: HcLocale[] }) => !p.defaultLocale || !p.locales || p.locales.includes(p.defaultLocale);
const DEFAULT_IN_LOCALES = { message: "the default locale must be one of the locales", path: ["defaultLocale"] };

export const CreatePortalBody = z
  .strictObject({
    ...PortalFields,
    logoFileId: PortalFields.logoFileId.optional(),
    primaryColor: PortalFields.primaryColor.optional(),
    backgroundColor: PortalFields.backgroundColor.optional(),
    customDomain: PortalFields.customDomain.optional(),
    audience: PortalFields.audience.optional(),
    chatInboxId: PortalFields.chatInboxId.optional(),
  })
  .refine(defaultInLocales, DEFAULT_IN_LOCALES);
export type CreatePortalBody = z.infer<typeof CreatePortalBody>;
export const UpdatePortalBody = z
  .strictObject(Object.fromEntries(Object.entries(PortalFields).map(([k, v]) => [k, v.optional()])) as { [K in keyof typeof PortalFields]: z.ZodOptional<(typeof PortalFields)[K]> })
  .refine((b) => Object.keys(b).length > 0, "nothing to change")
  .refine(defaultInLocales, DEFAULT_IN_LOCALES);
export type UpdatePortalBody = z.infer<typeof UpdatePortalBody>;

/** A category's or folder's name and description in the portal's other locales. */
export const HcTranslations = z.partialRecord(HcLocale, z.strictObject({ name: Title, description: Description.default("") }));
export type HcTranslations = z.infer<typeof HcTranslations>;

export const HcFolder = z.object({ id: z.string(), categoryId: z.string(), name: z.string(), translations: HcTranslations, position: z.number().int() });
export type HcFolder = z.infer<typeof HcFolder>;
export const HcCategory = z.object({
  id: z.string(),
  portalId: z.string(),
  slug: z.string(),
  name: z.string(),
  description: z.string(),
  translations: HcTranslations,
  position: z.number().int(),
  folders: z.array(HcFolder),
});
export type HcCategory = z.infer<typeof HcCategory>;
export const HcCategoryList = z.object({ categories: z.array(HcCategory) });

const Position = z.number().int().min(0).max(10_000);
export const CreateCategoryBody = z.strictObject({ slug: Slug, name: Title, description: Description.optional(), translations: HcTranslations.optional(), position: Position.optional() });
export const UpdateCategoryBody = CreateCategoryBody.partial().refine((b) => Object.keys(b).length > 0, "nothing to change");
export const CreateFolderBody = z.strictObject({ name: Title, translations: HcTranslations.optional(), position: Position.optional() });
export const UpdateFolderBody = CreateFolderBody.partial().refine((b) => Object.keys(b).length > 0, "nothing to change");

export const Article = z.object({
  id: z.string(),
  /** The source article's id, shared by all its translations: what public URLs name. */
  groupId: z.string(),
  portalId: z.string(),
  categoryId: z.string().nullable(),
  folderId: z.string().nullable(),
  locale: HcLocale,
  translationOf: z.string().nullable(),
  title: z.string(),
  excerpt: z.string(),
  /** Markdown. */
  body: z.string(),
  status: ArticleStatus,
  visibility: ArticleVisibility,
  /** With visibility "segment": the contact tag whose contacts may read it. */
  segmentTagId: z.string().nullable(),
  authorId: z.string().nullable(),
  authorName: z.string().nullable(),
  createdAt: z.number().int(),
  updatedAt: z.number().int(),
  publishedAt: z.number().int().nullable(),
  views: z.number().int(),
  helpfulYes: z.number().int(),
  helpfulNo: z.number().int(),
});
export type Article = z.infer<typeof Article>;
/** Lists leave the body out. */
export const ArticleSummary = Article.omit({ body: true });
export type ArticleSummary = z.infer<typeof ArticleSummary>;
export const ArticleList = z.object({ articles: z.array(ArticleSummary) });

const ArticleFields = {
  categoryId: Id.nullable(),
  folderId: Id.nullable(),
  title: Title,
  excerpt: UserText.trim().max(MAX_HC_EXCERPT_CHARS),
  body: UserText.max(MAX_ARTICLE_BODY_CHARS),
  status: ArticleStatus,
  visibility: ArticleVisibility,
  segmentTagId: Id.nullable(),
};
const namesTag = (a: { segmentTagId?: string | null }) => a.segmentTagId !== undefined && a.segmentTagId !== null;
/** A new article is public unless it says otherwise. */
const segmentNamedOnCreate = (a: { visibility?: ArticleVisibility; segmentTagId?: string | null }) => ((a.visibility ?? "public") === "segment") === namesTag(a);
/** A change without a visibility is checked against the stored one by the route. */
const segmentNamed = (a: { visibility?: ArticleVisibility; segmentTagId?: string | null }) => a.visibility === undefined || (a.visibility === "segment") === namesTag(a);
const SEGMENT_RULE = { message: "a segment article names its contact tag (segmentTagId), and only a segment article does", path: ["segmentTagId"] };

export const CreateArticleBody = z
  .strictObject({
    portalId: Id,
    locale: HcLocale,
    translationOf: Id.nullable().optional(),
    ...ArticleFields,
    categoryId: ArticleFields.categoryId.optional(),
    folderId: ArticleFields.folderId.optional(),
    excerpt: ArticleFields.excerpt.optional(),
    status: ArticleFields.status.optional(),
    visibility: ArticleFields.visibility.optional(),
    segmentTagId: ArticleFields.segmentTagId.optional(),
  })
  .refine(segmentNamedOnCreate, SEGMENT_RULE)
  // Filing belongs to the group: a translation is where its source is, and moves with it.
  .refine((a) => !a.translationOf || (a.categoryId === undefined && a.folderId === undefined), {
    message: "a translation is filed with its source: leave categoryId and folderId out",
    path: ["categoryId"],
  });
export type CreateArticleBody = z.infer<typeof CreateArticleBody>;
/** A visibility change restates the segment (or null), so the rule is checked on the body. */
export const UpdateArticleBody = z
  .strictObject(Object.fromEntries(Object.entries(ArticleFields).map(([k, v]) => [k, v.optional()])) as { [K in keyof typeof ArticleFields]: z.ZodOptional<(typeof ArticleFields)[K]> })
  .refine((b) => Object.keys(b).length > 0, "nothing to change")
  .refine(segmentNamed, SEGMENT_RULE);
export type UpdateArticleBody = z.infer<typeof UpdateArticleBody>;

export const ArticleListQuery = z.strictObject({
  portalId: Id,
  locale: HcLocale.optional(),
  status: ArticleStatus.optional(),
  categoryId: Id.optional(),
});

export const RevisionAction = z.enum(["created", "edited", "published", "unpublished"]);
export const ArticleRevision = z.object({
  id: z.string(),
  articleId: z.string(),
  at: z.number().int(),
  actor: Actor,
  action: RevisionAction,
  /** The fields this change touched. */
  changed: z.array(z.string()),
  /** The title and body as they were after the change. */
  title: z.string(),
  body: z.string(),
});
export type ArticleRevision = z.infer<typeof ArticleRevision>;
export const ArticleRevisionList = z.object({ revisions: z.array(ArticleRevision) });

export const ArticleFeedbackBody = z.strictObject({
  helpful: z.boolean(),
  comment: UserText.trim().max(MAX_FEEDBACK_COMMENT_CHARS).optional(),
});
export const ArticleFeedbackEntry = z.object({ helpful: z.boolean(), comment: z.string().nullable(), at: z.number().int() });
export const ArticleFeedbackList = z.object({ helpfulYes: z.number().int(), helpfulNo: z.number().int(), views: z.number().int(), comments: z.array(ArticleFeedbackEntry) });
export type ArticleFeedbackList = z.infer<typeof ArticleFeedbackList>;

export const PreviewBody = z.strictObject({ markdown: UserText.max(MAX_ARTICLE_BODY_CHARS) });
export const PreviewAnswer = z.object({ html: z.string() });

/** `all`: articles with every word (a search box). `any`: suggestions from a sentence
 * being written, articles with any of its meaningful words, best first. */
export const HcSearchMatch = z.enum(["all", "any"]);
export type HcSearchMatch = z.infer<typeof HcSearchMatch>;
/** Search: what the visitor typed, in one locale. `locale` defaults to the portal's. */
export const HcSearchQuery = z.strictObject({ q: UserText.trim().min(1).max(MAX_HC_SEARCH_CHARS), locale: HcLocale.optional(), match: HcSearchMatch.default("all") });
export const AgentArticleSearchQuery = HcSearchQuery.extend({ portalId: Id.optional() });

/** `title` and `snippet` carry HIGHLIGHT_START/END markers around matches; render them as
 * text, turning only the markers into <mark>. */
export const ArticleHit = z.object({
  id: z.string(),
  groupId: z.string(),
  portalId: z.string(),
  locale: HcLocale,
  title: z.string(),
  snippet: z.string(),
  excerpt: z.string(),
  /** The public page (absolute path on this origin). */
  url: z.string(),
  visibility: ArticleVisibility,
});
export type ArticleHit = z.infer<typeof ArticleHit>;
export const ArticleHitList = z.object({ hits: z.array(ArticleHit) });

/** One article as the widget shows it: already rendered, sanitized HTML. */
export const PublicArticle = z.object({
  groupId: z.string(),
  locale: HcLocale,
  title: z.string(),
  html: z.string(),
  excerpt: z.string(),
  url: z.string(),
  /** True when the visitor's locale had no translation and this is the default locale's. */
  fallback: z.boolean(),
});
export type PublicArticle = z.infer<typeof PublicArticle>;

/** An uploaded image: reference it in Markdown as `![alt](url)`. */
export const HcUpload = z.object({ id: z.string(), url: z.string(), contentType: z.string(), size: z.number().int() });
