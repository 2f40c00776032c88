/**
 * @module Canned responses in the composer: `/` at the very start of the box opens the
 * picker, the word after it is the search, and picking one replaces that word with the
 * response, its variables filled in for this contact and agent. The filling is the
 * settings screen's own function (one syntax for both); the result is plain text that
 * goes into a textarea, so a contact named `<b>x</b>` stays those characters.
 */
import type { CannedResponse, Contact } from "../../../worker/protocol";
import { fillCannedTemplate } from "../../settings/canned-template";

/** The search after a leading `/` while the caret is still in that first word, or null
 * when the picker should be closed. */
export function cannedQuery(text: string, caret: number): string | null {
  if (!text.startsWith("/")) return null;
  const word = /^\/(\S*)/.exec(text)![1]!;
  return caret >= 1 && caret <= word.length + 1 ? word : null;
}

export interface CannedContext {
  contact: Pick<Contact, "name" | "email" | "phone"> | null;
  agentName: string;
}

export function fillCanned(response: Pick<CannedResponse, "body">, ctx: CannedContext): string {
  return fillCannedTemplate(response.body, {
    "contact.name": ctx.contact?.name ?? null,
    "contact.email": ctx.contact?.email ?? null,
    "contact.phone": ctx.contact?.phone ?? null,
    "agent.name": ctx.agentName,
  });
}

/** The box after picking: the `/word` replaced by the filled response, the rest kept,
 * and where the caret goes (the end of the inserted text). */
export function applyCanned(text: string, filled: string): { text: string; caret: number } {
  const rest = text.replace(/^\/\S*/, "");
  const joined = rest.length > 0 && !/^\s/.test(rest) ? `${filled} ${rest}` : filled + rest;
  return { text: joined, caret: filled.length };
}
