/**
 * @module The route-level receipts suite for a Meta webhook inbox, run by
 * messenger-webhook-receipts.test.ts and instagram-webhook-receipts.test.ts: an agent's
 * reply goes out through the REST API and the room's delivery queue (the stand-in Graph
 * API answers with a mid), then signed receipt webhooks refer to that mid. Receipts out
 * of order never move a message backwards (in the room's events and in its D1 row), a
 * receipt before its message is kept and applied when the message appears, and
 * watermarks cover everything of ours up to their time.
 */
import { runDurableObjectAlarm } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { eventually } from "../assertions";
import { makeDueNow, queueRows } from "../channel-room-kit";
import { fakeProvider } from "../provider-fake";
import { GRAPH, graphError, sentAnswer } from "./meta-kit";
import { metaWorld, mid, ofType, type MetaKind, type MetaWorld } from "./meta-webhook-kit";

/** A world whose customer wrote, with the stand-in Graph API answering its sends. */
async function written(kind: MetaKind, answers: Response[]) {
  const w = await metaWorld(kind);
  await w.send(w.text(mid(), "oi, meu pedido?"));
  const graph = fakeProvider(GRAPH).on("POST", w.sendPath, answers);
  return { w, graph };
}

/** An agent's reply, once the provider took it (its mid is `providerId`). */
async function sentReply(w: MetaWorld, body: string): Promise<number> {
  const seq = await w.reply(body);
  await w.untilDelivery(seq, "sent");
  return seq;
}

/** Message `seq`'s delivery events in order, as "status" or "status: error". */
async function deliveries(w: MetaWorld, seq: number): Promise<string[]> {
  return ofType(await w.events(), "delivery")
    .filter((d) => d.messageSeq === seq)
    .map((d) => (d.error ? `${d.status}: ${d.error}` : d.status));
}

/** The receipt each product sends for "the customer read it": Messenger's read
 * watermark, Instagram's messaging_seen naming the message. */
function readReceipt(w: MetaWorld, providerId: string) {
  return w.kind === "messenger" ? w.read(Date.now()) : w.seen(providerId);
}

export function receiptsSuite(kind: MetaKind) {
  describe(`${kind} webhook: receipts never move a message backwards`, () => {
    it("read, then a late delivery receipt: stays read, in the room and in D1", async () => {
      const { w } = await written(kind, [sentAnswer("m_ours_read", "x")]);
      const seq = await sentReply(w, "seu pedido saiu 🚚");
      await w.send(readReceipt(w, "m_ours_read"));
      await w.send(w.delivered(Date.now(), ["m_ours_read"]));
      expect(await deliveries(w, seq)).toEqual(["sent", "read"]);
      await w.row(seq, { delivery_status: "read", provider_message_id: "m_ours_read" });
    });

    it("failed (the Send API refused it), then delivery and read receipts: stays failed with the reason", async () => {
      const { w } = await written(kind, [graphError(400, "(#100) No matching user found", 100)]);
      const seq = await w.reply("promoção imperdível");
      await w.untilDelivery(seq, "failed");
      await w.send(w.delivered(Date.now()), w.read(Date.now()));
      const [reason] = (await deliveries(w, seq)).map((d) => d.replace(/^failed: /, ""));
      expect(reason).toContain("No matching user found");
      expect(await deliveries(w, seq)).toEqual([`failed: ${reason}`]);
      const row = await w.row(seq, { delivery_status: "failed" });
      expect(JSON.parse(row.event).deliveryError).toBe(reason);
    });
  });

  describe(`${kind} webhook: a receipt before its message`, () => {
    it("is kept when it outruns our send's answer, and applied once the answer maps the mid", async () => {
      const { w } = await written(kind, [graphError(500, "temporarily down", 2), sentAnswer("m_early", "x")]);
      const seq = await w.reply("chegou rápido");
      const conversationId = await w.conversationId();
      await eventually(async () => expect(await queueRows(conversationId)).toMatchObject([{ seq, attempts: 1 }]));
      // Meta's receipt for the send whose answer we have not recorded yet.
      await w.send(w.delivered(Date.now(), ["m_early"]));
      expect(await deliveries(w, seq)).toEqual([]);
      await makeDueNow(conversationId);
      await runDurableObjectAlarm(env.CONVERSATION_ROOM.getByName(conversationId));
      await eventually(async () => expect(await deliveries(w, seq)).toEqual(["sent", "delivered"]));
      await w.row(seq, { delivery_status: "delivered", provider_message_id: "m_early" });
      // Applied once: the same receipt again changes nothing.
      await w.send(w.delivered(Date.now(), ["m_early"]));
      expect(await deliveries(w, seq)).toEqual(["sent", "delivered"]);
    });

    it("is kept for a message the page sent outside Switchboard, and applied when its echo arrives", async () => {
      const { w } = await written(kind, []);
      const phone = mid("m_phone");
      await w.send(w.delivered(Date.now(), [phone]));
      await w.send(w.echo(phone, "respondi pelo celular"));
      const echo = (await w.messages()).at(-1)!;
      expect(echo).toMatchObject({ body: "respondi pelo celular", actor: { type: "agent", id: null }, finalDelivery: "delivered" });
      await w.row(echo.seq, { delivery_status: "delivered", provider_message_id: phone });
    });
  });

  describe(`${kind} webhook: watermarks`, () => {
    it("delivers, then reads, every message of ours up to the watermark, and never moves one back", async () => {
      const { w } = await written(kind, [sentAnswer("m_w1", "x"), sentAnswer("m_w2", "x"), sentAnswer("m_w3", "x")]);
      const first = await sentReply(w, "um");
      const second = await sentReply(w, "dois");
      const mark = Date.now();
      await new Promise((r) => setTimeout(r, 5));
      const third = await sentReply(w, "três");

      if (kind === "messenger") {
        // Read up to `mark`: the first two. Then delivered up to now: only the third
        // moves. A late, older delivery watermark moves nothing.
        await w.send(w.read(mark));
        await w.send(w.delivered(Date.now()));
        await w.send(w.delivered(mark - 1));
      } else {
        // Instagram names the message seen; whoever saw the second saw the first. A late
        // receipt for the first, older, moves nothing.
        await w.send(w.seen("m_w2", mark));
        await w.send(w.seen("m_w1", mark - 1));
      }
      const thirdStatus = kind === "messenger" ? "delivered" : "sent";
      expect(await deliveries(w, first)).toEqual(["sent", "read"]);
      expect(await deliveries(w, second)).toEqual(["sent", "read"]);
      expect(await deliveries(w, third)).toEqual(kind === "messenger" ? ["sent", "delivered"] : ["sent"]);
      await w.row(first, { delivery_status: "read" });
      await w.row(second, { delivery_status: "read" });
      await w.row(third, { delivery_status: thirdStatus });
      // The customer's own message has no delivery state to move.
      expect((await w.messages())[0]).toMatchObject({ actor: { type: "contact" }, finalDelivery: null });
    });
  });
}
