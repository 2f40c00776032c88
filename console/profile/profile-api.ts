/**
 * @module The profile page's calls, and how the rest of the console hears of a changed
 * profile (the top bar's name, the alert preferences, the language).
 */
import { Me, Ok, type ChangePasswordBody, type UpdateProfileBody } from "../../worker/protocol";
import { call } from "../api";
import { LOCALES, locale, saveLocale, type Locale } from "../i18n";

export const profileApi = {
  update: (body: UpdateProfileBody) => call(Me, "/api/v1/me", { method: "PATCH", body }),
  changePassword: (body: ChangePasswordBody) => call(Ok, "/api/v1/me/password", { method: "POST", body }),
};

/** Fired with the new `Me` as detail; the app keeps it, so every screen sees the change. */
export const ME_CHANGED_EVENT = "switchboard:me-changed";

export function announceMe(me: Me): void {
  dispatchEvent(new CustomEvent<Me>(ME_CHANGED_EVENT, { detail: me }));
}

/** Makes the profile's language the console's. Returns whether the page must reload to
 * show it (each area picks its strings once per load; see ../i18n.ts). A language this
 * console build does not speak yet is left for a later build. */
export function adoptLanguage(language: Me["profile"]["language"]): boolean {
  if (!language || !(LOCALES as readonly string[]).includes(language)) return false;
  saveLocale(language as Locale);
  return language !== locale;
}
