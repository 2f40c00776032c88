/**
 * @module The frame of every portal page: `lang`, title, the stylesheet and the one small
 * script (both served by the Worker under /portal/), a header with sign-out when signed
 * in. Every interpolation goes through `hono/html`, which escapes it.
 */
import { html } from "hono/html";
import type { HtmlEscapedString } from "hono/utils/html";
import type { Locale } from "../../protocol";
import { pageStrings } from "../strings";

export type Page = HtmlEscapedString | Promise<HtmlEscapedString>;

export function layout(locale: Locale, heading: string, body: Page, signedIn: boolean): Page {
  const s = pageStrings[locale];
  return html`<!doctype html>
<html lang="${locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${heading} · ${s.title}</title>
<link rel="stylesheet" href="/portal/portal.css">
<script src="/portal/portal.js" defer></script>
</head>
<body data-locale="${locale}">
<header class="top">
  <a class="brand" href="/portal?lang=${locale}">${s.title}</a>
  ${signedIn ? html`<button type="button" class="link" data-action="sign-out">${s.signOut}</button>` : ""}
</header>
<main>
<h1>${heading}</h1>
${body}
</main>
</body>
</html>`;
}

/** Where a form's errors and confirmations appear (filled by the script, as text). */
export function statusLine(): Page {
  return html`<p class="status" role="status" aria-live="polite"></p>`;
}

export function noScript(locale: Locale): Page {
  return html`<noscript><p class="status">${pageStrings[locale].needsScript}</p></noscript>`;
}
