/**
 * The bad-input rows of the inbox menu bot API (worker/routes/inbox-bot.ts): one valid
 * request, from which bad-input-kit.ts derives the cases. Used by bad-input.test.ts;
 * bad-input-coverage.test.ts checks every JSON-body route has a row. The valid body keeps
 * the bot switched off, so the world's inbox goes on starting conversations open. The
 * agent bot's row (worker/routes/inbox-agent-bot.ts) and the API channel's inbound
 * messages (worker/routes/inbox-api-channel.ts) follow.
 */
import {
  MAX_HANDOFF_WORDS,
  MAX_WEBHOOK_URL_CHARS,
  MAX_BODY_CHARS,
  MAX_MENU_LABEL_CHARS,
  MAX_MENU_OPTIONS,
  MAX_MENU_TEXT_CHARS,
  MAX_MENU_TIMEOUT_MINUTES,
  defaultMenuBot,
} from "../../worker/protocol";
import { huge, type BodyRoute } from "./bad-input-kit";
import type { InstallWorld } from "./bad-input-routes";

const option = (action: Record<string, unknown>) => ({ label: "Opção", action });

export const BOT_BODY_ROUTES: BodyRoute<InstallWorld>[] = [
  {
    name: "PUT /api/v1/inboxes/{id}/bot",
    method: "PUT",
    path: (w) => `/api/v1/inboxes/${w.inboxId}/bot`,
    as: (w) => ({ client: w.boss }),
    valid: () => ({ ...defaultMenuBot("pt-BR") }),
    wrongTypes: { enabled: "yes", name: 5, greeting: ["oi"], options: {}, invalidText: 1, handoffText: false, timeoutMinutes: "10", handoffWords: "atendente" },
    required: ["enabled", "name", "greeting", "options", "invalidText", "handoffText", "timeoutMinutes", "handoffWords"],
    badValues: [
      { label: "a blank greeting", set: { greeting: "   " } },
      { label: `a greeting over ${MAX_MENU_TEXT_CHARS} characters`, set: { greeting: huge(MAX_MENU_TEXT_CHARS + 1) } },
      { label: "no options", set: { options: [] } },
      { label: `more than ${MAX_MENU_OPTIONS} options`, set: { options: Array.from({ length: MAX_MENU_OPTIONS + 1 }, () => option({ type: "human" })) } },
      { label: `a label over ${MAX_MENU_LABEL_CHARS} characters`, set: { options: [{ label: huge(MAX_MENU_LABEL_CHARS + 1), action: { type: "human" } }] } },
      { label: "an unknown action", set: { options: [option({ type: "call" })] } },
      { label: "a reply without text", set: { options: [option({ type: "reply", text: " " })] } },
      { label: "a question for an unknown field", set: { options: [option({ type: "ask", field: { kind: "cpf" }, question: "CPF?" })] } },
      { label: "an attribute key with spaces", set: { options: [option({ type: "ask", field: { kind: "attribute", key: "order number" }, question: "Pedido?" })] } },
      { label: "an unknown key in an action", set: { options: [option({ type: "human", teamId: "x" })] } },
      { label: "a team id over 64 characters", set: { options: [option({ type: "team", teamId: huge(65) })] } },
      { label: "an unknown team", set: { options: [option({ type: "team", teamId: "no-such-team" })] }, status: 404, code: "team_not_found" },
      { label: "a timeout of 0 minutes", set: { timeoutMinutes: 0 } },
      { label: `a timeout over ${MAX_MENU_TIMEOUT_MINUTES} minutes`, set: { timeoutMinutes: MAX_MENU_TIMEOUT_MINUTES + 1 } },
      { label: "a fractional timeout", set: { timeoutMinutes: 1.5 } },
      { label: "an empty handoff word", set: { handoffWords: [" "] } },
      { label: `more than ${MAX_HANDOFF_WORDS} handoff words`, set: { handoffWords: Array.from({ length: MAX_HANDOFF_WORDS + 1 }, (_, i) => `w${i}`) } },
      { label: "an unknown field", set: { webhookUrl: "https://example.com" }, unknownKey: true },
    ],
  },
  {
    name: "PUT /api/v1/inboxes/{id}/agent-bot",
    method: "PUT",
    path: (w) => `/api/v1/inboxes/${w.inboxId}/agent-bot`,
    as: (w) => ({ client: w.boss }),
    valid: () => ({ enabled: false, name: "Robô", url: "https://bot.example.com/in", handoffWords: ["atendente"], handoffText: null }),
    wrongTypes: { enabled: "yes", name: 5, url: 7, handoffWords: "atendente", handoffText: false, rollSecret: "yes" },
    required: ["enabled", "name", "url", "handoffWords", "handoffText"],
    badValues: [
      { label: "a blank url", set: { url: "  " } },
      { label: "a url that is not one", set: { url: "not a url" } },
      { label: "a plain-http url", set: { url: "http://bot.example.com/in" } },
      { label: "a private address", set: { url: "https://10.0.0.1/in" } },
      { label: `a url over ${MAX_WEBHOOK_URL_CHARS} characters`, set: { url: `https://bot.example.com/${huge(MAX_WEBHOOK_URL_CHARS)}` } },
      { label: "a blank name", set: { name: " " } },
      { label: "an empty handoff word", set: { handoffWords: [" "] } },
      { label: `more than ${MAX_HANDOFF_WORDS} handoff words`, set: { handoffWords: Array.from({ length: MAX_HANDOFF_WORDS + 1 }, (_, i) => `w${i}`) } },
      { label: "a blank handoff text", set: { handoffText: "  " } },
      { label: "an unknown field", set: { token: "x" }, unknownKey: true },
    ],
  },
  {
    name: "POST /api/v1/inboxes/{id}/messages",
    method: "POST",
    path: (w) => `/api/v1/inboxes/${w.inboxId}/messages`,
    as: (w) => ({ client: w.boss }),
    valid: () => ({ id: "m-1", contact: { externalId: "c-1", name: "Ana", email: "ana@example.com", phone: "+5511987654321" }, text: "oi" }),
    wrongTypes: { id: 1, contact: "c-1", text: ["oi"] },
    required: ["id", "contact", "text"],
    badValues: [
      { label: "a blank id", set: { id: "  " } },
      { label: "an id over 200 characters", set: { id: huge(201) } },
      { label: "a contact without externalId", set: { contact: { name: "Ana" } } },
      { label: "a bad e-mail", set: { contact: { externalId: "c-1", email: "not-mail" } } },
      { label: "a phone not in E.164", set: { contact: { externalId: "c-1", phone: "11 98765-4321" } } },
      { label: "a blank text", set: { text: "   " } },
      { label: `a text over ${MAX_BODY_CHARS} characters`, set: { text: huge(MAX_BODY_CHARS + 1) } },
      { label: "an unknown key in contact", set: { contact: { externalId: "c-1", cpf: "1" } } },
      { label: "an unknown field", set: { attachments: [] }, unknownKey: true },
    ],
  },
];
