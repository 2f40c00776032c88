/**
 * @module The signed-out pages: ask for a link (or use a password), and the link's
 * landing page, whose button spends the link (a GET never does: mail scanners open links).
 * The token travels in the URL's fragment, so it is in no request line or log; the
 * script reads it from there.
 */
import { html } from "hono/html";
import type { Locale } from "../../protocol";
import { pageStrings } from "../strings";
import { layout, noScript, statusLine, type Page } from "./layout";

export function signInPage(locale: Locale): Page {
  const s = pageStrings[locale];
  const body = html`<form data-form="link" class="card" data-sent="${s.linkSent}">
  <p>${s.signInIntro}</p>
  <label for="link-email">${s.email}</label> <input id="link-email" type="email" name="email" required autocomplete="email" maxlength="254">
  <button type="submit">${s.sendLink}</button>
  ${statusLine()}
</form>
<form data-form="password" class="card">
  <h2>${s.orPassword}</h2>
  <label for="password-email">${s.email}</label> <input id="password-email" type="email" name="email" required autocomplete="username" maxlength="254">
  <label for="password">${s.password}</label> <input id="password" type="password" name="password" required autocomplete="current-password" maxlength="200">
  <button type="submit">${s.signIn}</button>
  ${statusLine()}
</form>
${noScript(locale)}`;
  return layout(locale, s.signInTitle, body, false);
}

export function linkLandingPage(locale: Locale): Page {
  const s = pageStrings[locale];
  const body = html`<form data-form="redeem" class="card" data-missing="${s.linkMissing}">
  <p>${s.continueIntro}</p>
  <button type="submit">${s.continue}</button>
  ${statusLine()}
</form>
${noScript(locale)}`;
  return layout(locale, s.continueTitle, body, false);
}
