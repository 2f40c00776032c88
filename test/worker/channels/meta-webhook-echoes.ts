/**
 * @module The route-level suite of what Meta's webhooks carry beyond customers' messages,
 * run for Messenger and Instagram (messenger-webhook-echoes.test.ts,
 * instagram-webhook-echoes.test.ts): echoes of our own sends dropped while what the
 * company wrote from the page inbox or its phone is stored as an agent's message; unsends
 * (text erased unless the inbox keeps it); reactions to our messages.
 */
import { runDurableObjectAlarm } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { eventually } from "../assertions";
import { makeDueNow, queueRows } from "../channel-room-kit";
import { fakeProvider } from "../provider-fake";
import { messengerBodies } from "./meta-fixtures";
import { APP_ID, GRAPH, graphError, sentAnswer } from "./meta-kit";
import { metaWorld, mid, ofType, type MetaKind, type MetaWorld } from "./meta-webhook-kit";

/** The Page inbox's (Meta Business Suite's) own app id, as Meta stamps its echoes. */
const PAGE_INBOX_APP_ID = 263902037430900;

/** A world whose customer wrote and whose agent's reply went out as `providerId`. */
async function replied(kind: MetaKind, providerId: string, settings: Record<string, unknown> = {}) {
  const w = await metaWorld(kind, settings);
  await w.send(w.text(mid(), "oi"));
  const graph = fakeProvider(GRAPH).on("POST", w.sendPath, [sentAnswer(providerId, w.customer)]);
  const seq = await w.reply("Olá! Como posso ajudar?");
  await w.untilDelivery(seq, "sent");
  const ours = (await w.messages()).find((m) => m.seq === seq)!;
  return { w, graph, seq, ours };
}

async function bodies(w: MetaWorld) {
  return (await w.messages()).map((m) => `${m.actor.type}: ${m.body}`);
}

