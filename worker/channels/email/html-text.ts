/**
 * @module Plain text from an HTML mail part, for a message that has no text part: tags
 * stripped (never interpreted), scripts, styles and the head dropped, block elements and
 * <br> kept as line breaks, list items as bullets, entities decoded. One pass over the
 * string with indexOf (no backtracking regular expressions over the whole part), so a
 * hostile part costs linear time.
 */

/** Marks where a <blockquote> opens and closes, turned into "> " prefixes by tidy();
 * control characters a character reference can never produce (see decodeEntities). */
const QUOTE_START = "\u0002";
const QUOTE_END = "\u0003";

/** Elements whose content is never text a person wrote. */
const DROPPED = new Set(["script", "style", "head", "title", "template", "noscript", "svg", "object"]);
/** Elements that sit on lines of their own (a line break before and after, never a
 * blank line by themselves: `<div>a</div><div>b</div>` is two lines). */
const LINE = new Set([
  "div", "tr", "li", "dt", "dd", "section", "article", "header", "footer", "address", "center", "form", "body", "html",
  "blockquote", "caption", "figure", "figcaption", "main", "nav", "aside",
]);
/** Elements set apart by a blank line, as their margins show them. */
const PARAGRAPH = new Set(["p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "dl", "table", "pre", "hr"]);

/** The named entities mail clients actually emit (the rest arrive as numeric references). */
const NAMED: Record<string, string> = {
  amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: " ", shy: "", ndash: "–", mdash: "—",
  hellip: "…", laquo: "«", raquo: "»", ldquo: "“", rdquo: "”", lsquo: "‘", rsquo: "’", bull: "•",
  middot: "·", copy: "©", reg: "®", trade: "™", euro: "€", deg: "°", ordf: "ª", ordm: "º", iexcl: "¡", iquest: "¿",
  aacute: "á", Aacute: "Á", agrave: "à", Agrave: "À", acirc: "â", Acirc: "Â", atilde: "ã", Atilde: "Ã", auml: "ä", Auml: "Ä",
  eacute: "é", Eacute: "É", egrave: "è", Egrave: "È", ecirc: "ê", Ecirc: "Ê", euml: "ë", Euml: "Ë",
  iacute: "í", Iacute: "Í", igrave: "ì", Igrave: "Ì", icirc: "î", Icirc: "Î", iuml: "ï", Iuml: "Ï",
  oacute: "ó", Oacute: "Ó", ograve: "ò", Ograve: "Ò", ocirc: "ô", Ocirc: "Ô", otilde: "õ", Otilde: "Õ", ouml: "ö", Ouml: "Ö",
  uacute: "ú", Uacute: "Ú", ugrave: "ù", Ugrave: "Ù", ucirc: "û", Ucirc: "Û", uuml: "ü", Uuml: "Ü",
  ccedil: "ç", Ccedil: "Ç", ntilde: "ñ", Ntilde: "Ñ", szlig: "ß",
};

/** Decodes character references (`&amp;`, `&#233;`, `&#xE9;`); unknown ones stay as written. */
export function decodeEntities(text: string): string {
  return text.replace(/&(#[xX][0-9a-fA-F]{1,6}|#[0-9]{1,7}|[a-zA-Z][a-zA-Z0-9]{1,31});?/g, (whole, ref: string) => {
    if (ref[0] !== "#") return NAMED[ref] ?? whole;
    const code = ref[1] === "x" || ref[1] === "X" ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
    // Surrogates and out-of-range points are not characters (HTML's "character reference
    // end state" turns them into U+FFFD); so do control characters, which also keeps the
    // quote markers of htmlToText out of reach of the sender.
    const control = code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d;
    if (!Number.isFinite(code) || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff) || control) return "\uFFFD";
    return String.fromCodePoint(code);
  });
}

/** The lower-cased tag name at the start of a tag's inside (`/p class=x` → "p"). */
function tagName(inside: string): { name: string; closing: boolean } {
  const closing = inside.startsWith("/");
  const match = /^[a-zA-Z][a-zA-Z0-9-]*/.exec(closing ? inside.slice(1) : inside);
  return { name: match ? match[0].toLowerCase() : "", closing };
}

export function htmlToText(html: string): string {
  const out: string[] = [];
  // Line breaks at the end of the output so far: a block only adds the ones missing, so
  // nested and adjacent blocks do not pile up blank lines.
  let newlines = 1;
  // Inside <pre> the source's line breaks are the text's; elsewhere a line break in the
  // source is only a space (the HTML part of most mail is wrapped at 76 columns).
  let pre = 0;
  const text = (chunk: string) => {
    // Raw control characters are dropped so that none can pose as a quote marker.
    let clean = chunk.replace(/\r\n?/g, "\n").replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, "");
    if (pre === 0) clean = clean.replace(/\s+/g, " ");
    if (!clean || (newlines > 0 && clean === " ")) return;
    out.push(clean);
    const trailing = /\n*$/.exec(clean)![0].length;
    newlines = trailing === clean.length ? newlines + trailing : trailing;
  };
  const breakTo = (wanted: number) => {
    while (newlines < wanted) {
      out.push("\n");
      newlines++;
    }
  };
  let at = 0;
  while (at < html.length) {
    const open = html.indexOf("<", at);
    if (open < 0) {
      text(html.slice(at));
      break;
    }
    text(html.slice(at, open));
    if (html.startsWith("<!--", open)) {
      const end = html.indexOf("-->", open + 4);
      at = end < 0 ? html.length : end + 3;
      continue;
    }
    const close = html.indexOf(">", open + 1);
    if (close < 0) {
      // No ">" anywhere after: the rest is prose (and looking again per "<" is quadratic).
      text(html.slice(open));
      break;
    }
    const { name, closing } = tagName(html.slice(open + 1, open + 40));
    if (!name && /^[\s\d=]/.test(html.slice(open + 1, open + 2))) {
      // A "<" that opens no tag is prose ("a < b", "<5 dias").
      text("<");
      at = open + 1;
      continue;
    }
    at = close + 1;
    if (!name) continue; // <!DOCTYPE>, <?xml?>, </>
    if (!closing && DROPPED.has(name)) {
      // Skip to the matching end tag; a missing one drops the rest, as a browser would.
      const endTag = new RegExp(`</${name}\\b`, "gi");
      endTag.lastIndex = at;
      const found = endTag.exec(html);
      const endClose = found ? html.indexOf(">", found.index) : -1;
      at = endClose < 0 ? html.length : endClose + 1;
      continue;
    }
    if (name === "pre") pre = Math.max(0, pre + (closing ? -1 : 1));
    if (name === "br") {
      out.push("\n");
      newlines++;
    } else if (name === "td" || name === "th") {
      if (!closing) text(" ");
    } else if (PARAGRAPH.has(name)) {
      breakTo(2);
    } else if (LINE.has(name)) {
      breakTo(1);
      // Quoted history in HTML mail is a <blockquote> (Gmail, Apple Mail, Thunderbird):
      // its lines come out prefixed with ">" as a text client would quote them, so the
      // reply trimmer (./reply-trim.ts) treats both kinds of mail alike. The markers are
      // zero-width and always start a line.
      if (name === "blockquote") out.push(closing ? QUOTE_END : QUOTE_START);
      if (name === "li" && !closing) {
        out.push("• ");
        newlines = 0;
      }
    }
  }
  return tidy(decodeEntities(out.join("")));
}

/** Collapses the whitespace HTML source carries (indentation, runs of blank lines) and
 * prefixes the lines of each <blockquote> with ">" per level (markers open or close the
 * quote for the line they start). */
function tidy(text: string): string {
  let depth = 0;
  const lines = text.split("\n").map((raw) => {
    depth = Math.max(0, depth + raw.split(QUOTE_START).length - raw.split(QUOTE_END).length);
    const line = raw.replaceAll(QUOTE_START, "").replaceAll(QUOTE_END, "").replace(/[ \t\u00a0]+/g, " ").trim();
    return depth > 0 ? `${">".repeat(depth)}${line ? ` ${line}` : ""}` : line;
  });
  return lines
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}
