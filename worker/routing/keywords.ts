/**
 * @module Keyword matching for routing rules: whole words, accents and letter case
 * ignored ("CANCELAR" matches "cancelar", "reembolso" matches "Reembolso?"), and a
 * phrase matches its words in a row ("nota fiscal").
 */

const WORD = /[\p{L}\p{N}]+/gu;
const MARKS = /\p{M}+/gu;

/** The text's words, folded: decomposed (NFD) so accents are separate marks, marks
 * dropped, lower-cased. "Ação!" → ["acao"]. */
export function wordsOf(text: string): string[] {
  return text.normalize("NFD").replace(MARKS, "").toLowerCase().match(WORD) ?? [];
}

/** Whether `keyword`'s words appear in `words` one after another. */
export function containsKeyword(words: string[], keyword: string): boolean {
  const wanted = wordsOf(keyword);
  if (wanted.length === 0) return false;
  for (let i = 0; i + wanted.length <= words.length; i++) {
    if (wanted.every((w, j) => words[i + j] === w)) return true;
  }
  return false;
}
