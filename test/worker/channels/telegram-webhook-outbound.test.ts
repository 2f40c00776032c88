/**
 * A Telegram conversation's outbound side through the real routes: the customer blocks
 * the bot (my_chat_member kicked) → a reachability event, the next agent reply refused
 * 422 recipient_unreachable, and allowed again once they restart it; agents' replies go
 * out through the room's delivery queue exactly once — retried after a 500 and after a
 * 429 (no sooner than Telegram's retry_after), never sent again after success, and
 * failed for good with Telegram's reason on 403 "bot was blocked by the user".
 */
import { runDurableObjectAlarm } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { eventually, expectApiError } from "../assertions";
import { agentReplies, deliveriesOf, makeDueNow, queueRows } from "../channel-room-kit";
import { owner } from "../fixtures";
import type { Client } from "../http-client";
import { fakeProvider } from "../provider-fake";
import { eventsOf, messagesIn } from "./channel-world";
import { JOANA_CHAT, TG } from "./telegram-fixtures";
import { BOT_API, botError, sentAnswer } from "./telegram-kit";
import { now, onlyConversation, tgInbox, type TgInbox } from "./telegram-webhook-kit";

const CHAT = Number(JOANA_CHAT);

let boss: Client;
beforeAll(async () => {
  boss = await owner();
});

async function customerWrote(tg: TgInbox): Promise<string> {
  expect((await tg.deliver(now(TG.textEntities))).status).toBe(200);
  return (await onlyConversation(tg.inbox.id)).id;
}

const finalOf = async (conversationId: string, seq: number) => messagesIn(await eventsOf(boss, conversationId)).find((m) => m.seq === seq)!;

describe("the customer blocks the bot", () => {
  it("kicked: a reachability event, the next reply refused 422 recipient_unreachable and nothing sent; member: replies go again", async () => {
    const tg = await tgInbox();
    const conversationId = await customerWrote(tg);
    const bot = fakeProvider(BOT_API).on("POST", tg.method("sendMessage"), [], sentAnswer(CHAT, 77));
    expect((await tg.deliver(now(TG.kicked, "my_chat_member"))).status).toBe(200);
    expect((await tg.deliver(now(TG.kicked, "my_chat_member"))).status).toBe(200);
    const events = await eventsOf(boss, conversationId);
    expect(events.filter((e) => e.type === "reachability")).toMatchObject([{ reachable: false, reason: "blocked" }]);

    const refused = await agentReplies(boss, conversationId, "Oi Joana?");
    expectApiError(refused, 422, "recipient_unreachable");
    expect(bot.calls).toHaveLength(0);

    expect((await tg.deliver(now(TG.member, "my_chat_member"))).status).toBe(200);
    const sent = await agentReplies(boss, conversationId, "Bem-vinda de volta!");
    expect(sent.status).toBe(201);
    await eventually(async () => expect((await finalOf(conversationId, sent.body.seq)).finalDelivery).toBe("sent"));
    expect(bot.calls).toHaveLength(1);
    expect(JSON.parse(bot.calls[0]!.body)).toEqual({ chat_id: JOANA_CHAT, text: "Bem-vinda de volta!" });
  });

  it("403 bot was blocked by the user at send time: failed for good with Telegram's reason, sent once", async () => {
    const tg = await tgInbox();
    const conversationId = await customerWrote(tg);
    const bot = fakeProvider(BOT_API).on("POST", tg.method("sendMessage"), [], botError(403, "Forbidden: bot was blocked by the user"));
    const res = await agentReplies(boss, conversationId, "Olá?");
    expect(res.status).toBe(201);
    await eventually(async () => expect(await finalOf(conversationId, res.body.seq)).toMatchObject({ finalDelivery: "failed", finalError: "Forbidden: bot was blocked by the user" }));
    expect(await queueRows(conversationId)).toEqual([]);
    await runDurableObjectAlarm(env.CONVERSATION_ROOM.getByName(conversationId));
    expect(bot.calls).toHaveLength(1);
  });
});

describe("retries", () => {
  it("500 then success: sent on the retry, then never again", async () => {
    const tg = await tgInbox();
    const conversationId = await customerWrote(tg);
    const bot = fakeProvider(BOT_API).on("POST", tg.method("sendMessage"), [botError(500, "Internal Server Error"), sentAnswer(CHAT, 88)], sentAnswer(CHAT, 99));
    const res = await agentReplies(boss, conversationId, "Já verifico");
    const seq = res.body.seq as number;
    await eventually(async () => expect(await queueRows(conversationId)).toMatchObject([{ seq, attempts: 1, last_error: "Internal Server Error" }]));
    await makeDueNow(conversationId);
    await runDurableObjectAlarm(env.CONVERSATION_ROOM.getByName(conversationId));
    await eventually(async () => expect((await finalOf(conversationId, seq)).finalDelivery).toBe("sent"));
    await runDurableObjectAlarm(env.CONVERSATION_ROOM.getByName(conversationId));
    expect(bot.calls).toHaveLength(2);
    expect(deliveriesOf(await eventsOf(boss, conversationId), seq).map((d) => [d.status, d.providerMessageId])).toEqual([["sent", `${JOANA_CHAT}:88`]]);
  });

  it("429 with retry_after: not retried before Telegram's wait, then sent once", async () => {
    const tg = await tgInbox();
    const conversationId = await customerWrote(tg);
    const bot = fakeProvider(BOT_API).on("POST", tg.method("sendMessage"), [botError(429, "Too Many Requests: retry after 30", { retry_after: 30 }), sentAnswer(CHAT, 90)]);
    const before = Date.now();
    const res = await agentReplies(boss, conversationId, "Um momento");
    const seq = res.body.seq as number;
    const [row] = await eventually(async () => {
      const rows = await queueRows(conversationId);
      expect(rows).toMatchObject([{ seq, attempts: 1 }]);
      return rows;
    });
    expect(row!.next_at).toBeGreaterThanOrEqual(before + 30_000);
    // The alarm that fires early sends nothing.
    await runDurableObjectAlarm(env.CONVERSATION_ROOM.getByName(conversationId));
    expect(bot.calls).toHaveLength(1);
    await makeDueNow(conversationId);
    await runDurableObjectAlarm(env.CONVERSATION_ROOM.getByName(conversationId));
    await eventually(async () => expect((await finalOf(conversationId, seq)).finalDelivery).toBe("sent"));
    expect(bot.calls).toHaveLength(2);
  });
});
