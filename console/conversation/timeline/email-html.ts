/**
 * @module An e-mail's HTML part made safe to show in a sandboxed frame: DOMPurify first
 * (no scripts, event handlers, forms, frames or plugins), then every URL that would load
 * something is checked — remote images and CSS `url()`s are removed until the agent asks
 * for them, `cid:` images become the message's inline files (as data: URLs), relative
 * URLs (which would resolve against the console's own origin) always go, links lose their
 * href (the frame may not open them; the address stays readable as a tooltip). A
 * Content-Security-Policy in the document backs the rewriting up.
 */
import DOMPurify from "dompurify";

export interface EmailHtmlOptions {
  /** The agent clicked "load images": http(s) images and CSS backgrounds may load. */
  loadImages: boolean;
  /** Inline parts by Content-ID (without angle brackets, lower-cased) → a data: URL. */
  inline: ReadonlyMap<string, string>;
}

export interface SafeEmailHtml {
  /** A whole document for the frame's `srcdoc`. */
  document: string;
  /** How many remote images (and CSS URLs) were held back: the "load images" button shows
   * only when there is something to load. */
  blockedRemote: number;
}

/** Nothing in an e-mail may submit, embed, navigate or restyle the frame's base. */
const FORBID_TAGS = ["svg", "math", "form", "input", "button", "select", "option", "textarea", "iframe", "frame", "frameset", "object", "embed", "applet", "base", "link", "meta", "script", "noscript", "portal"];
/** Attributes that load or submit something and that we do not rewrite below. */
const FORBID_ATTR = ["srcset", "formaction", "action", "ping", "lowsrc", "dynsrc", "xlink:href"];
/** Attributes holding a URL that would load a resource when the document is drawn. */
const LOADING_ATTRS = ["src", "background", "poster", "data"];

const RASTER_DATA = /^data:image\/(png|jpe?g|gif|webp|bmp);base64,[a-z0-9+/=\s]*$/i;

type Verdict = { keep: string } | { drop: "remote" | "other" };

/** What may be loaded for one URL found in an attribute or a stylesheet. */
function judge(raw: string, options: EmailHtmlOptions): Verdict {
  const url = raw.trim();
  if (RASTER_DATA.test(url)) return { keep: url };
  const cid = /^cid:(.+)$/i.exec(url);
  if (cid) {
    const inline = options.inline.get(normalizeCid(cid[1]!));
    return inline ? { keep: inline } : { drop: "other" };
  }
  // http(s) and protocol-relative URLs are remote; anything else (relative paths that
  // would hit our own origin, javascript:, file:, other data: types) never loads.
  if (/^(https?:)?\/\//i.test(url)) return options.loadImages && /^https?:\/\//i.test(url) ? { keep: url } : { drop: "remote" };
  return { drop: "other" };
}

/** `<image001.png@01D9>` and `IMAGE001.PNG@01d9` name the same part. */
export function normalizeCid(raw: string): string {
  let id = raw.trim();
  try {
    id = decodeURIComponent(id);
  } catch {
    // Not percent-encoded after all: keep it as written.
  }
  return id.replace(/^<|>$/g, "").toLowerCase();
}

/** CSS escapes (`\75 rl(`) could hide a `url(` from a pattern: decode them first. The
 * stylesheet stays equivalent for drawing; only its spelling changes. */
function unescapeCss(css: string): string {
  return css.replace(/\\([0-9a-f]{1,6})\s?/gi, (_, hex: string) => String.fromCodePoint(Math.min(parseInt(hex, 16), 0x10ffff) || 0xfffd)).replace(/\\(.)/g, "$1");
}

/** Rewrites every `url(...)` (and drops `@import` and `image-set()` strings) in CSS text. */
function rewriteCss(css: string, options: EmailHtmlOptions, count: () => void): string {
  return unescapeCss(css)
    .replace(/@import[^;]*;?/gi, "")
    .replace(/image-set\([^)]*\)/gi, "none")
    .replace(/url\(\s*(['"]?)(.*?)\1\s*\)/gi, (_, _q: string, target: string) => {
      const verdict = judge(target, options);
      if ("keep" in verdict) return `url("${verdict.keep.replace(/["\\\n]/g, "")}")`;
      if (verdict.drop === "remote") count();
      return "none";
    });
}

/** The policy the frame's document carries: only what the rewriting kept may load. */
function policy(loadImages: boolean): string {
  const images = loadImages ? "data: https: http:" : "data:";
  return `default-src 'none'; img-src ${images}; style-src 'unsafe-inline'; font-src data:; form-action 'none'`;
}

export function safeEmailHtml(html: string, options: EmailHtmlOptions): SafeEmailHtml {
  let blockedRemote = 0;
  const count = () => void blockedRemote++;
  // The document's own <html>, <head> and <body> tags go: what they held is treated as
  // body content (FORCE_BODY keeps a leading <style>, which e-mail layouts depend on).
  const flat = html.replace(/<\/?(html|head|body)\b[^>]*>/gi, "");
  const root = DOMPurify.sanitize(flat, {
    FORCE_BODY: true,
    RETURN_DOM: true,
    USE_PROFILES: { html: true },
    FORBID_TAGS,
    FORBID_ATTR,
    ALLOW_DATA_ATTR: false,
    ADD_TAGS: ["style"],
  });
  for (const el of [root, ...root.querySelectorAll("*")]) {
    if (!root.contains(el)) continue; // inside an element removed just before
    // Again after DOMPurify, on purpose: a DOM that DOMPurify cannot drive (happy-dom in
    // the component tests, cure53/DOMPurify#1457) must not let a script or handler
    // through, and the sandbox stays the last guard in any case.
    if (el !== root && FORBID_TAGS.includes(el.tagName.toLowerCase())) {
      el.remove();
      continue;
    }
    for (const attr of [...el.attributes]) {
      const name = attr.name.toLowerCase();
      if (name.startsWith("on") || FORBID_ATTR.includes(name)) el.removeAttribute(attr.name);
    }
    for (const name of LOADING_ATTRS) {
      const value = el.getAttribute(name);
      if (value === null) continue;
      const verdict = judge(value, options);
      if ("keep" in verdict) el.setAttribute(name, verdict.keep);
      else {
        if (verdict.drop === "remote") count();
        el.removeAttribute(name);
      }
    }
    const style = el.getAttribute("style");
    if (style !== null) el.setAttribute("style", rewriteCss(style, options, count));
    if (el.tagName === "STYLE") el.textContent = rewriteCss(el.textContent ?? "", options, count);
    if (el.hasAttribute("href")) {
      // The sandbox may not open windows and must not navigate to a page dressed up as
      // the console: the address is kept as a tooltip for the agent to read.
      const href = el.getAttribute("href")!;
      el.removeAttribute("href");
      if (el.tagName === "A" && /^(https?|mailto):/i.test(href.trim())) el.setAttribute("title", href.trim());
    }
    el.removeAttribute("target");
  }
  const csp = `<meta http-equiv="Content-Security-Policy" content="${policy(options.loadImages)}">`;
  const document = `<!doctype html><html><head><meta charset="utf-8">${csp}</head><body>${root.innerHTML}</body></html>`;
  return { document, blockedRemote };
}
