/**
 * @module The public site's page shell: `lang`, title, meta description, canonical URL,
 * `hreflang` alternates, the portal's colours, and the chat widget when the portal has a
 * chat inbox. Built with hono/html (https://hono.dev/docs/helpers/html): every
 * interpolated value is escaped; only the article's rendered Markdown (help-center/
 * markdown.ts, raw HTML off) and our own fragments go in unescaped.
 *
 * Pages read without JavaScript. The one script, nonce-bound by the page's CSP, makes
 * "still need help?" open the widget instead of jumping to the page's contact section.
 */
import { html, raw } from "hono/html";
import type { HtmlEscapedString } from "hono/utils/html";
import type { HcLocale, Portal } from "../../protocol";
import { hcFileUrl } from "../files";
import { LOCALE_NAMES, SITE_STRINGS } from "./strings";
import { homeUrl, searchUrl } from "./urls";

type Html = HtmlEscapedString | Promise<HtmlEscapedString>;

export interface PageMeta {
  portal: Portal;
  base: string;
  locale: HcLocale;
  title: string;
  description: string;
  /** Absolute URL of this page. */
  canonical: string;
  /** Absolute URLs of this page in the other locales it exists in. */
  alternates: { locale: HcLocale; href: string }[];
  /** The public key of the portal's web chat inbox, when it has one. */
  widgetKey: string | null;
  nonce: string;
  /** Keep search engines out (search results, not-found pages). */
  noindex?: boolean;
}

/** The page's Content-Security-Policy: our own origin only, and the one nonce'd script. */
export function pageCsp(nonce: string): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}'`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' https: data:",
    "frame-src 'self'",
    "connect-src 'self'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

const STYLE = `
body{margin:0;font:16px/1.6 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1f2328;background:var(--bg)}
a{color:var(--primary)}header{background:var(--primary);color:#fff;padding:1.5rem 1rem}
header a{color:#fff;text-decoration:none}header img{max-height:40px;vertical-align:middle;margin-right:.5rem}
.wrap{max-width:860px;margin:0 auto;padding:0 1rem}main{padding:1.5rem 0 3rem}
form.search{display:flex;gap:.5rem;margin-top:1rem}form.search input{flex:1;padding:.6rem;font:inherit;border-radius:6px;border:0}
form.search button,.fb button{padding:.6rem 1rem;font:inherit;border-radius:6px;border:1px solid #d0d7de;background:#fff;cursor:pointer}
ul.list{list-style:none;padding:0}ul.list li{padding:.6rem 0;border-bottom:1px solid #d8dee4}
.note{background:#fff8c5;border:1px solid #d4a72c;padding:.6rem 1rem;border-radius:6px}
.muted{color:#656d76;font-size:.9rem}mark{background:#fff8c5}
article img{max-width:100%}article pre{overflow:auto;background:#f6f8fa;padding:1rem;border-radius:6px}
.fb{margin-top:2rem;padding:1rem;border:1px solid #d8dee4;border-radius:6px}.fb textarea{width:100%;font:inherit}
footer{padding:1rem 0 2rem}nav.crumbs{font-size:.9rem;margin-bottom:1rem}
`;

function head(meta: PageMeta): Html {
  return html`<meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>${meta.title} · ${meta.portal.name}</title>
    <meta name="description" content="${meta.description}" />
    <link rel="canonical" href="${meta.canonical}" />
    ${meta.noindex ? html`<meta name="robots" content="noindex" />` : ""}
    ${meta.alternates.map((a) => html`<link rel="alternate" hreflang="${a.locale}" href="${a.href}" />`)}
    <style>
      :root{--primary:${meta.portal.primaryColor};--bg:${meta.portal.backgroundColor}}${raw(STYLE)}
    </style>`;
}

function widget(meta: PageMeta): Html {
  if (!meta.widgetKey) return html``;
  // Loaded async: the page is readable before (and without) it.
  return html`<script src="/widget.js" data-inbox="${meta.widgetKey}" data-locale="${meta.locale}" async></script>
    <script nonce="${meta.nonce}">
      document.addEventListener("click", function (e) {
        var link = e.target.closest && e.target.closest("[data-open-chat]");
        if (link && window.Switchboard && window.Switchboard.open) { e.preventDefault(); window.Switchboard.open(); }
      });
    </script>`;
}

/** The whole page around `body`. */
export function page(meta: PageMeta, body: Html, query = ""): Html {
  const t = SITE_STRINGS[meta.locale];
  const logo = meta.portal.logoFileId ? html`<img src="${hcFileUrl(meta.portal.logoFileId)}" alt="" />` : "";
  const others = meta.alternates.filter((a) => a.locale !== meta.locale);
  return html`<!doctype html>
    <html lang="${meta.locale}">
      <head>
        ${head(meta)}
      </head>
      <body>
        <header>
          <div class="wrap">
            <a href="${homeUrl(meta.base, meta.locale)}">${logo}<strong>${meta.portal.name}</strong></a>
            <form class="search" action="${searchUrl(meta.base, meta.locale)}" method="get" role="search">
              <input type="search" name="q" value="${query}" placeholder="${t.searchPlaceholder}" aria-label="${t.search}" maxlength="100" />
              <button type="submit">${t.search}</button>
            </form>
          </div>
        </header>
        <main class="wrap">${body}</main>
        <footer class="wrap muted">
          ${others.length > 0 ? html`${t.languages}: ${others.map((a) => html`<a href="${a.href}" hreflang="${a.locale}" lang="${a.locale}">${LOCALE_NAMES[a.locale]}</a> `)}` : ""}
        </footer>
        ${widget(meta)}
      </body>
    </html>`;
}
