/**
 * @module Article Markdown → HTML, the one renderer behind the public pages, the widget's
 * article view and the console's preview, so what an editor previews is what customers get.
 *
 * markdown-it (https://github.com/markdown-it/markdown-it#init-with-presets-and-options)
 * with `html: false`: raw HTML in the source, `<script>` included, is shown as text,
 * never passed through. Its own link check (`validateLink`) refuses javascript:,
 * vbscript:, file: and data: (but some data: images); ours is stricter and replaces it:
 * a link is http(s), mailto or relative, an image http(s) or relative, nothing else.
 * Text is escaped by the renderer itself; attributes too.
 */
import MarkdownIt from "markdown-it";

type Markdown = InstanceType<typeof MarkdownIt>;

/** A scheme, as browsers read one: letters, digits, + - . up to a colon. */
const SCHEME = /^([a-z][a-z0-9+.-]*):/i;
const LINK_SCHEMES = new Set(["http", "https", "mailto"]);
const IMAGE_SCHEMES = new Set(["http", "https"]);
/** Browsers drop ASCII tabs and newlines anywhere in a URL and leading C0 controls and
 * spaces (https://url.spec.whatwg.org/#concept-basic-url-parser), so "java\tscript:" is
 * javascript:. The check looks at the URL as the browser will. */
const STRIPPED_BY_BROWSERS = /[\u0000-\u0020]/g;

function decoded(url: string): string {
  try {
    return decodeURIComponent(url);
  } catch {
    return url;
  }
}

/** Whether `url` may be a link's href (images: `image`). Relative URLs (paths, `#…`, `?…`,
 * `//host/…`) are fine: they resolve against our own page. */
export function isSafeUrl(url: string, kind: "link" | "image" = "link"): boolean {
  const seen = decoded(url).replace(STRIPPED_BY_BROWSERS, "");
  const scheme = SCHEME.exec(seen)?.[1]?.toLowerCase();
  if (scheme === undefined) return !seen.startsWith("\\");
  return (kind === "image" ? IMAGE_SCHEMES : LINK_SCHEMES).has(scheme);
}

function renderer(): Markdown {
  const md = new MarkdownIt({ html: false, linkify: true, typographer: false });
  // One check for links and images alike at parse time: a URL that fails is left as text.
  md.validateLink = (url) => isSafeUrl(url, "link");
  const defaultImage = md.renderer.rules.image!;
  md.renderer.rules.image = (tokens, idx, options, env, self) => {
    const token = tokens[idx]!;
    // An image may not be mailto: either; it then renders as its alt text.
    if (!isSafeUrl(String(token.attrGet("src") ?? ""), "image")) return md.utils.escapeHtml(token.content);
    token.attrSet("loading", "lazy");
    return defaultImage(tokens, idx, options, env, self);
  };
  const defaultLinkOpen = md.renderer.rules.link_open ?? ((tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options));
  md.renderer.rules.link_open = (tokens, idx, options, env, self) => {
    const token = tokens[idx]!;
    // Links leaving the site carry no referrer power and no endorsement.
    if (SCHEME.test(String(token.attrGet("href") ?? ""))) token.attrSet("rel", "nofollow noopener noreferrer");
    return defaultLinkOpen(tokens, idx, options, env, self);
  };
  return md;
}

let shared: Markdown | null = null;

/** The article's HTML, safe to put in a page as is. */
export function renderArticle(markdown: string): string {
  shared ??= renderer();
  return shared.render(markdown);
}

/** Plain text of the Markdown (for meta descriptions and excerpts): the rendered text
 * without tags, whitespace collapsed. */
export function plainText(markdown: string, maxChars: number): string {
  shared ??= renderer();
  const text = shared
    .render(markdown)
    .replace(/<[^>]*>/g, " ")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ")
    .trim();
  return text.length <= maxChars ? text : `${text.slice(0, maxChars - 1).trimEnd()}…`;
}
