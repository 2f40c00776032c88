/**
 * @module The public site's page bodies (home, category, folder, article, search, and
 * the two refusals), each a function of data already loaded and filtered by audience
 * (site/routes.ts). Text is escaped by hono/html; the article body is the sanitizing
 * renderer's output (help-center/markdown.ts).
 */
import { html, raw } from "hono/html";
import type { HtmlEscapedString } from "hono/utils/html";
import type { ListedArticle } from "../../db/hc-published";
import { HIGHLIGHT_END, HIGHLIGHT_START, type Article, type HcCategory, type HcFolder, type HcLocale } from "../../protocol";
import { LOCALE_NAMES, SITE_STRINGS } from "./strings";
import { articleUrl, categoryUrl, feedbackUrl, folderUrl, homeUrl } from "./urls";
import { localized } from "./localized";

type Html = HtmlEscapedString | Promise<HtmlEscapedString>;

function articleList(base: string, locale: HcLocale, articles: ListedArticle[]): Html {
  if (articles.length === 0) return html`<p class="muted">${SITE_STRINGS[locale].noArticles}</p>`;
  return html`<ul class="list">
    ${articles.map(
      (a) => html`<li>
        <a href="${articleUrl(base, locale, a.groupId)}">${a.title}</a>${a.excerpt ? html`<div class="muted">${a.excerpt}</div>` : ""}
      </li>`,
    )}
  </ul>`;
}

export function homePage(base: string, locale: HcLocale, categories: HcCategory[], popular: ListedArticle[]): Html {
  const t = SITE_STRINGS[locale];
  return html`${categories.length > 0
      ? html`<h1>${t.categories}</h1>
          <ul class="list">
            ${categories.map((c) => {
              const l = localized(c, locale);
              return html`<li><a href="${categoryUrl(base, locale, c.slug)}">${l.name}</a>${l.description ? html`<div class="muted">${l.description}</div>` : ""}</li>`;
            })}
          </ul>`
      : ""}
    <h2>${t.popular}</h2>
    ${articleList(base, locale, popular)}`;
}

export function categoryPage(base: string, locale: HcLocale, category: HcCategory, loose: ListedArticle[]): Html {
  const l = localized(category, locale);
  return html`<nav class="crumbs"><a href="${homeUrl(base, locale)}">${SITE_STRINGS[locale].home}</a></nav>
    <h1>${l.name}</h1>
    ${l.description ? html`<p>${l.description}</p>` : ""}
    ${category.folders.length > 0
      ? html`<ul class="list">
          ${category.folders.map((f) => html`<li><a href="${folderUrl(base, locale, f.id)}">📁 ${localized(f, locale).name}</a></li>`)}
        </ul>`
      : ""}
    ${articleList(base, locale, loose)}`;
}

export function folderPage(base: string, locale: HcLocale, category: HcCategory, folder: HcFolder, articles: ListedArticle[]): Html {
  return html`<nav class="crumbs">
      <a href="${homeUrl(base, locale)}">${SITE_STRINGS[locale].home}</a> ›
      <a href="${categoryUrl(base, locale, category.slug)}">${localized(category, locale).name}</a>
    </nav>
    <h1>${localized(folder, locale).name}</h1>
    ${articleList(base, locale, articles)}`;
}

export interface ArticleView {
  base: string;
  /** The locale of the page (the visitor's), which may differ from the article's. */
  locale: HcLocale;
  article: Article;
  bodyHtml: string;
  fallback: boolean;
  category: HcCategory | undefined;
  /** "thanks" after a vote; "limited" when the vote was refused for abuse. */
  feedback: "thanks" | "limited" | null;
  updatedOn: string;
}

export function articlePage(v: ArticleView): Html {
  const t = SITE_STRINGS[v.locale];
  return html`<nav class="crumbs">
      <a href="${homeUrl(v.base, v.locale)}">${t.home}</a>
      ${v.category ? html` › <a href="${categoryUrl(v.base, v.locale, v.category.slug)}">${localized(v.category, v.locale).name}</a>` : ""}
    </nav>
    ${v.fallback ? html`<p class="note" role="note">${t.fallback(LOCALE_NAMES[v.article.locale])}</p>` : ""}
    <article lang="${v.article.locale}">
      <h1>${v.article.title}</h1>
      <p class="muted">${t.updated(v.updatedOn)}</p>
      ${raw(v.bodyHtml)}
    </article>
    <section class="fb" id="feedback">
      ${v.feedback === "thanks"
        ? html`<p role="status">${t.thanks}</p>`
        : html`${v.feedback === "limited" ? html`<p role="alert">${t.tooMany}</p>` : ""}
            <form method="post" action="${feedbackUrl(v.base, v.locale, v.article.groupId)}">
              <p><strong>${t.helpful}</strong></p>
              <label>${t.commentLabel}<br /><textarea name="comment" rows="2" maxlength="1000"></textarea></label>
              <p><button type="submit" name="helpful" value="yes">👍 ${t.yes}</button> <button type="submit" name="helpful" value="no">👎 ${t.no}</button></p>
            </form>`}
    </section>
    <section id="contact">
      <h2>${t.stillNeedHelp}</h2>
      <p><a href="#contact" data-open-chat>${t.chatWithUs}</a></p>
    </section>`;
}

/** Turns the index's highlight markers into <mark>, around text that is escaped first. */
export function highlighted(text: string): Html {
  const escaped = text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
  return raw(escaped.replaceAll(HIGHLIGHT_START, "<mark>").replaceAll(HIGHLIGHT_END, "</mark>"));
}

export function searchPage(base: string, locale: HcLocale, query: string, hits: { groupId: string; title: string; snippet: string }[]): Html {
  const t = SITE_STRINGS[locale];
  return html`<h1>${t.searchResults(query)}</h1>
    ${hits.length === 0
      ? html`<p>${t.noResults}</p>`
      : html`<ul class="list">
          ${hits.map((h) => html`<li><a href="${articleUrl(base, locale, h.groupId)}">${highlighted(h.title)}</a><div class="muted">${highlighted(h.snippet)}</div></li>`)}
        </ul>`}`;
}

export function notFoundPage(base: string, locale: HcLocale): Html {
  const t = SITE_STRINGS[locale];
  return html`<h1>${t.notFound}</h1>
    <p>${t.notFoundText}</p>
    <p><a href="${homeUrl(base, locale)}">${t.home}</a></p>`;
}

export function customersOnlyPage(locale: HcLocale): Html {
  const t = SITE_STRINGS[locale];
  return html`<h1>${t.customersOnly}</h1>
    <p>${t.customersOnlyText}</p>
    <p><a href="/portal/">${t.signIn}</a></p>`;
}
