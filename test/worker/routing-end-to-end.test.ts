/**
 * Routing end to end, in workerd with real D1 and rooms: a Telegram customer's first
 * message with a rule's keyword lands the conversation in the rule's team (D1 row and an
 * assignment event with reason "routing", before the message); no match keeps the
 * inbox's team; a closed team overflows, or keeps the conversation and sends its away
 * message once, out through the channel; web chat routes on the first message over the
 * socket (the conversation existed before any text); D1 unreadable at that moment loses
 * nothing.
 */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { eventually } from "./assertions";
import { agentWithRole, owner, visitor, webchatInbox } from "./fixtures";
import { call, type Client } from "./http-client";
import { unique } from "./route-table";
import { fakeProvider } from "./provider-fake";
import { openSocket, widgetSocketPath } from "./socket-harness";
import { eventsOf, messagesIn } from "./channels/channel-world";
import { TG } from "./channels/telegram-fixtures";
import { BOT_API, sentAnswer } from "./channels/telegram-kit";
import { onlyConversation, tgInbox, type TgInbox } from "./channels/telegram-webhook-kit";
import type { ConversationEvent } from "../../worker/protocol";

const ALWAYS_CLOSED = { timezone: "UTC", days: [[], [], [], [], [], [], []] };

let boss: Client;
beforeAll(async () => {
  boss = await owner();
});

async function team(extra: Record<string, unknown> = {}): Promise<string> {
  const res = await call("/api/v1/teams", { method: "POST", json: { name: `Team ${unique()}`, ...extra }, client: boss });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id;
}

async function rule(teamId: string, conditions: Record<string, unknown>): Promise<string> {
  const res = await call("/api/v1/routing-rules", { method: "POST", json: { name: `Rule ${unique()}`, teamId, conditions }, client: boss });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id;
}

async function inboxWithTeam(teamId: string): Promise<TgInbox> {
  const tg = await tgInbox();
  await env.DB.prepare("UPDATE inboxes SET team_id = ? WHERE id = ?").bind(teamId, tg.inbox.id).run();
  return tg;
}

/** A Telegram update whose message says `text`, dated now. */
function says(text: string): string {
  const update = JSON.parse(TG.textEntities);
  update.update_id = Math.floor(Math.random() * 1e9);
  update.message.message_id = Math.floor(Math.random() * 1e6);
  update.message.date = Math.floor(Date.now() / 1000);
  update.message.text = text;
  delete update.message.entities;
  return JSON.stringify(update);
}

async function teamRowOf(conversationId: string): Promise<string | null> {
  return (await env.DB.prepare("SELECT team_id FROM conversations WHERE id = ?").bind(conversationId).first<{ team_id: string | null }>())!.team_id;
}

const assignments = (events: ConversationEvent[]) => events.filter((e) => e.type === "assignment");

describe("a first message routed by keyword (Telegram)", () => {
  it("lands in the rule's team: the D1 row, and a routing assignment stored before the message", async () => {
    const general = await team();
    const billing = await team();
    const tg = await inboxWithTeam(general);
    await rule(billing, { inboxIds: [tg.inbox.id], keywords: ["reembolso"] });

    expect((await tg.deliver(says("Quero um Reembolso? por favor"))).status).toBe(200);
    const conversation = await onlyConversation(tg.inbox.id);
    await eventually(async () => expect(await teamRowOf(conversation.id)).toBe(billing));
    const events = await eventsOf(boss, conversation.id);
    expect(assignments(events)).toEqual([expect.objectContaining({ seq: 1, teamId: billing, fromTeamId: general, assigneeId: null, reason: "routing", actor: { type: "system", id: null, name: null } })]);
    expect(messagesIn(events).map((m) => [m.seq, m.actor.type, m.body])).toEqual([[2, "contact", "Quero um Reembolso? por favor"]]);
  });

  it("a later message with the keyword moves nothing: only the first message routes", async () => {
    const general = await team();
    const billing = await team();
    const tg = await inboxWithTeam(general);
    await rule(billing, { inboxIds: [tg.inbox.id], keywords: ["cancelar"] });

    expect((await tg.deliver(says("Oi, bom dia"))).status).toBe(200);
    expect((await tg.deliver(says("quero CANCELAR"))).status).toBe(200);
    const conversation = await onlyConversation(tg.inbox.id);
    const events = await eventsOf(boss, conversation.id);
    expect(messagesIn(events)).toHaveLength(2);
    expect(assignments(events)).toEqual([]);
    expect(await teamRowOf(conversation.id)).toBe(general);
  });

  it("no rule matches → the inbox's default team, and no routing event", async () => {
    const general = await team();
    const billing = await team();
    const tg = await inboxWithTeam(general);
    await rule(billing, { inboxIds: [tg.inbox.id], keywords: ["boleto"] });

    expect((await tg.deliver(says("Preciso de ajuda com o boletos"))).status).toBe(200);
    const conversation = await onlyConversation(tg.inbox.id);
    await eventually(async () => expect((await env.DB.prepare("SELECT last_seq FROM conversations WHERE id = ?").bind(conversation.id).first<{ last_seq: number }>())!.last_seq).toBe(1));
    expect(await teamRowOf(conversation.id)).toBe(general);
    expect(assignments(await eventsOf(boss, conversation.id))).toEqual([]);
  });

  it("a disabled rule is skipped", async () => {
    const general = await team();
    const billing = await team();
    const tg = await inboxWithTeam(general);
    const id = await rule(billing, { inboxIds: [tg.inbox.id], keywords: ["fatura"] });
    expect((await call(`/api/v1/routing-rules/${id}`, { method: "PATCH", json: { enabled: false }, client: boss })).status).toBe(200);

    expect((await tg.deliver(says("minha fatura"))).status).toBe(200);
    const conversation = await onlyConversation(tg.inbox.id);
    expect(assignments(await eventsOf(boss, conversation.id))).toEqual([]);
    expect(await teamRowOf(conversation.id)).toBe(general);
  });
});

