/**
 * @module Help center portals, their categories and folders (issue 17): the admins'
 * CRUD and the lookups the public site makes by slug and by custom domain.
 */
import { asc, count, eq, inArray } from "drizzle-orm";
import type { Db } from "./client";
import { hcArticles, hcCategories, hcFolders, hcPortals } from "./schema";
import type { CreatePortalBody, HcCategory, HcFolder, HcTranslations, Portal, UpdatePortalBody } from "../protocol";

const portalColumns = {
  id: hcPortals.id,
  name: hcPortals.name,
  slug: hcPortals.slug,
  logoFileId: hcPortals.logoFileId,
  primaryColor: hcPortals.primaryColor,
  backgroundColor: hcPortals.backgroundColor,
  customDomain: hcPortals.customDomain,
  defaultLocale: hcPortals.defaultLocale,
  locales: hcPortals.locales,
  audience: hcPortals.audience,
  chatInboxId: hcPortals.chatInboxId,
  siteOrigin: hcPortals.siteOrigin,
  createdAt: hcPortals.createdAt,
  updatedAt: hcPortals.updatedAt,
};

export async function listPortals(db: Db): Promise<Portal[]> {
  return db.select(portalColumns).from(hcPortals).orderBy(asc(hcPortals.name), asc(hcPortals.id));
}

export async function countPortals(db: Db): Promise<number> {
  return (await db.select({ n: count() }).from(hcPortals).get())?.n ?? 0;
}

export async function findPortal(db: Db, id: string): Promise<Portal | undefined> {
  return db.select(portalColumns).from(hcPortals).where(eq(hcPortals.id, id)).get();
}

export async function findPortalBySlug(db: Db, slug: string): Promise<Portal | undefined> {
  return db.select(portalColumns).from(hcPortals).where(eq(hcPortals.slug, slug)).get();
}

/** Every portal's custom domain (few portals: the site's host lookup keeps them all). */
export async function portalDomains(db: Db): Promise<{ domain: string; slug: string }[]> {
  const rows = await db.select({ domain: hcPortals.customDomain, slug: hcPortals.slug }).from(hcPortals);
  return rows.filter((r): r is { domain: string; slug: string } => r.domain !== null);
}

/** Throws a unique-constraint error for a slug or domain already taken. */
export async function insertPortal(db: Db, id: string, body: CreatePortalBody, siteOrigin: string, now: number): Promise<Portal> {
  const [row] = await db
    .insert(hcPortals)
    .values({ id, ...body, siteOrigin, createdAt: now, updatedAt: now })
    .returning(portalColumns);
  return row!;
}

export async function updatePortal(db: Db, id: string, changes: UpdatePortalBody, siteOrigin: string, now: number): Promise<Portal | undefined> {
  const [row] = await db.update(hcPortals).set({ ...changes, siteOrigin, updatedAt: now }).where(eq(hcPortals.id, id)).returning(portalColumns);
  return row;
}

/** Deletes an empty portal (its categories and folders go with it); false when it still
 * holds articles, which must be deleted first (nothing is lost by a slip). */
export async function deleteEmptyPortal(db: Db, id: string): Promise<"deleted" | "missing" | "not_empty"> {
  if (!(await findPortal(db, id))) return "missing";
  const articles = (await db.select({ n: count() }).from(hcArticles).where(eq(hcArticles.portalId, id)).get())?.n ?? 0;
  if (articles > 0) return "not_empty";
  const categoryIds = (await db.select({ id: hcCategories.id }).from(hcCategories).where(eq(hcCategories.portalId, id))).map((r) => r.id);
  await db.batch([
    db.delete(hcFolders).where(inArray(hcFolders.categoryId, categoryIds.length ? categoryIds : [""])),
    db.delete(hcCategories).where(eq(hcCategories.portalId, id)),
    db.delete(hcPortals).where(eq(hcPortals.id, id)),
  ]);
  return "deleted";
}

// --- categories and folders -------------------------------------------------------------

