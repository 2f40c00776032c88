/**
 * The menu bot on web chat, in workerd with real D1 and rooms: a scripted visitor walks
 * every option kind (greeting, reply, field capture into the contact in D1, an invalid
 * answer re-asked, route to a team and into its queue, hand to a human), the handoff
 * words and the widget's "talk to a human" button, the timeout (the room's alarm), the
 * way back to the bot after a resolve, eviction in the middle of a question, and that
 * no bot message ever counts as a first response.
 */
import { evictDurableObject, runDurableObjectAlarm } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { eventually } from "../assertions";
import { owner, projected, visitor, webchatInbox } from "../fixtures";
import { bearer, call, type Client } from "../http-client";
import { unique } from "../route-table";
import { openSocket, widgetSocketPath } from "../socket-harness";
import { eventsOf } from "../channels/channel-world";
import { newTeam, waitingIn } from "../queue-kit";
import { EMAIL_Q, GREETING, HANDOFF, HOURS, INVALID, ORDER_Q, backdateBot, botSaid, menuBot, roomState, saveBot, statusRow } from "./menu-bot-kit";

const MENU = "1. Horário\n2. Meu pedido\n3. Meu e-mail\n4. Financeiro\n5. Falar com um atendente";

let boss: Client;
let finance: string;
beforeAll(async () => {
  boss = await owner();
  finance = await newTeam(boss);
});

async function botInbox(extra: Parameters<typeof menuBot>[1] = {}): Promise<{ id: string; publicKey: string }> {
  const inbox = await webchatInbox(boss, `Site ${unique()}`);
  await saveBot(boss, inbox.id, menuBot(finance, extra));
  return inbox;
}

/** A visitor who writes each text in turn (widget HTTP); returns the last seq. */
function customer(token: string) {
  return async (...texts: string[]): Promise<number> => {
    let seq = 0;
    for (const body of texts) {
      const res = await call("/api/v1/widget/messages", { method: "POST", json: { body, clientId: `c-${crypto.randomUUID()}` }, headers: bearer(token) });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      seq = res.body.seq;
    }
    return seq;
  };
}

const saidAfter = async (conversationId: string, n: number) => botSaid(await eventsOf(boss, conversationId)).slice(n);

