/**
 * @module The menu bot's one move, as a pure function: given the bot's configuration,
 * where it is with the customer (MenuState) and the customer's message, what it says,
 * what it captures, where it sends the conversation, and where it is next. The room
 * stores the result as events (./seat.ts); nothing here reads a clock or storage.
 */
import { MAX_MENU_ANSWER_CHARS, truncateText, type MenuBot, type MenuField, type OptionsContent } from "../../protocol";
import { asksForHuman, chosenOption } from "./match";
import type { MenuState } from "./state";

export interface MenuInput {
  text: string;
  /** The id of the button or list row the customer tapped, if they did. */
  choiceId: string | null;
}

export interface BotLine {
  body: string;
  content?: OptionsContent;
}

export interface MenuTurn {
  say: BotLine[];
  capture: { field: MenuField; value: string } | null;
  /** Move the conversation to this team before handing over. */
  teamId: string | null;
  handoff: boolean;
  /** Null once the bot hands over. */
  next: MenuState | null;
}

/** E-mail as the contact's column holds it: RFC 5321's 254-character path limit, one @,
 * a dot in the domain. Anything else is asked for again, not stored. */
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const MAX_EMAIL_CHARS = 254;
/** As threads.ts keeps a channel's display name. */
const MAX_NAME_CHARS = 200;

/** The menu as a message: numbered lines under `prompt` (what text-only channels send),
 * and the options for channels that draw buttons. */
export function menuLine(bot: MenuBot, prompt: string | null): BotLine {
  const list = bot.options.map((o, i) => `${i + 1}. ${o.label}`).join("\n");
  return {
    body: prompt ? `${prompt}\n\n${list}` : list,
    content: { type: "options", prompt: prompt ?? bot.greeting, options: bot.options.map((o, i) => ({ id: String(i + 1), title: o.label })) },
  };
}

export function menuTurn(bot: MenuBot, state: MenuState | null | undefined, input: MenuInput, now: number): MenuTurn {
  const idle = { say: [], capture: null, teamId: null, handoff: false };
  const handOver = (teamId: string | null = null): MenuTurn => ({ ...idle, say: [{ body: bot.handoffText }], teamId, handoff: true, next: null });
  if (asksForHuman(bot, input.text)) return handOver();
  // First message since the conversation came to the bot: whatever it says, greet.
  if (!state) return { ...idle, say: [menuLine(bot, bot.greeting)], next: { pending: { kind: "menu" }, since: now } };

  const atMenu: MenuState = { pending: { kind: "menu" }, since: now };
  if (state.pending.kind === "ask") {
    const option = bot.options[state.pending.option];
    // The configuration changed under the question: back to the menu.
    if (option?.action.type !== "ask") return { ...idle, say: [menuLine(bot, bot.invalidText)], next: atMenu };
    const value = answerFor(option.action.field, input.text);
    if (value === null) return { ...idle, say: [{ body: `${bot.invalidText}\n\n${option.action.question}` }], next: { pending: state.pending, since: now } };
    return { ...idle, capture: { field: option.action.field, value }, say: [menuLine(bot, null)], next: atMenu };
  }

  const index = chosenOption(bot, input.text, input.choiceId);
  if (index === null) return { ...idle, say: [menuLine(bot, bot.invalidText)], next: atMenu };
  const action = bot.options[index]!.action;
  switch (action.type) {
    case "reply":
    case "article":
      return { ...idle, say: [{ body: action.text }, menuLine(bot, null)], next: atMenu };
    case "ask":
      return { ...idle, say: [{ body: action.question }], next: { pending: { kind: "ask", option: index }, since: now } };
    case "team":
      return handOver(action.teamId);
    case "human":
      return handOver();
  }
}

/** What the timeout does: the customer stopped answering, a person takes over. */
export function timeoutTurn(bot: MenuBot): MenuTurn {
  return { say: [{ body: bot.handoffText }], capture: null, teamId: null, handoff: true, next: null };
}

/** The answer as the field keeps it, or null when it cannot be one (empty, not an e-mail). */
function answerFor(field: MenuField, text: string): string | null {
  const value = text.trim();
  if (value === "") return null;
  switch (field.kind) {
    case "email":
      return value.length <= MAX_EMAIL_CHARS && EMAIL.test(value) ? value.toLowerCase() : null;
    case "name":
      return truncateText(value.replace(/\s+/g, " "), MAX_NAME_CHARS);
    case "attribute":
      return truncateText(value, MAX_MENU_ANSWER_CHARS);
  }
}
