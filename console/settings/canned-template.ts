/**
 * @module The variables a canned response may hold and how they are filled in. The
 * server stores the text as written; the console fills it in (composer) or previews it
 * (settings) with this one function, so both agree on the syntax.
 */

/** The variables, in the order the settings screen lists them. */
export const CANNED_VARIABLES = ["contact.name", "contact.email", "contact.phone", "agent.name"] as const;
export type CannedVariable = (typeof CANNED_VARIABLES)[number];

export type CannedValues = Partial<Record<CannedVariable, string | null>>;

/** `{{ contact.name }}` or `{{ contact.name | there }}`: the braces, optional spaces, a
 * dotted name, and optionally a fallback after a `|` (no braces inside). */
const PLACEHOLDER = /\{\{\s*([a-z]+\.[a-z]+)\s*(?:\|([^{}]*))?\}\}/g;
/** A placeholder still in a text after filling, known variable or not: what must not
 * reach a customer. Only the dotted shape, so other braces an agent types are left be. */
const LEFTOVER = /\{\{\s*[a-z]+\.[a-z]+\s*(?:\|[^{}]*)?\}\}/g;

/** How a variable is written in a canned response's text. */
export function placeholder(variable: CannedVariable): string {
  return `{{${variable}}}`;
}

/**
 * Fills in `body`'s variables from `values`. A variable without a value (the contact has
 * no phone) takes its fallback when one is written (`{{contact.name | there}}`);
 * without one, or for a variable we do not know, it stays as written, so the agent sees
 * what is missing instead of a silent gap (the composer then refuses to send it, see
 * `unfilledPlaceholders`). The result is plain text; render it as text, never as HTML.
 *
 *   fillCannedTemplate("Hi {{contact.name}}!", { "contact.name": "Ana" }) // "Hi Ana!"
 *   fillCannedTemplate("Hi {{contact.name | there}}!", {})               // "Hi there!"
 */
export function fillCannedTemplate(body: string, values: CannedValues): string {
  return body.replace(PLACEHOLDER, (whole, name: string, fallback: string | undefined) => {
    const value = Object.hasOwn(values, name) ? values[name as CannedVariable] : null;
    if (value) return value;
    const spare = fallback?.trim();
    return spare ? spare : whole;
  });
}

/** The placeholders left in a text, each once, as written (`{{contact.name}}`): a reply
 * holding any would reach the customer as braces. */
export function unfilledPlaceholders(text: string): string[] {
  return [...new Set(text.match(LEFTOVER) ?? [])];
}
