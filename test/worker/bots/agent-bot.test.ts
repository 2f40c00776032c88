/**
 * Agent bots end to end in workerd (real rooms, pipeline, D1 and WebhookOutbox; only the
 * bot's HTTP is fake, at the fetch boundary): settings with the secret shown once and one
 * bot per inbox; a new conversation starts in `bot`; each customer message reaches the
 * bot signed, once, in order; the bot's reply through the API with an inbox-limited token
 * is stored as the bot and never counts as a first response; a handoff word and the
 * bot's own `status: open` put the conversation in the team's queue; after a resolve the
 * next message goes to the bot again; a failing bot is retried and gets each call once.
 */
import { env } from "cloudflare:workers";
import { evictDurableObject } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { eventually } from "../assertions";
import { owner, projected } from "../fixtures";
import { bearer, call, type Client } from "../http-client";
import { unique } from "../route-table";
import { newTeam, waitingIn } from "../queue-kit";
import { makeToken } from "../token-kit";
import { verifySignature } from "../../../worker/webhooks/signature";
import { AgentBotMessagePayload, type AgentBot } from "../../../worker/protocol";
import { advance, receiver } from "../webhooks/webhook-kit";
import { botSaid, menuBot, roomState, saveBot, statusRow } from "./menu-bot-kit";
import { eventsOf } from "../channels/channel-world";

const HANDOFF = "Vou chamar um atendente.";
let boss: Client;
let team: string;
beforeAll(async () => {
  boss = await owner();
  team = await newTeam(boss);
});

const agentBot = (url: string, extra: Partial<AgentBot> = {}): AgentBot => ({ enabled: true, name: "Robô IA", url, handoffWords: ["atendente", "humano"], handoffText: HANDOFF, ...extra });

async function saveAgentBot(inboxId: string, bot: AgentBot & { rollSecret?: boolean }) {
  return call(`/api/v1/inboxes/${inboxId}/agent-bot`, { method: "PUT", json: bot, client: boss });
}

/** A web chat inbox of `team` with an agent bot at a fresh fake receiver. */
async function botInbox(answers: Parameters<typeof receiver>[0] = []) {
  const res = await call("/api/v1/inboxes", { method: "POST", json: { kind: "webchat", name: `Site ${unique()}`, teamId: team }, client: boss });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  const inbox: { id: string; publicKey: string } = res.body;
  const r = receiver(answers);
  const saved = await saveAgentBot(inbox.id, agentBot(r.url));
  expect(saved.status, JSON.stringify(saved.body)).toBe(200);
  const token = await makeToken(boss, { scopes: ["messages:write", "status:write", "conversations:read"], inboxIds: [inbox.id] });
  return { inbox, receiver: r, secret: saved.body.secret as string, token };
}

async function visitorOf(publicKey: string) {
  const res = await call("/api/v1/widget/sessions", { method: "POST", json: { inbox: publicKey }, headers: { "CF-Connecting-IP": `10.9.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}` } });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body as { token: string; conversationId: string };
}

const says = async (token: string, body: string): Promise<number> => {
  const res = await call("/api/v1/widget/messages", { method: "POST", json: { body, clientId: `c-${crypto.randomUUID()}` }, headers: bearer(token) });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.seq;
};

const bodiesFor = (r: ReturnType<typeof receiver>, conversationId: string) =>
  r.received().filter((d) => d.body.conversation.id === conversationId).map((d) => d.body.message.body as string);

