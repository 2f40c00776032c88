/**
 * @module Links in message text. The text is split into plain runs and links, and each
 * becomes a Preact text node or an `<a>` element: nothing is ever parsed as HTML, so a
 * customer's `<a href=javascript:…>` stays those characters. Only `http:`, `https:` and
 * `mailto:` are linked, each checked again with the URL parser, and every link opens in
 * a new tab without the message's page behind it (`rel="noopener noreferrer"`).
 */

export type TextToken = { kind: "text"; text: string } | { kind: "link"; text: string; href: string };

/** A run starting with an allowed scheme, up to whitespace or characters that cannot be
 * in a URL as written in chat (quotes and angle brackets end it, as in `<https://x>`). */
const CANDIDATE = /\b(?:https?:\/\/|mailto:)[^\s<>"'`]+/gi;
const ALLOWED_PROTOCOLS = new Set(["http:", "https:", "mailto:"]);
/** Punctuation that ends a sentence rather than the link ("see https://x.com."). */
const TRAILING = /[.,;:!?*_~]+$/;

/** Drops trailing punctuation and a closing bracket the link did not open. */
function trimEnd(candidate: string): string {
  let text = candidate.replace(TRAILING, "");
  for (const [open, close] of [["(", ")"], ["[", "]"]] as const) {
    while (text.endsWith(close) && text.split(open).length < text.split(close).length) text = text.slice(0, -1).replace(TRAILING, "");
  }
  return text;
}

function safeHref(text: string): string | null {
  try {
    const url = new URL(text);
    if (!ALLOWED_PROTOCOLS.has(url.protocol)) return null;
    if (url.protocol !== "mailto:" && url.hostname === "") return null;
    return url.href;
  } catch {
    return null;
  }
}

/** `text` as plain runs and links, in order; joined, the tokens' texts are `text`. */
export function linkTokens(text: string): TextToken[] {
  const tokens: TextToken[] = [];
  let plainFrom = 0;
  for (const match of text.matchAll(CANDIDATE)) {
    const linkText = trimEnd(match[0]);
    const href = safeHref(linkText);
    if (!href || linkText.length === 0) continue;
    if (match.index > plainFrom) tokens.push({ kind: "text", text: text.slice(plainFrom, match.index) });
    tokens.push({ kind: "link", text: linkText, href });
    plainFrom = match.index + linkText.length;
  }
  if (plainFrom < text.length) tokens.push({ kind: "text", text: text.slice(plainFrom) });
  return tokens;
}

/** Message text with its links clickable. */
export function LinkedText(props: { text: string }) {
  return (
    <>
      {linkTokens(props.text).map((token, i) =>
        token.kind === "text" ? (
          token.text
        ) : (
          <a key={i} href={token.href} target="_blank" rel="noopener noreferrer">
            {token.text}
          </a>
        ),
      )}
    </>
  );
}
