/**
 * @module A reply's bodies: the plain-text part (the agent's text, then the inbox's
 * signature after the "-- " delimiter of RFC 3676 section 4.3,
 * https://www.rfc-editor.org/rfc/rfc3676#section-4.3) and a simple HTML part made from
 * the same text, escaped: an agent's text is never trusted as HTML.
 */

const ENTITIES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}

/** Text as HTML: escaped, each line break a `<br>`. */
function paragraphHtml(text: string): string {
  return escapeHtml(text).replace(/\r\n|\r|\n/g, "<br>\n");
}

export function textPart(body: string, signature: string): string {
  const sig = signature.trim();
  return sig ? `${body}\n\n-- \n${sig}\n` : `${body}\n`;
}

export function htmlPart(body: string, signature: string): string {
  const sig = signature.trim();
  const signatureHtml = sig ? `\n<p style="color:#555">-- <br>\n${paragraphHtml(sig)}</p>` : "";
  return `<!DOCTYPE html>\n<html><head><meta charset="utf-8"></head><body>\n<div>${paragraphHtml(body)}</div>${signatureHtml}\n</body></html>\n`;
}