export function echoesSuite(kind: MetaKind) {
  describe(`${kind} webhook: echoes`, () => {
    it("drops the echo of our own send: by our app id with our message id, by our app id alone, by a mid we hold", async () => {
      const { w, graph, ours } = await replied(kind, "m_our_send");
      if (kind === "messenger") {
        // Messenger's sends carry our message id as metadata, and Meta echoes it back.
        expect(JSON.parse(graph.calls[0]!.body).message.metadata).toBe(ours.id);
        await w.send(w.echo("m_our_send", ours.body, { app_id: Number(APP_ID), metadata: ours.id }));
      }
      // Instagram's send takes no metadata: our app id alone marks the echo as ours.
      await w.send(w.echo("m_our_send", ours.body, { app_id: Number(APP_ID) }));
      // Another app's echo of a message we hold is that message, not a new one.
      await w.send(w.echo("m_our_send", ours.body, { app_id: PAGE_INBOX_APP_ID }));
      expect(await bodies(w)).toEqual(["contact: oi", "agent: Olá! Como posso ajudar?"]);
    });

    it("stores what the company wrote from the page inbox or its phone as an agent's message, already sent, once", async () => {
      const w = await metaWorld(kind);
      await w.send(w.text(mid(), "oi"));
      const fromInbox = mid("m_inbox");
      const fromPhone = mid("m_phone");
      const inboxEcho = w.echo(fromInbox, "Respondido pela caixa de entrada 📥", { app_id: PAGE_INBOX_APP_ID, metadata: "not-ours" });
      const phoneEcho = w.echo(fromPhone, "Respondi pelo celular 📱");
      await w.send(inboxEcho, phoneEcho);
      await w.send(inboxEcho);
      const messages = await w.messages();
      expect(messages.slice(1)).toMatchObject([
        { actor: { type: "agent", id: null }, body: "Respondido pela caixa de entrada 📥", providerMessageId: fromInbox, finalDelivery: "sent" },
        { actor: { type: "agent", id: null }, body: "Respondi pelo celular 📱", providerMessageId: fromPhone, finalDelivery: "sent" },
      ]);
      await w.row(messages[1]!.seq, { delivery_status: "sent", provider_message_id: fromInbox });
    });

    // Messenger only: Instagram's send takes no metadata, so its echo cannot name our message.
    if (kind === "messenger") it("settles a send whose answer was lost when its echo names it: sent, and never sent again", async () => {
      const w = await metaWorld(kind);
      await w.send(w.text(mid(), "oi"));
      const graph = fakeProvider(GRAPH).on("POST", w.sendPath, [graphError(500, "timeout", 2)], sentAnswer("m_twice", w.customer));
      const seq = await w.reply("só uma vez");
      const conversationId = await w.conversationId();
      await eventually(async () => expect(await queueRows(conversationId)).toMatchObject([{ seq, attempts: 1 }]));
      const ours = (await w.messages()).find((m) => m.seq === seq)!;
      await w.send(w.echo("m_lost_answer", "só uma vez", { app_id: Number(APP_ID), metadata: ours.id }));
      expect((await w.messages()).find((m) => m.seq === seq)).toMatchObject({ finalDelivery: "sent" });
      expect(await queueRows(conversationId)).toEqual([]);
      await makeDueNow(conversationId);
      await runDurableObjectAlarm(env.CONVERSATION_ROOM.getByName(conversationId));
      expect(graph.callsTo("POST", w.sendPath)).toHaveLength(1);
      await w.row(seq, { delivery_status: "sent", provider_message_id: "m_lost_answer" });
      expect(await bodies(w)).toEqual(["contact: oi", "agent: só uma vez"]);
    });

    it("does not let another app's echo pass for ours by naming one of our message ids", async () => {
      const { w, ours } = await replied(kind, "m_ours_named");
      const other = mid("m_other_app");
      await w.send(w.echo(other, "enviado por outro app", { app_id: PAGE_INBOX_APP_ID, metadata: ours.id }));
      expect(await bodies(w)).toEqual(["contact: oi", "agent: Olá! Como posso ajudar?", "agent: enviado por outro app"]);
    });
  });

  describe(`${kind} webhook: unsends`, () => {
    it("marks the message unsent and erases its text when the inbox does not keep unsent text", async () => {
      const w = await metaWorld(kind);
      const m = mid();
      await w.send(w.text(m, "meu CPF é 123.456.789-00"));
      await w.send(w.unsend(m));
      await w.send(w.unsend(m));
      const events = await w.events();
      const [message] = ofType(events, "message");
      expect(message).toMatchObject({ body: "", providerMessageId: m });
      expect(ofType(events, "unsend")).toMatchObject([{ messageSeq: message!.seq, erased: true }]);
      expect(JSON.stringify(events)).not.toContain("123.456.789");
      const row = await w.row(message!.seq, { body: "" });
      expect(JSON.parse(row.event).unsendSeq).toBeGreaterThan(message!.seq);
    });

    it("keeps the text for the agents, marked unsent, when the inbox keeps unsent text", async () => {
      const w = await metaWorld(kind, { keepUnsentText: true });
      const m = mid();
      await w.send(w.text(m, "mensagem apagada"));
      await w.send(w.unsend(m));
      const events = await w.events();
      const [message] = ofType(events, "message");
      expect(message).toMatchObject({ body: "mensagem apagada" });
      expect(ofType(events, "unsend")).toMatchObject([{ messageSeq: message!.seq, erased: false }]);
      // D1 trails the room: wait for the unsend's update, not just the message's insert.
      await eventually(async () => {
        const row = await w.row(message!.seq, { body: "mensagem apagada" });
        expect(JSON.parse(row.event).unsendSeq).toBeGreaterThan(message!.seq);
      });
    });
  });

  // Messenger only: Instagram sends no message_edit webhook.
  if (kind === "messenger") describe(`${kind} webhook: edits`, () => {
    it("stores a customer's edit once, with the new text, in the room and in D1", async () => {
      const w = await metaWorld(kind);
      await w.send(w.text("m_edit1", "às 15h"));
      const edit = w.fixture(messengerBodies.messageEdit);
      expect((await w.deliver(edit)).status).toBe(200);
      expect((await w.deliver(edit)).status).toBe(200);
      const events = await w.events();
      const [message] = ofType(events, "message");
      expect(ofType(events, "edit")).toMatchObject([{ messageSeq: message!.seq, body: "Corrigido: às 16h 🙂" }]);
      await w.row(message!.seq, { body: "Corrigido: às 16h 🙂" });
    });
  });

  describe(`${kind} webhook: reactions`, () => {
    it("stores a reaction to our message once, and its removal", async () => {
      const { w, seq } = await replied(kind, "m_liked");
      await w.send(w.reaction("m_liked", "❤️"));
      await w.send(w.reaction("m_liked", "❤️"));
      await w.send(w.reaction("m_liked", null));
      const reactions = ofType(await w.events(), "reaction");
      expect(reactions).toMatchObject([
        { messageSeq: seq, emoji: "❤️", actor: { type: "contact" } },
        { messageSeq: seq, emoji: null },
      ]);
      await eventually(async () => expect(JSON.parse((await w.row(seq)).event)).toMatchObject({ reaction: null, reactionSeq: reactions[1]!.seq }));
    });
  });
}
