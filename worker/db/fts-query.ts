/**
 * @module Turns what an agent typed into a safe FTS5 MATCH expression. FTS5 has its own
 * query language (quotes, `*`, `NEAR(`, `AND`/`OR`/`NOT`, `-`, column filters), and user
 * text must never be parsed as it: a stray quote would be a syntax error (a 500), and an
 * operator would change what is searched. So the text is split into words the way the
 * index's tokenizer splits documents, and each word is quoted as a string; only the last
 * one gets `*`, so results follow along as the agent types.
 * https://www.sqlite.org/fts5.html#full_text_query_syntax
 */

/** Word characters as FTS5's unicode61 tokenizer sees them by default (categories
 * `L* N* Co`); everything else separates words, as it does in the index. */
const SEPARATORS = /[^\p{L}\p{N}\p{Co}]+/u;

/** Enough for any real search; more words only make a slower query. */
export const MAX_QUERY_TERMS = 12;

/** The MATCH expression for `input`, or null when it has no word to search for (only
 * punctuation or emoji, say). */
export function ftsQuery(input: string): string | null {
  const words = input.normalize("NFC").split(SEPARATORS).filter((w) => w.length > 0).slice(0, MAX_QUERY_TERMS);
  if (words.length === 0) return null;
  // A quoted FTS5 string ends only at a double quote, and words hold none.
  return words.map((w, i) => `"${w}"${i === words.length - 1 ? "*" : ""}`).join(" ");
}
