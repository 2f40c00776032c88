/**
 * The menu bot on a WhatsApp inbox, in workerd with real D1 and rooms and Graph faked at
 * the fetch boundary: the customer's messages come through the signed webhook, the bot's
 * answers leave through the delivery queue (a menu of up to 3 options as reply buttons,
 * more as a list, the rest as text), a tapped button picks its option, and every option
 * kind, the handoff word, the timeout and the return after a resolve behave as on web chat.
 */
import { runDurableObjectAlarm } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { eventually } from "../assertions";
import { owner, projected } from "../fixtures";
import { call, type Client } from "../http-client";
import { fakeProvider } from "../provider-fake";
import { eventsOf, messagesIn } from "../channels/channel-world";
import { WA } from "../channels/whatsapp-fixtures";
import { GRAPH, sentAnswer } from "../channels/whatsapp-kit";
import { onlyConversation, waInbox, type WaInbox } from "../channels/whatsapp-webhook-kit";
import { newTeam, waitingIn } from "../queue-kit";
import { GREETING, HANDOFF, HOURS, INVALID, ORDER_Q, backdateBot, botSaid, menuBot, roomState, saveBot, statusRow } from "./menu-bot-kit";
import type { MenuBot } from "../../../worker/protocol";

const CUSTOMER = "5511987654321";
const MENU = "1. Horário\n2. Meu pedido\n3. Meu e-mail\n4. Financeiro\n5. Falar com um atendente";

let boss: Client;
let finance: string;
beforeAll(async () => {
  boss = await owner();
  finance = await newTeam(boss);
});

let wamids = 0;
/** The customer's message through the signed webhook, dated now (inside the service
 * window); `tap`: a reply button with that id and title instead of text. */
async function says(wa: WaInbox, text: string, tap?: { id: string; title: string }): Promise<void> {
  const update = JSON.parse(wa.body(WA.pywaText, [["972987654321", CUSTOMER]]));
  const message = update.entry[0].changes[0].value.messages[0];
  Object.assign(message, { id: `wamid.MENU-${Date.now()}-${++wamids}`, timestamp: String(Math.floor(Date.now() / 1000)) });
  if (tap) {
    delete message.text;
    Object.assign(message, { type: "interactive", interactive: { type: "button_reply", button_reply: tap } });
  } else message.text.body = text;
  expect((await wa.deliver(JSON.stringify(update))).status).toBe(200);
}

async function botInbox(bot: MenuBot) {
  const wa = await waInbox();
  await saveBot(boss, wa.inbox.id, bot);
  let n = 0;
  const graph = fakeProvider(GRAPH).on("POST", new RegExp(`/${wa.phoneNumberId}/messages$`), [], () => sentAnswer(`wamid.BOT-${wa.phoneNumberId}-${++n}`));
  const sent = () => graph.callsTo("POST", new RegExp(`/${wa.phoneNumberId}/messages$`)).map((c) => JSON.parse(c.body));
  return { wa, sent };
}