describe("agent bot settings", () => {
  it("shows the secret once, never on read; a roll makes a new one", async () => {
    const { inbox, secret } = await botInbox();
    expect(secret).toMatch(/^whsec_/);
    const read = await call(`/api/v1/inboxes/${inbox.id}/agent-bot`, { client: boss });
    expect(read.status).toBe(200);
    expect(read.body.secret).toBeUndefined();
    expect(JSON.stringify(read.body)).not.toContain(secret);
    const again = await saveAgentBot(inbox.id, agentBot("https://bot.example.com/x"));
    expect(again.body.secret).toBeUndefined();
    const rolled = await saveAgentBot(inbox.id, { ...agentBot("https://bot.example.com/x"), rollSecret: true });
    expect(rolled.body.secret).toMatch(/^whsec_/);
    expect(rolled.body.secret).not.toBe(secret);
    const row = await env.DB.prepare("SELECT agent_bot_secret FROM inboxes WHERE id = ?").bind(inbox.id).first<{ agent_bot_secret: string }>();
    expect(row!.agent_bot_secret).not.toContain(rolled.body.secret);
  });

  it("an inbox has the menu bot or an agent bot on, not both (409 either way)", async () => {
    const { inbox } = await botInbox();
    const menu = await call(`/api/v1/inboxes/${inbox.id}/bot`, { method: "PUT", json: menuBot(team), client: boss });
    expect(menu.status).toBe(409);
    expect(menu.body.error.code).toBe("conflict");
    expect((await saveAgentBot(inbox.id, agentBot("https://bot.example.com/x", { enabled: false }))).status).toBe(200);
    await saveBot(boss, inbox.id, menuBot(team));
    const back = await saveAgentBot(inbox.id, agentBot("https://bot.example.com/x"));
    expect(back.status).toBe(409);
    const stored = await call(`/api/v1/inboxes/${inbox.id}/agent-bot`, { client: boss });
    expect(stored.body.bot.enabled).toBe(false);
  });

  it("refuses a URL the SSRF guard refuses, writing nothing", async () => {
    const { inbox, receiver: r } = await botInbox();
    const res = await saveAgentBot(inbox.id, agentBot("https://169.254.169.254/latest"));
    expect(res.status).toBe(400);
    expect(res.body.error.issues[0].path).toEqual(["url"]);
    expect((await call(`/api/v1/inboxes/${inbox.id}/agent-bot`, { client: boss })).body.bot.url).toBe(r.url);
  });
});

