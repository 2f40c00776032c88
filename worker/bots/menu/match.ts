/**
 * @module Reading a customer's answer to the menu: the option they chose (by number, by
 * label, or by the button they tapped) and whether they ask for a person. Comparisons
 * ignore case, accents and surrounding punctuation, so "ATENDENTE!", "Atendênte" and
 * "atendente" are one word.
 */
import type { MenuBot } from "../../protocol";

/** Lower case, without accents (NFD, then the combining marks dropped), punctuation and
 * runs of spaces made one space. */
export function folded(text: string): string {
  return text
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toLocaleLowerCase("en")
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

/** Whether the message asks for a person: it is one of the handoff words, or holds one
 * as a whole word ("quero falar com um atendente"). A word inside another ("humanos" for
 * "humano") does not count. */
export function asksForHuman(bot: Pick<MenuBot, "handoffWords">, text: string): boolean {
  const words = ` ${folded(text)} `;
  return bot.handoffWords.some((w) => {
    const word = folded(w);
    return word !== "" && words.includes(` ${word} `);
  });
}

/** The option the answer picks (its index), or null: "2", "2.", " 2) ", the option's label,
 * or a tapped button's id (the option's number as a string). */
export function chosenOption(bot: Pick<MenuBot, "options">, text: string, choiceId: string | null): number | null {
  const byNumber = (s: string) => {
    const m = /^\s*(\d{1,2})\s*[.)]?\s*$/.exec(s);
    const n = m ? Number(m[1]) : NaN;
    return Number.isInteger(n) && n >= 1 && n <= bot.options.length ? n - 1 : null;
  };
  if (choiceId !== null) {
    const tapped = byNumber(choiceId);
    if (tapped !== null) return tapped;
  }
  const number = byNumber(text);
  if (number !== null) return number;
  // A keyboard button's text (Telegram): "2. Suporte" — the number, then that option's label.
  const keyed = /^\s*(\d{1,2})\s*[.)]\s+(.+)$/.exec(text);
  const keyedIndex = keyed ? byNumber(keyed[1]!) : null;
  if (keyedIndex !== null && folded(keyed![2]!) === folded(bot.options[keyedIndex]!.label)) return keyedIndex;
  const answer = folded(text);
  if (answer === "") return null;
  const index = bot.options.findIndex((o) => folded(o.label) === answer);
  return index === -1 ? null : index;
}