describe("D1 failure", () => {
  it("routing unreadable: the first message is stored all the same, in the inbox's team, and no later message routes", async () => {
    const general = await team();
    const billing = await team();
    const tg = await inboxWithTeam(general);
    await rule(billing, { inboxIds: [tg.inbox.id], keywords: ["estorno"] });

    await env.DB.exec("ALTER TABLE routing_rules RENAME TO routing_rules_unreachable;");
    try {
      expect((await tg.deliver(says("quero estorno"))).status).toBe(200);
    } finally {
      await env.DB.exec("ALTER TABLE routing_rules_unreachable RENAME TO routing_rules;");
    }
    expect((await tg.deliver(says("estorno, por favor"))).status).toBe(200);
    const conversation = await onlyConversation(tg.inbox.id);
    const events = await eventsOf(boss, conversation.id);
    expect(messagesIn(events).map((m) => m.body)).toEqual(["quero estorno", "estorno, por favor"]);
    expect(assignments(events)).toEqual([]);
    expect(await teamRowOf(conversation.id)).toBe(general);
  });
});

describe("business hours", () => {
  it("a closed team with an open overflow → the overflow team", async () => {
    const night = await team();
    const day = await team({ businessHours: ALWAYS_CLOSED, overflowTeamId: night, awayMessage: "Fechado." });
    const tg = await inboxWithTeam(day);

    expect((await tg.deliver(says("Olá"))).status).toBe(200);
    const conversation = await onlyConversation(tg.inbox.id);
    await eventually(async () => expect(await teamRowOf(conversation.id)).toBe(night));
    const events = await eventsOf(boss, conversation.id);
    expect(assignments(events)).toMatchObject([{ teamId: night, fromTeamId: day, reason: "routing" }]);
    expect(messagesIn(events).map((m) => m.actor.type)).toEqual(["contact"]);
  });

  it("a team with nobody online and an overflow team with somebody online → the overflow team", async () => {
    const backup = await team();
    const empty = await team({ overflowTeamId: backup });
    const ana = await agentWithRole("agent");
    expect((await call(`/api/v1/teams/${backup}/members/${ana.id}`, { method: "PUT", client: boss })).status).toBeLessThan(300);
    const socket = await openSocket(`/api/v1/queue/ws?team=${backup}`, ana);
    const tg = await inboxWithTeam(empty);

    expect((await tg.deliver(says("Olá, alguém aí?"))).status).toBe(200);
    const conversation = await onlyConversation(tg.inbox.id);
    await eventually(async () => expect(await teamRowOf(conversation.id)).toBe(backup));
    expect(assignments(await eventsOf(boss, conversation.id))).toMatchObject([{ teamId: backup, fromTeamId: empty, reason: "routing" }]);
    socket.close();
  });

  it("a closed team without overflow keeps the conversation and sends its away message once, through Telegram", async () => {
    const closed = await team({ businessHours: ALWAYS_CLOSED, awayMessage: "Estamos fechados; voltamos às 9h." });
    const tg = await inboxWithTeam(closed);
    const bot = fakeProvider(BOT_API).on("POST", tg.method("sendMessage"), [], sentAnswer(Number(JSON.parse(TG.textEntities).message.chat.id), 901));

    expect((await tg.deliver(says("Olá, alguém aí?"))).status).toBe(200);
    // Redelivered and followed by another message: still one away message.
    expect((await tg.deliver(says("Olá de novo"))).status).toBe(200);
    const conversation = await onlyConversation(tg.inbox.id);
    await eventually(async () => {
      const messages = messagesIn(await eventsOf(boss, conversation.id));
      expect(messages.map((m) => [m.actor.type, m.body])).toEqual([
        ["contact", "Olá, alguém aí?"],
        ["bot", "Estamos fechados; voltamos às 9h."],
        ["contact", "Olá de novo"],
      ]);
      expect(messages[1]!.finalDelivery).toBe("sent");
    });
    expect(bot.callsTo("POST", tg.method("sendMessage")).map((c) => JSON.parse(c.body).text)).toEqual(["Estamos fechados; voltamos às 9h."]);
    expect(await teamRowOf(conversation.id)).toBe(closed);
    expect(assignments(await eventsOf(boss, conversation.id))).toEqual([]);
  });
});

describe("web chat", () => {
  it("routes on the visitor's first message over the socket, not when the session made the conversation", async () => {
    const general = await team();
    const sales = await team();
    const inbox = await webchatInbox(boss, `Site ${unique()}`);
    await env.DB.prepare("UPDATE inboxes SET team_id = ? WHERE id = ?").bind(general, inbox.id).run();
    await rule(sales, { inboxIds: [inbox.id], channels: ["webchat"], keywords: ["orçamento"] });

    const v = await visitor(inbox.publicKey);
    expect(await teamRowOf(v.conversationId)).toBe(general);
    const socket = await openSocket(await widgetSocketPath(v.token));
    socket.send({ type: "send", clientId: "first-1", body: "Queria um ORCAMENTO" });
    await socket.until((frames) => frames.some((f) => f.type === "ack"));
    socket.close();

    await eventually(async () => expect(await teamRowOf(v.conversationId)).toBe(sales));
    const events = await eventsOf(boss, v.conversationId);
    expect(assignments(events)).toMatchObject([{ seq: 1, teamId: sales, fromTeamId: general, reason: "routing" }]);
    expect(messagesIn(events).map((m) => [m.seq, m.body])).toEqual([[2, "Queria um ORCAMENTO"]]);
  });
});