describe("agent bot conversations", () => {
  it("starts in `bot`; the bot gets each customer message signed, in order, once; its API reply is stored as the bot and is no first response", async () => {
    const { inbox, receiver: r, secret, token } = await botInbox();
    const v = await visitorOf(inbox.publicKey);
    expect((await statusRow(v.conversationId)).status).toBe("bot");
    await says(v.token, "oi");
    await says(v.token, "meu pedido não chegou");
    const got = await eventually(async () => {
      const mine = r.received().filter((d) => d.body.conversation.id === v.conversationId);
      expect(mine.map((d) => d.body.message.body)).toEqual(["oi", "meu pedido não chegou"]);
      return mine;
    });
    for (const d of got) {
      expect(await verifySignature(secret, d.raw, d.signature, Date.now())).toBe(true);
      expect(await verifySignature("whsec_wrong", d.raw, d.signature, Date.now())).toBe(false);
      expect(d.eventHeader).toBe("agent_bot.message");
      expect(d.deliveryHeader).toBe(d.id);
      expect(AgentBotMessagePayload.safeParse(d.body).success).toBe(true);
      expect(d.body.conversation).toMatchObject({ id: v.conversationId, inboxId: inbox.id, status: "bot" });
    }
    const reply = await call(`/api/v1/conversations/${v.conversationId}/messages`, { method: "POST", json: { body: "Qual o número do pedido?", clientId: `bot-${unique()}` }, headers: bearer(token.secret) });
    expect(reply.status, JSON.stringify(reply.body)).toBe(201);
    const events = (await eventsOf(boss, v.conversationId));
    const botMessage = events.find((e) => e.type === "message" && e.body === "Qual o número do pedido?")!;
    expect(botMessage.actor).toEqual({ type: "bot", id: token.id, name: expect.any(String) });
    const state = await roomState(v.conversationId);
    expect(state.status).toBe("bot");
    expect(state.firstResponseAt).toBeNull();
    await projected(v.conversationId, reply.body.seq);
    expect((await statusRow(v.conversationId)).first_response_at).toBeNull();
    // The bot's own message is not sent back to it.
    await says(v.token, "123");
    await eventually(async () => expect(bodiesFor(r, v.conversationId)).toEqual(["oi", "meu pedido não chegou", "123"]));
  });

  it("a handoff word hands over to the team's queue and is not sent to the bot; later messages go to people", async () => {
    const { inbox, receiver: r } = await botInbox();
    const v = await visitorOf(inbox.publicKey);
    await says(v.token, "oi");
    const seq = await says(v.token, "quero falar com um ATENDENTE");
    const state = await roomState(v.conversationId);
    expect(state.status).toBe("open");
    expect(botSaid((await eventsOf(boss, v.conversationId)))).toEqual([HANDOFF]);
    await eventually(async () => expect((await waitingIn(team)).map((w) => w.id)).toContain(v.conversationId));
    await says(v.token, "alô?");
    await projected(v.conversationId, seq + 3);
    await eventually(async () => expect(bodiesFor(r, v.conversationId)).toEqual(["oi"]));
  });

  it("the bot hands over with status open (status:write); resolved, the next message goes to the bot again", async () => {
    const { inbox, receiver: r, token } = await botInbox();
    const v = await visitorOf(inbox.publicKey);
    await says(v.token, "oi");
    const handover = await call(`/api/v1/conversations/${v.conversationId}/status`, { method: "POST", json: { status: "open" }, headers: bearer(token.secret) });
    expect(handover.status, JSON.stringify(handover.body)).toBe(200);
    expect((await roomState(v.conversationId)).status).toBe("open");
    await eventually(async () => expect((await waitingIn(team)).map((w) => w.id)).toContain(v.conversationId));
    await says(v.token, "ainda aí?");
    expect((await call(`/api/v1/conversations/${v.conversationId}/status`, { method: "POST", json: { status: "resolved" }, client: boss })).status).toBe(200);
    await says(v.token, "voltei");
    expect((await roomState(v.conversationId)).status).toBe("bot");
    await eventually(async () => expect(bodiesFor(r, v.conversationId)).toEqual(["oi", "voltei"]));
  });

  it("the widget's 'talk to a human' button hands over", async () => {
    const { inbox } = await botInbox();
    const v = await visitorOf(inbox.publicKey);
    await says(v.token, "oi");
    const res = await call("/api/v1/widget/handoff", { method: "POST", headers: bearer(v.token) });
    expect(res.body).toEqual({ status: "open" });
  });

  it("a token limited to another inbox cannot answer for the bot", async () => {
    const { inbox } = await botInbox();
    const other = await botInbox();
    const v = await visitorOf(inbox.publicKey);
    const res = await call(`/api/v1/conversations/${v.conversationId}/messages`, { method: "POST", json: { body: "x", clientId: `bot-${unique()}` }, headers: bearer(other.token.secret) });
    expect([403, 404]).toContain(res.status);
  });

  it("a bot answering 500 is retried and gets the message once it is up, with the same delivery id; eviction loses nothing", async () => {
    const { inbox, receiver: r } = await botInbox([new Response("down", { status: 500 })]);
    const v = await visitorOf(inbox.publicKey);
    await says(v.token, "oi");
    await eventually(async () => expect(r.fake.calls.length).toBe(1));
    const name = `agent-bot:${inbox.id}`;
    await evictDurableObject(env.WEBHOOK_OUTBOX.getByName(name));
    await advance(name, 60_000);
    await eventually(async () => expect(r.received().length).toBe(2));
    const [first, second] = r.received();
    expect(second!.id).toBe(first!.id);
    expect(await env.WEBHOOK_OUTBOX.getByName(name).pending()).toBe(0);
  });

  it("switched off: a waiting conversation's next message goes to people, not to the bot", async () => {
    const { inbox, receiver: r } = await botInbox();
    const v = await visitorOf(inbox.publicKey);
    await saveAgentBot(inbox.id, agentBot(r.url, { enabled: false }));
    // The room reads its inbox at most once a minute; a fresh room reads it now.
    await evictDurableObject(env.CONVERSATION_ROOM.getByName(v.conversationId));
    await says(v.token, "oi");
    expect((await roomState(v.conversationId)).status).toBe("open");
    expect(r.received()).toEqual([]);
  });
});
