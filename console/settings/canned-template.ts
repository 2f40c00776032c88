/**
 * @module The variables a canned response may hold and how they are filled in. The
 * server stores the text as written; the console fills it in (composer) or previews it
 * (settings) with this one function, so both agree on the syntax.
 */

/** The variables, in the order the settings screen lists them. */
export const CANNED_VARIABLES = ["contact.name", "contact.email", "contact.phone", "agent.name"] as const;
export type CannedVariable = (typeof CANNED_VARIABLES)[number];

export type CannedValues = Partial<Record<CannedVariable, string | null>>;

/** `{{ contact.name }}`: the braces, optional spaces, a dotted name. */
const PLACEHOLDER = /\{\{\s*([a-z]+\.[a-z]+)\s*\}\}/g;

/** How a variable is written in a canned response's text. */
export function placeholder(variable: CannedVariable): string {
  return `{{${variable}}}`;
}

/**
 * Fills in `body`'s variables from `values`. A variable without a value (the contact has
 * no phone) or one we do not know stays as written, so the agent sees what is missing
 * instead of a silent gap. The result is plain text; render it as text, never as HTML.
 *
 *   fillCannedTemplate("Hi {{contact.name}}!", { "contact.name": "Ana" }) // "Hi Ana!"
 */
export function fillCannedTemplate(body: string, values: CannedValues): string {
  return body.replace(PLACEHOLDER, (whole, name: string) => {
    const value = Object.hasOwn(values, name) ? values[name as CannedVariable] : null;
    return value ? value : whole;
  });
}
