/**
 * @module Which of the widget's languages to speak. Shared by the loader (launcher
 * labels) and the chat UI, so both always agree.
 */
import type { Locale } from "../worker/protocol/webchat";

export type { Locale };

/** The locale `setLocale()` asked for, else the first browser language we speak, else
 * English. Any Portuguese gets pt-BR and any Spanish gets es: closer than English. */
export function pickLocale(requested: string | null | undefined, browser: readonly string[] = navigator.languages ?? [navigator.language]): Locale {
  for (const tag of [requested, ...browser]) {
    const lang = tag?.toLowerCase().slice(0, 2);
    if (lang === "pt") return "pt-BR";
    if (lang === "es" || lang === "en") return lang;
  }
  return "en";
}
