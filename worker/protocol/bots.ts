/**
 * @module Shapes of the built-in menu bot an inbox can put in front of its agents: a
 * greeting, numbered options (each with one action), what to say to an answer it does
 * not know, the words that ask for a human, and how long it waits before handing over.
 */
import { z } from "zod";
import { UserName, UserText } from "./text";

/** Options a menu offers. WhatsApp's list message holds at most 10 rows
 * (https://developers.facebook.com/docs/whatsapp/cloud-api/messages/interactive-list-messages),
 * and a longer numbered menu is more than a customer reads on a phone. */
export const MAX_MENU_OPTIONS = 10;
/** An option's label. Longer ones are cut to a button's or row's title where a channel
 * draws buttons (WhatsApp: 20 characters, see worker/bots/menu/buttons.ts); the
 * numbered text shows the whole label. */
export const MAX_MENU_LABEL_CHARS = 60;
/** The bot's texts (greeting, replies, questions). WhatsApp's interactive body holds
 * 1,024 characters, the greeting being that body
 * (https://developers.facebook.com/docs/whatsapp/cloud-api/reference/messages#interactive-object). */
export const MAX_MENU_TEXT_CHARS = 1_000;
export const MAX_HANDOFF_WORDS = 20;
export const MAX_HANDOFF_WORD_CHARS = 40;
/** Minutes the bot waits for an answer before handing to a human: at least one (the
 * room's alarm is not a stopwatch), at most a day (a customer gone that long is better
 * met by a person than by a menu). */
export const MIN_MENU_TIMEOUT_MINUTES = 1;
export const MAX_MENU_TIMEOUT_MINUTES = 24 * 60;
/** The display name the bot's messages carry. */
export const MAX_MENU_BOT_NAME_CHARS = 60;
/** A contact attribute the bot may fill (as the contact API's attribute keys). */
export const MAX_MENU_FIELD_KEY_CHARS = 60;
/** What the customer answers to a question: kept whole up to this, as an attribute value
 * (MAX_ATTRIBUTE_VALUE_CHARS). */
export const MAX_MENU_ANSWER_CHARS = 500;

const BotText = UserText.trim().min(1).max(MAX_MENU_TEXT_CHARS);

/** Where a captured answer goes: the contact's name or e-mail, or one of its attributes
 * (an order number, a CPF…). */
export const MenuField = z.discriminatedUnion("kind", [
  z.strictObject({ kind: z.literal("name") }),
  z.strictObject({ kind: z.literal("email") }),
  z.strictObject({
    kind: z.literal("attribute"),
    key: UserName.trim()
      .min(1)
      .max(MAX_MENU_FIELD_KEY_CHARS)
      .regex(/^[A-Za-z0-9_.-]+$/, "letters, digits, _ . - only"),
  }),
]);
export type MenuField = z.infer<typeof MenuField>;

/** What choosing an option does: say a text; ask for a field (then store the answer on
 * the contact); move the conversation to a team and hand it over; or hand it over. */
export const MenuAction = z.discriminatedUnion("type", [
  z.strictObject({ type: z.literal("reply"), text: BotText }),
  z.strictObject({ type: z.literal("ask"), field: MenuField, question: BotText }),
  z.strictObject({ type: z.literal("team"), teamId: z.string().min(1).max(64) }),
  z.strictObject({ type: z.literal("human") }),
  /** Answer with a help center article (issue 17). The bot runs in the conversation's room,
   * which never waits on D1, so `text` (title, summary, public link) is written by the
   * server from the article when the bot is saved (whatever was sent); save the bot again
   * to pick up a later edit of the article. */
  z.strictObject({ type: z.literal("article"), articleId: z.string().min(1).max(64), text: z.string().max(MAX_MENU_TEXT_CHARS).default("") }),
]);
export type MenuAction = z.infer<typeof MenuAction>;

export const MenuOption = z.strictObject({
  label: UserName.trim().min(1).max(MAX_MENU_LABEL_CHARS),
  action: MenuAction,
});
export type MenuOption = z.infer<typeof MenuOption>;

