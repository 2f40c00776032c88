/**
 * @module The references an article's body names, checked against D1 before a write:
 * its portal offers the locale, its category is the portal's, its folder is inside the
 * category (a folder alone files the article under the folder's category), a translation
 * points at a source article of the same portal, a segment names a tag that exists.
 * Each miss is a 4xx naming the field, never a foreign-key error.
 */
import type { Db } from "../db/client";
import { findArticle } from "../db/hc-articles";
import { findCategory, findFolder } from "../db/hc-portals";
import { findTag } from "../db/tags";
import { ApiError } from "../http/api-error";
import type { Portal } from "../protocol";

const invalid = (path: string, message: string) => new ApiError(400, "validation_failed", message, [{ path: [path], message }]);

/** The category and folder to store, once both are known to belong together. */
export async function filing(db: Db, portal: Portal, categoryId: string | null, folderId: string | null): Promise<{ categoryId: string | null; folderId: string | null }> {
  if (folderId !== null) {
    const folder = await findFolder(db, folderId);
    if (!folder || folder.portalId !== portal.id) throw new ApiError(404, "folder_not_found", "No folder with that id in this portal.");
    if (categoryId !== null && categoryId !== folder.categoryId) throw invalid("folderId", "The folder is in another category.");
    return { categoryId: folder.categoryId, folderId };
  }
  if (categoryId !== null) {
    const category = await findCategory(db, categoryId);
    if (!category || category.portalId !== portal.id) throw new ApiError(404, "category_not_found", "No category with that id in this portal.");
  }
  return { categoryId, folderId: null };
}

export function checkLocale(portal: Portal, locale: string): void {
  if (!(portal.locales as string[]).includes(locale)) throw invalid("locale", `The portal offers ${portal.locales.join(", ")}.`);
}

/** The group a new article joins: its own id, or its source's. */
export async function groupOf(db: Db, portal: Portal, id: string, translationOf: string | null | undefined): Promise<string> {
  if (!translationOf) return id;
  const source = await findArticle(db, translationOf);
  if (!source || source.portalId !== portal.id) throw new ApiError(404, "article_not_found", "No source article with that id in this portal.");
  if (source.translationOf !== null) throw invalid("translationOf", "Point at the source article, not at another translation.");
  return source.id;
}

export async function checkSegment(db: Db, segmentTagId: string | null | undefined): Promise<void> {
  if (segmentTagId && !(await findTag(db, segmentTagId))) throw new ApiError(404, "tag_not_found", "No tag with that id.");
}