describe("menu bot on web chat", () => {
  it("a new conversation in an inbox without a bot starts open; with the bot on, in `bot`", async () => {
    const plain = await webchatInbox(boss, `Site ${unique()}`);
    expect((await statusRow((await visitor(plain.publicKey)).conversationId)).status).toBe("open");
    const withBot = await botInbox();
    expect((await statusRow((await visitor(withBot.publicKey)).conversationId)).status).toBe("bot");
    // Switched off: new conversations start open again.
    await saveBot(boss, withBot.id, menuBot(finance, { enabled: false }));
    expect((await statusRow((await visitor(withBot.publicKey)).conversationId)).status).toBe("open");
  });

  it("walks every option: greeting, reply, invalid re-asks, fields into the contact, then a team's queue", async () => {
    const inbox = await botInbox();
    const v = await visitor(inbox.publicKey);
    const say = customer(v.token);

    await say("oi");
    expect(await saidAfter(v.conversationId, 0)).toEqual([`${GREETING}\n\n${MENU}`]);
    await say("9");
    expect(await saidAfter(v.conversationId, 1)).toEqual([`${INVALID}\n\n${MENU}`]);
    await say("1");
    expect(await saidAfter(v.conversationId, 2)).toEqual([HOURS, MENU]);
    // By label, any case and accents: the question, then the answer is captured.
    await say("MEU PEDIDO", "A-123");
    expect(await saidAfter(v.conversationId, 4)).toEqual([ORDER_Q, MENU]);
    await say("3)", "not an e-mail", "Ana@Example.com");
    expect(await saidAfter(v.conversationId, 6)).toEqual([EMAIL_Q, `${INVALID}\n\n${EMAIL_Q}`, MENU]);

    const events = await eventsOf(boss, v.conversationId);
    expect(events.filter((e) => e.type === "field").map((e) => e.type === "field" && [e.field, e.value, e.actor])).toEqual([
      [{ kind: "attribute", key: "order_number" }, "A-123", { type: "bot", id: "menu", name: "Robô" }],
      [{ kind: "email" }, "ana@example.com", { type: "bot", id: "menu", name: "Robô" }],
    ]);
    // Every bot message carries the options for channels with buttons.
    const menus = events.filter((e) => e.type === "message" && e.actor.type === "bot" && e.content?.type === "options");
    expect(menus).toHaveLength(5);
    await eventually(async () => {
      const contact = await env.DB.prepare("SELECT email, attributes FROM contacts WHERE id = ?").bind(v.contactId).first<{ email: string; attributes: string }>();
      expect(contact!.email).toBe("ana@example.com");
      expect(JSON.parse(contact!.attributes)).toMatchObject({ order_number: "A-123" });
    });
    // Nine bot messages and still no first response: only an agent gives one.
    const last = await say("4");
    await projected(v.conversationId, last);
    expect(await saidAfter(v.conversationId, 9)).toEqual([HANDOFF]);
    expect(await statusRow(v.conversationId)).toEqual({ status: "open", team_id: finance, assignee_id: null, first_response_at: null });
    expect((await roomState(v.conversationId)).firstResponseAt).toBeNull();
    await eventually(async () => expect((await waitingIn(finance)).map((w) => w.id)).toContain(v.conversationId));

    // Open now: the bot is silent, the team answers.
    await say("alô?");
    expect(await saidAfter(v.conversationId, 10)).toEqual([]);
  });

  it("the human option, then resolved: the next message goes back to the bot, greeted again", async () => {
    const inbox = await botInbox();
    const v = await visitor(inbox.publicKey);
    const say = customer(v.token);
    await say("oi", "5");
    expect(await saidAfter(v.conversationId, 0)).toEqual([`${GREETING}\n\n${MENU}`, HANDOFF]);
    expect((await roomState(v.conversationId)).status).toBe("open");

    const reply = await call(`/api/v1/conversations/${v.conversationId}/messages`, { method: "POST", json: { body: "Oi, sou a Ana.", clientId: `a-${unique()}` }, client: boss });
    expect(reply.status, JSON.stringify(reply.body)).toBe(201);
    const answered = (await roomState(v.conversationId)).firstResponseAt;
    expect(answered).not.toBeNull();
    expect((await call(`/api/v1/conversations/${v.conversationId}/status`, { method: "POST", json: { status: "resolved" }, client: boss })).status).toBe(200);

    const seq = await say("voltei");
    expect(await saidAfter(v.conversationId, 2)).toEqual([`${GREETING}\n\n${MENU}`]);
    const state = await roomState(v.conversationId);
    expect(state.status).toBe("bot");
    expect(state.menu).toMatchObject({ pending: { kind: "menu" } });
    await projected(v.conversationId, seq + 1);
    expect((await statusRow(v.conversationId)).status).toBe("bot");
    const moves = (await eventsOf(boss, v.conversationId)).filter((e) => e.type === "status").map((e) => e.type === "status" && `${e.from}→${e.to}`);
    expect(moves).toEqual(["bot→open", "open→resolved", "resolved→bot"]);
  });

  it("a handoff word anywhere in the message, any case or accent, hands over", async () => {
    const inbox = await botInbox();
    const v = await visitor(inbox.publicKey);
    const say = customer(v.token);
    await say("oi", "Quero falar com um ATENDÊNTE!");
    expect(await saidAfter(v.conversationId, 0)).toEqual([`${GREETING}\n\n${MENU}`, HANDOFF]);
    expect((await roomState(v.conversationId)).status).toBe("open");
    // A word inside another is not the word.
    const w = await visitor(inbox.publicKey);
    await customer(w.token)("humanos");
    expect((await roomState(w.conversationId)).status).toBe("bot");
  });

  it("the widget's 'talk to a human' button hands over", async () => {
    const inbox = await botInbox();
    const v = await visitor(inbox.publicKey);
    await customer(v.token)("oi");
    const res = await call("/api/v1/widget/handoff", { method: "POST", headers: bearer(v.token) });
    expect(res.body).toEqual({ status: "open" });
    expect((await roomState(v.conversationId)).menu ?? null).toBeNull();
  });

  it("times out: the room's alarm hands over once the customer is silent past the bot's timeout", async () => {
    const inbox = await botInbox({ timeoutMinutes: 5 });
    const v = await visitor(inbox.publicKey);
    await customer(v.token)("oi", "2");
    const stub = env.CONVERSATION_ROOM.getByName(v.conversationId);
    // Four minutes in: the alarm runs, nothing changes.
    await backdateBot(v.conversationId, 4 * 60_000);
    await runDurableObjectAlarm(stub);
    expect((await roomState(v.conversationId)).status).toBe("bot");
    // Past five minutes: a person takes over.
    await backdateBot(v.conversationId, 61_000);
    expect(await runDurableObjectAlarm(stub)).toBe(true);
    expect(await saidAfter(v.conversationId, 2)).toEqual([HANDOFF]);
    expect((await roomState(v.conversationId)).status).toBe("open");
  });

  it("evicted in the middle of a question, the room resumes at the same question", async () => {
    const inbox = await botInbox();
    const v = await visitor(inbox.publicKey);
    const say = customer(v.token);
    await say("oi", "2");
    await evictDurableObject(env.CONVERSATION_ROOM.getByName(v.conversationId));
    await say("B-9");
    expect(await saidAfter(v.conversationId, 2)).toEqual([MENU]);
    await eventually(async () => {
      const contact = await env.DB.prepare("SELECT attributes FROM contacts WHERE id = ?").bind(v.contactId).first<{ attributes: string }>();
      expect(JSON.parse(contact!.attributes)).toMatchObject({ order_number: "B-9" });
    });
  });

  it("over the widget socket: the bot's answer follows the ack as events", async () => {
    const inbox = await botInbox();
    const v = await visitor(inbox.publicKey);
    const socket = await openSocket(await widgetSocketPath(v.token));
    socket.send({ type: "send", clientId: "s-1", body: "oi" });
    await socket.until((fs) => fs.some((f) => f.type === "event" && f.event.type === "message" && f.event.actor.type === "bot"));
    const bot = socket.frames.find((f) => f.type === "event" && f.event.type === "message" && f.event.actor.type === "bot");
    expect(bot).toMatchObject({ event: { body: `${GREETING}\n\n${MENU}`, actor: { type: "bot", id: "menu", name: "Robô" }, content: { type: "options", prompt: GREETING } } });
    socket.send({ type: "send", clientId: "s-2", body: "1" });
    await socket.until((fs) => fs.some((f) => f.type === "event" && f.event.type === "message" && f.event.body === HOURS));
    socket.close();
  });

  it("the bot switched off while a conversation waits for it: the next message goes to the team", async () => {
    const inbox = await botInbox();
    const v = await visitor(inbox.publicKey);
    await saveBot(boss, inbox.id, menuBot(finance, { enabled: false }));
    await customer(v.token)("oi");
    expect(await saidAfter(v.conversationId, 0)).toEqual([]);
    expect((await roomState(v.conversationId)).status).toBe("open");
  });
});

describe("an e-mail inbox", () => {
  it("cannot have a bot (its replies would lack the e-mail envelope): 409, nothing saved", async () => {
    const { emailInbox } = await import("../channels/email-receive-kit");
    const inbox = await emailInbox({ addresses: [`bot-${unique()}@mail.test`] });
    const menu = await call(`/api/v1/inboxes/${inbox.id}/bot`, { method: "PUT", json: menuBot(finance), client: boss });
    expect(menu.status).toBe(409);
    expect((await call(`/api/v1/inboxes/${inbox.id}/bot`, { client: boss })).body.bot).toBeNull();
    const agent = await call(`/api/v1/inboxes/${inbox.id}/agent-bot`, { method: "PUT", json: { enabled: true, name: "Bot", url: "https://bot.example.com/hook", handoffWords: [], handoffText: null }, client: boss });
    expect(agent.status).toBe(409);
  });
});