/** An inbox's menu bot, as the API takes and returns it (admins). */
export const MenuBot = z.strictObject({
  enabled: z.boolean(),
  /** The name its messages carry in the timeline and the widget. */
  name: UserName.trim().min(1).max(MAX_MENU_BOT_NAME_CHARS),
  greeting: BotText,
  options: z.array(MenuOption).min(1).max(MAX_MENU_OPTIONS),
  /** Said, with the menu again, when an answer is neither a number nor a label. */
  invalidText: BotText,
  /** Said when the conversation goes to a person (an option, a word, the timeout). */
  handoffText: BotText,
  /** Minutes without an answer before a person takes over. */
  timeoutMinutes: z.number().int().min(MIN_MENU_TIMEOUT_MINUTES).max(MAX_MENU_TIMEOUT_MINUTES),
  /** Words that ask for a person, matched whole, ignoring case and accents. */
  handoffWords: z.array(UserName.trim().min(1).max(MAX_HANDOFF_WORD_CHARS)).max(MAX_HANDOFF_WORDS),
});
export type MenuBot = z.infer<typeof MenuBot>;

/** GET/PUT /api/v1/inboxes/{id}/bot: the inbox's bot, null when none was ever saved. */
export const InboxBotAnswer = z.object({ bot: MenuBot.nullable() });
export type InboxBotAnswer = z.infer<typeof InboxBotAnswer>;

export type MenuBotLocale = "en" | "pt-BR" | "es";

/** A new bot's texts in the admin's language, so the first save is already usable. */
export function defaultMenuBot(locale: MenuBotLocale): MenuBot {
  const t = DEFAULT_TEXTS[locale];
  return {
    enabled: false,
    name: t.name,
    greeting: t.greeting,
    options: [
      { label: t.hoursLabel, action: { type: "reply", text: t.hoursText } },
      { label: t.orderLabel, action: { type: "ask", field: { kind: "attribute", key: "order_number" }, question: t.orderQuestion } },
      { label: t.humanLabel, action: { type: "human" } },
    ],
    invalidText: t.invalid,
    handoffText: t.handoff,
    timeoutMinutes: 10,
    handoffWords: ["atendente", "humano", "human", "agent", "agente", "pessoa", "persona"],
  };
}

const DEFAULT_TEXTS: Record<MenuBotLocale, Record<"name" | "greeting" | "hoursLabel" | "hoursText" | "orderLabel" | "orderQuestion" | "humanLabel" | "invalid" | "handoff", string>> = {
  en: {
    name: "Assistant",
    greeting: "Hi! How can we help? Reply with the number of an option.",
    hoursLabel: "Opening hours",
    hoursText: "We answer Monday to Friday, 9 am to 6 pm.",
    orderLabel: "My order",
    orderQuestion: "What is your order number?",
    humanLabel: "Talk to a person",
    invalid: "Sorry, I did not understand. Reply with the number of an option.",
    handoff: "A person from our team will reply here soon.",
  },
  "pt-BR": {
    name: "Assistente",
    greeting: "Olá! Como podemos ajudar? Responda com o número de uma opção.",
    hoursLabel: "Horário de atendimento",
    hoursText: "Atendemos de segunda a sexta, das 9h às 18h.",
    orderLabel: "Meu pedido",
    orderQuestion: "Qual é o número do seu pedido?",
    humanLabel: "Falar com um atendente",
    invalid: "Desculpe, não entendi. Responda com o número de uma opção.",
    handoff: "Uma pessoa da nossa equipe vai responder aqui em breve.",
  },
  es: {
    name: "Asistente",
    greeting: "¡Hola! ¿Cómo podemos ayudar? Responde con el número de una opción.",
    hoursLabel: "Horario de atención",
    hoursText: "Atendemos de lunes a viernes, de 9 a 18 h.",
    orderLabel: "Mi pedido",
    orderQuestion: "¿Cuál es el número de tu pedido?",
    humanLabel: "Hablar con una persona",
    invalid: "Perdón, no entendí. Responde con el número de una opción.",
    handoff: "Una persona de nuestro equipo responderá aquí pronto.",
  },
};
