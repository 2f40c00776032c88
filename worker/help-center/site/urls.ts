/**
 * @module The public site's addresses, built in one place. `base` is where a portal
 * lives on this request: `/hc/{slug}` on the Worker's own host, "" on the portal's
 * custom domain (site/host.ts).
 */
import type { HcLocale } from "../../protocol";

export const portalBase = (slug: string) => `/hc/${slug}`;
export const homeUrl = (base: string, locale: HcLocale) => `${base}/${locale}/`;
export const categoryUrl = (base: string, locale: HcLocale, slug: string) => `${base}/${locale}/categories/${slug}`;
export const folderUrl = (base: string, locale: HcLocale, folderId: string) => `${base}/${locale}/folders/${folderId}`;
export const articleUrl = (base: string, locale: HcLocale, groupId: string) => `${base}/${locale}/articles/${groupId}`;
export const searchUrl = (base: string, locale: HcLocale) => `${base}/${locale}/search`;
export const feedbackUrl = (base: string, locale: HcLocale, groupId: string) => `${articleUrl(base, locale, groupId)}/feedback`;
