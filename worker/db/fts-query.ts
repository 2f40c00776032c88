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

/** The words of `input`, split as the index's tokenizer splits documents. */
function wordsOf(input: string): string[] {
  return input.normalize("NFC").split(SEPARATORS).filter((w) => w.length > 0);
}

/** The MATCH expression for `input`, or null when it has no word to search for (only
 * punctuation or emoji, say). */
export function ftsQuery(input: string): string | null {
  const words = wordsOf(input).slice(0, MAX_QUERY_TERMS);
  if (words.length === 0) return null;
  // A quoted FTS5 string ends only at a double quote, and words hold none.
  return words.map((w, i) => `"${w}"${i === words.length - 1 ? "*" : ""}`).join(" ");
}

/** In a suggestion, words shorter than this are articles, prepositions and pronouns ("de",
 * "o", "a", "me"); three letters stay, since product words are often that short (Pix, app,
 * CPF), and the common three-letter ones are in the stop list below. */
const SUGGESTION_MIN_LETTERS = 3;
/** Words as common in pt-BR, en and es messages as they are useless to rank articles by;
 * written without accents (compared after stripping them). */
const SUGGESTION_STOP_WORDS = new Set(
  (
    "que uma com por sem meu seu sua nao sim mas bem foi ele ela ola oi tem ter ser nos vou dos das nas num " +
    "the and for you are was but not can how why who hey any all get has had our out its his her she him one " +
    "una con los las del sus muy hay soy " +
    "para como esta este isso isto essa esse mais muito muita quero queria gostaria pois porque quando onde qual quais voce voces " +
    "minha meus minhas seus suas sobre ainda tambem entao obrigado obrigada aqui tenho estou fazer pode posso preciso favor saber tudo tarde noite " +
    "what when where which with have this that from your there their about would could should please thanks thank hello want " +
    "need does into been were they them then than some just like know pero esto tengo quiero cuando donde gracias hola " +
    "tambien puedo necesito usted ustedes buenas buenos dias"
  ).split(" "),
);

function plain(word: string): string {
  return word.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
}

/**
 * The MATCH expression that suggests articles from a sentence the visitor is writing (the
 * widget's message box before a conversation starts): any of its meaningful words, the
 * last one a prefix, so bm25 ranks the articles that share the most and rarest words
 * first. Null when no word is left (a greeting, say): no suggestion beats a random one.
 */
export function ftsAnyQuery(input: string): string | null {
  const words = wordsOf(input);
  const last = words[words.length - 1];
  const kept = [...new Set(words.filter((w) => [...w].length >= SUGGESTION_MIN_LETTERS && !SUGGESTION_STOP_WORDS.has(plain(w))))].slice(0, MAX_QUERY_TERMS);
  if (kept.length === 0) return null;
  return kept.map((w) => `"${w}"${w === last ? "*" : ""}`).join(" OR ");
}
