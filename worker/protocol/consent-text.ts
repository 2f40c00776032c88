/**
 * @module Which opt-in sentence the web chat widget shows beside its consent checkbox, in
 * the visitor's language. Shared by the widget (which shows it) and the server (which
 * records a grant only for exactly that sentence), so both pick the same one. No zod
 * here: the widget imports it.
 */
import type { Locale } from "./webchat";

/** The inbox's sentence for `locale`, else its pt-BR one, else the first it has; null:
 * none configured. */
export function consentTextFor(texts: Partial<Record<Locale, string>>, locale: Locale): string | null {
  return texts[locale] || texts["pt-BR"] || texts.en || texts.es || null;
}
