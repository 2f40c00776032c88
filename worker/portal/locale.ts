/**
 * @module Which language a portal page speaks: `?lang=` (the links the portal and its
 * mail make carry it), else the browser's Accept-Language, else pt-BR.
 */
import { Locale } from "../protocol";

export function portalLocale(query: string | undefined, acceptLanguage: string | undefined): Locale {
  const asked = Locale.safeParse(query);
  if (asked.success) return asked.data;
  for (const part of (acceptLanguage ?? "").split(",")) {
    const tag = part.split(";")[0]!.trim().toLowerCase();
    if (tag.startsWith("pt")) return "pt-BR";
    if (tag.startsWith("es")) return "es";
    if (tag.startsWith("en")) return "en";
  }
  return "pt-BR";
}

/** The time as the page first shows it: the help desks' own zone (the script shows it
 * again in the reader's zone). */
export function shownTime(at: number, locale: Locale): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: "short", timeStyle: "short", timeZone: "America/Sao_Paulo" }).format(at);
}
