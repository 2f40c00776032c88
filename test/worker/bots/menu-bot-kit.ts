/**
 * Menu bot test helpers: a bot with one option of each kind, saving it on an inbox
 * through the API, reading what the bot said, and moving the bot's clock back (the room's
 * state) so its timeout can be tested without waiting minutes.
 */
import { runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { expect } from "vitest";
import { call, type Client } from "../http-client";
import type { ConversationEvent, MenuBot } from "../../../worker/protocol";
import type { RoomState } from "../../../worker/conversation/commands";

export const GREETING = "Olá! Escolha uma opção.";
export const HOURS = "Atendemos das 9h às 18h.";
export const ORDER_Q = "Qual é o número do pedido?";
export const EMAIL_Q = "Qual é o seu e-mail?";
export const INVALID = "Não entendi. Responda com o número de uma opção.";
export const HANDOFF = "Um atendente vai responder aqui.";

/** 1 reply · 2 ask an attribute · 3 ask the e-mail · 4 route to `teamId` · 5 a human. */
export function menuBot(teamId: string, extra: Partial<MenuBot> = {}): MenuBot {
  return {
    enabled: true,
    name: "Robô",
    greeting: GREETING,
    options: [
      { label: "Horário", action: { type: "reply", text: HOURS } },
      { label: "Meu pedido", action: { type: "ask", field: { kind: "attribute", key: "order_number" }, question: ORDER_Q } },
      { label: "Meu e-mail", action: { type: "ask", field: { kind: "email" }, question: EMAIL_Q } },
      { label: "Financeiro", action: { type: "team", teamId } },
      { label: "Falar com um atendente", action: { type: "human" } },
    ],
    invalidText: INVALID,
    handoffText: HANDOFF,
    timeoutMinutes: 5,
    handoffWords: ["atendente", "humano", "human"],
    ...extra,
  };
}

export async function saveBot(admin: Client, inboxId: string, bot: MenuBot): Promise<void> {
  const res = await call(`/api/v1/inboxes/${inboxId}/bot`, { method: "PUT", json: bot, client: admin });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
}

/** The bodies of the bot's messages among `events`, in order. */
export function botSaid(events: ConversationEvent[]): string[] {
  return events.flatMap((e) => (e.type === "message" && e.actor.type === "bot" ? [e.body] : []));
}

/** The room's state, as stored. */
export async function roomState(conversationId: string): Promise<RoomState> {
  return runInDurableObject(env.CONVERSATION_ROOM.getByName(conversationId), (room) => (room as unknown as { state: RoomState }).state);
}

/** Moves the bot's last question `ms` into the past, in memory and in storage, as if the
 * customer had been silent that long. */
export async function backdateBot(conversationId: string, ms: number): Promise<void> {
  await runInDurableObject(env.CONVERSATION_ROOM.getByName(conversationId), (room, state) => {
    const r = room as unknown as { state: RoomState };
    if (!r.state.menu) throw new Error("the bot is not waiting for an answer");
    r.state = { ...r.state, menu: { ...r.state.menu, since: r.state.menu.since - ms } };
    state.storage.sql.exec("UPDATE room SET state = ? WHERE id = 1", JSON.stringify(r.state));
  });
}

export async function statusRow(conversationId: string): Promise<{ status: string; team_id: string | null; assignee_id: string | null; first_response_at: number | null }> {
  return (await env.DB.prepare("SELECT status, team_id, assignee_id, first_response_at FROM conversations WHERE id = ?").bind(conversationId).first())!;
}