describe("menu bot on WhatsApp", () => {
  it("walks every option kind; the bot's answers go out on WhatsApp, the menu as a list", async () => {
    const { wa, sent } = await botInbox(menuBot(finance));
    await says(wa, "Oi");
    const conversation = await onlyConversation(wa.inbox.id);
    expect(conversation.status).toBe("bot");
    await says(wa, "qualquer coisa");
    await says(wa, "1");
    await says(wa, "2");
    await says(wa, "PED-77");

    await eventually(async () => expect(sent()).toHaveLength(6));
    const out = sent();
    // Five options: a list, the prompt as its body, the option numbers as row ids.
    expect(out[0]).toMatchObject({
      to: CUSTOMER,
      type: "interactive",
      interactive: { type: "list", body: { text: GREETING }, action: { button: "Menu", sections: [{ rows: [{ id: "1", title: "Horário" }, { id: "2", title: "Meu pedido" }, { id: "3", title: "Meu e-mail" }, { id: "4", title: "Financeiro" }, { id: "5", title: "Falar com um atendente" }] }] } },
    });
    expect(out[1]).toMatchObject({ type: "interactive", interactive: { body: { text: INVALID } } });
    expect(out[2]).toMatchObject({ type: "text", text: { body: HOURS } });
    expect(out[4]).toMatchObject({ type: "text", text: { body: ORDER_Q } });
    const events = await eventsOf(boss, conversation.id);
    expect(botSaid(events)).toEqual([`${GREETING}\n\n${MENU}`, `${INVALID}\n\n${MENU}`, HOURS, MENU, ORDER_Q, MENU]);
    await eventually(async () => expect(messagesIn(await eventsOf(boss, conversation.id)).filter((m) => m.actor.type === "bot").map((m) => m.finalDelivery)).toEqual(Array(6).fill("sent")));
    await eventually(async () => {
      const contact = await env.DB.prepare("SELECT attributes FROM contacts WHERE id = ?").bind(conversation.contact_id).first<{ attributes: string }>();
      expect(JSON.parse(contact!.attributes)).toMatchObject({ order_number: "PED-77" });
    });

    // A tap on the list's "Financeiro" row: to the team, open, in its queue; no first response.
    await says(wa, "", { id: "4", title: "Financeiro" });
    await eventually(async () => expect(await statusRow(conversation.id)).toEqual({ status: "open", team_id: finance, assignee_id: null, first_response_at: null }));
    await eventually(async () => expect((await waitingIn(finance)).map((w) => w.id)).toContain(conversation.id));
    await eventually(async () => expect(sent().at(-1)).toMatchObject({ type: "text", text: { body: HANDOFF } }));
  });

  it("three options go as reply buttons; a tapped button picks its option", async () => {
    const bot = menuBot(finance);
    const { wa, sent } = await botInbox({ ...bot, options: bot.options.slice(0, 2).concat(bot.options[4]!) });
    await says(wa, "Oi");
    await eventually(async () => expect(sent()).toHaveLength(1));
    expect(sent()[0]).toMatchObject({
      type: "interactive",
      interactive: { type: "button", body: { text: GREETING }, action: { buttons: [{ type: "reply", reply: { id: "1", title: "Horário" } }, { type: "reply", reply: { id: "2", title: "Meu pedido" } }, { type: "reply", reply: { id: "3", title: "Falar com um atenden" } }] } },
    });
    await says(wa, "", { id: "3", title: "Falar com um atenden" });
    const conversation = await onlyConversation(wa.inbox.id);
    await eventually(async () => expect((await statusRow(conversation.id)).status).toBe("open"));
  });

  it("the handoff word, then resolved: the next message greets again", async () => {
    const { wa, sent } = await botInbox(menuBot(finance));
    await says(wa, "Oi");
    await says(wa, "HUMANO, por favor");
    const conversation = await onlyConversation(wa.inbox.id);
    expect((await roomState(conversation.id)).status).toBe("open");
    expect((await call(`/api/v1/conversations/${conversation.id}/status`, { method: "POST", json: { status: "resolved" }, client: boss })).status).toBe(200);
    await says(wa, "Oi de novo");
    // The same conversation (within the reopen window), back with the bot.
    expect((await onlyConversation(wa.inbox.id)).id).toBe(conversation.id);
    expect((await roomState(conversation.id)).status).toBe("bot");
    await eventually(async () => expect(sent()).toHaveLength(3));
    expect(sent().map((b) => b.type)).toEqual(["interactive", "text", "interactive"]);
  });

  it("times out into the team's hands, the handoff text sent on WhatsApp", async () => {
    const { wa, sent } = await botInbox(menuBot(finance, { timeoutMinutes: 1 }));
    await says(wa, "Oi");
    const conversation = await onlyConversation(wa.inbox.id);
    await eventually(async () => expect(sent()).toHaveLength(1));
    await backdateBot(conversation.id, 60_001);
    await runDurableObjectAlarm(env.CONVERSATION_ROOM.getByName(conversation.id));
    expect((await roomState(conversation.id)).status).toBe("open");
    await eventually(async () => expect(sent().at(-1)).toMatchObject({ type: "text", text: { body: HANDOFF } }));
    const seq = (await roomState(conversation.id)).lastSeq;
    await projected(conversation.id, seq);
    expect((await statusRow(conversation.id)).first_response_at).toBeNull();
  });
});