const folderColumns = { id: hcFolders.id, categoryId: hcFolders.categoryId, name: hcFolders.name, translations: hcFolders.translations, position: hcFolders.position };
const categoryColumns = {
  id: hcCategories.id,
  portalId: hcCategories.portalId,
  slug: hcCategories.slug,
  name: hcCategories.name,
  description: hcCategories.description,
  translations: hcCategories.translations,
  position: hcCategories.position,
};

/** A portal's categories in order, each with its folders in order. */
export async function listCategories(db: Db, portalId: string): Promise<HcCategory[]> {
  const categories = await db.select(categoryColumns).from(hcCategories).where(eq(hcCategories.portalId, portalId)).orderBy(asc(hcCategories.position), asc(hcCategories.name));
  if (categories.length === 0) return [];
  const folders = await db
    .select(folderColumns)
    .from(hcFolders)
    .where(inArray(hcFolders.categoryId, categories.map((c) => c.id)))
    .orderBy(asc(hcFolders.position), asc(hcFolders.name));
  return categories.map((c) => ({ ...c, folders: folders.filter((f) => f.categoryId === c.id) }));
}

export async function findCategory(db: Db, id: string): Promise<HcCategory | undefined> {
  const row = await db.select(categoryColumns).from(hcCategories).where(eq(hcCategories.id, id)).get();
  if (!row) return undefined;
  const folders = await db.select(folderColumns).from(hcFolders).where(eq(hcFolders.categoryId, id)).orderBy(asc(hcFolders.position), asc(hcFolders.name));
  return { ...row, folders };
}

export async function findFolder(db: Db, id: string): Promise<(HcFolder & { portalId: string }) | undefined> {
  return db
    .select({ ...folderColumns, portalId: hcCategories.portalId })
    .from(hcFolders)
    .innerJoin(hcCategories, eq(hcCategories.id, hcFolders.categoryId))
    .where(eq(hcFolders.id, id))
    .get();
}

interface CategoryFields {
  slug: string;
  name: string;
  description?: string;
  translations?: HcTranslations;
  position?: number;
}

/** Throws a unique-constraint error for a slug the portal already has. */
export async function insertCategory(db: Db, id: string, portalId: string, fields: CategoryFields, now: number): Promise<HcCategory> {
  await db.insert(hcCategories).values({ id, portalId, ...fields, createdAt: now });
  return (await findCategory(db, id))!;
}

export async function updateCategory(db: Db, id: string, changes: Partial<CategoryFields>): Promise<HcCategory | undefined> {
  const [row] = await db.update(hcCategories).set(changes).where(eq(hcCategories.id, id)).returning({ id: hcCategories.id });
  return row ? findCategory(db, id) : undefined;
}

/** Deletes a category with no folders and no articles. */
export async function deleteEmptyCategory(db: Db, id: string): Promise<"deleted" | "missing" | "not_empty"> {
  const category = await findCategory(db, id);
  if (!category) return "missing";
  const articles = (await db.select({ n: count() }).from(hcArticles).where(eq(hcArticles.categoryId, id)).get())?.n ?? 0;
  if (articles > 0 || category.folders.length > 0) return "not_empty";
  await db.delete(hcCategories).where(eq(hcCategories.id, id));
  return "deleted";
}

interface FolderFields {
  name: string;
  translations?: HcTranslations;
  position?: number;
}

export async function insertFolder(db: Db, id: string, categoryId: string, fields: FolderFields, now: number): Promise<HcFolder> {
  const [row] = await db.insert(hcFolders).values({ id, categoryId, ...fields, createdAt: now }).returning(folderColumns);
  return row!;
}

export async function updateFolder(db: Db, id: string, changes: Partial<FolderFields>): Promise<HcFolder | undefined> {
  const [row] = await db.update(hcFolders).set(changes).where(eq(hcFolders.id, id)).returning(folderColumns);
  return row;
}

/** Deletes a folder with no articles. */
export async function deleteEmptyFolder(db: Db, id: string): Promise<"deleted" | "missing" | "not_empty"> {
  if (!(await findFolder(db, id))) return "missing";
  const articles = (await db.select({ n: count() }).from(hcArticles).where(eq(hcArticles.folderId, id)).get())?.n ?? 0;
  if (articles > 0) return "not_empty";
  await db.delete(hcFolders).where(eq(hcFolders.id, id));
  return "deleted";
}
