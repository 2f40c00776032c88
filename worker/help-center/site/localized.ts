/**
 * @module A category's or folder's name and description in the reader's locale: the
 * translation when there is one, else the default locale's.
 */
import type { HcLocale, HcTranslations } from "../../protocol";

export function localized(item: { name: string; description?: string; translations: HcTranslations }, locale: HcLocale): { name: string; description: string } {
  const t = item.translations[locale];
  return t ? { name: t.name, description: t.description ?? "" } : { name: item.name, description: item.description ?? "" };
}
