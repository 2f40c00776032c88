/**
 * Revocation by keyword and opt-in by template button (issue 16), through the real
 * webhook routes, the room, the event pipeline and D1, with only the providers' APIs
 * faked at the fetch boundary:
 * - "SAIR" on WhatsApp revokes marketing on WhatsApp (source keyword, the customer as
 *   recorder, the message as evidence) and is acknowledged once, in pt-BR; a second one
 *   ("Sáir ", any case and accents) records nothing and sends nothing; "descadastrar" and
 *   "STOP" count too (STOP answered in English);
 * - a pipeline batch delivered again adds no record and no second reply;
 * - an SMS STOP makes the carrier-level reachability event AND the ledger's revocation;
 *   START makes the customer reachable again but grants nothing;
 * - a tap on a template's `sb-consent:<key>` button records a grant.
 */
import { runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import type { ConsentRecord, ContactConsent } from "../../../worker/protocol";
import { findConversation } from "../../../worker/db/conversations";
import { seedOf, type RoomState } from "../../../worker/conversation/commands";
import { optOutAck } from "../../../worker/consent/keyword-ack";
import { consentButtonPayload } from "../../../worker/consent/template-button";
import { eventually } from "../assertions";
import { owner } from "../fixtures";
import { call, type Client } from "../http-client";
import { fakeProvider } from "../provider-fake";
import { projectorOf, roomOutbox } from "../pipeline-kit";
import { db, eventsOf, messagesIn } from "../channels/channel-world";
import { GRAPH, sentAnswer } from "../channels/whatsapp-kit";
import { WA } from "../channels/whatsapp-fixtures";
import { onlyConversation, waInbox, type WaInbox } from "../channels/whatsapp-webhook-kit";
import { TW, TWILIO, messageSid, twInbox, withParams } from "../channels/twilio-kit";

let boss: Client;
beforeAll(async () => {
  boss = await owner();
});

let counter = 0;
/** A WhatsApp text from one customer of `wa`, sent now (inside the service window). */
function waText(wa: WaInbox, phone: string, body: string) {
  const id = `wamid.consent${Date.now()}${++counter}`;
  return { id, send: () => wa.send(WA.pywaText, [["Body Text", body], ["wamid.xyzxyz", id], ["1697043223", String(Math.floor(Date.now() / 1000))], ["972987654321", phone]]) };
}

async function whatsappCustomer() {
  const wa = await waInbox();
  const graph = fakeProvider(GRAPH).on("POST", new RegExp(`/${wa.phoneNumberId}/messages$`), [], sentAnswer("wamid.ack"));
  const phone = `5511${String(Date.now()).slice(-7)}${counter % 10}`;
  return { wa, graph, phone, say: async (body: string) => {
    const m = waText(wa, phone, body);
    expect((await m.send()).status).toBe(200);
    const conversation = await onlyConversation(wa.inbox.id);
    // The batch is through the pipeline (every committed listener, the ledger's included).
    await eventually(async () => expect(await roomOutbox(conversation.id)).toBe(0));
    return { conversation, messageId: (await eventsOf(boss, conversation.id)).find((e) => e.type === "message" && e.providerMessageId === m.id)!.id };
  } };
}

const ledgerOf = async (contactId: string) => (await call(`/api/v1/contacts/${contactId}/consent`, { client: boss })).body as ContactConsent;
const grant = (contactId: string, channel: string) =>
  call(`/api/v1/contacts/${contactId}/consent`, { method: "POST", client: boss, json: { channel, purposeId: "purpose_marketing", action: "grant", source: "agent" } });
const keywordRecords = (records: ConsentRecord[]) => records.filter((r) => r.source === "keyword");
/** The acknowledgements stored in the conversation, each with its delivery folded in. */
const acksIn = async (conversationId: string) => messagesIn(await eventsOf(boss, conversationId)).filter((m) => m.actor.type === "bot" && m.actor.id === "consent");

describe("SAIR on WhatsApp", () => {
  it("revokes marketing on WhatsApp with the message as evidence, acknowledged once in pt-BR; a second 'Sáir ' records and sends nothing", async () => {
    const c = await whatsappCustomer();
    const first = await c.say("oi, quero ofertas");
    const contactId = first.conversation.contact_id;
    expect((await grant(contactId, "any")).status).toBe(201);

    const sair = await c.say("SAIR");
    const ledger = await ledgerOf(contactId);
    const revoked = keywordRecords(ledger.records);
    // One per marketing purpose (the seeded one, and any other test file's: storage is per file).
    expect(revoked.map((r) => [r.purposeId, r.channel, r.action, r.recordedBy.type, r.recordedBy.id, r.evidence])).toEqual([["purpose_marketing", "whatsapp", "revoke", "contact", contactId, sair.messageId]]);
    expect(ledger.states.find((s) => s.channel === "whatsapp" && s.purposeId === "purpose_marketing")).toMatchObject({ granted: false });
    // Other channels keep the 'any' grant.
    expect(ledger.states.find((s) => s.channel === "any")).toMatchObject({ granted: true });
    await eventually(async () => expect(c.graph.callsTo("POST", /\/messages$/)).toHaveLength(1));
    const sent = JSON.parse(c.graph.calls[0]!.body);
    expect(sent).toMatchObject({ to: c.phone, type: "text", text: { body: optOutAck("pt-BR") } });

    await c.say("Sáir ");
    expect(keywordRecords((await ledgerOf(contactId)).records)).toHaveLength(1);
    expect(await acksIn(sair.conversation.id)).toHaveLength(1);
    // Whatever the delivery queue holds has gone out by now: still the one reply.
    await eventually(async () => expect((await acksIn(sair.conversation.id)).map((m) => m.finalDelivery)).toEqual(["sent"]));
    expect(c.graph.callsTo("POST", /\/messages$/)).toHaveLength(1);
  });

  it("'descadastrar' with no consent on record: the revocation is recorded (evidence of the request) and acknowledged", async () => {
    const c = await whatsappCustomer();
    const { conversation, messageId } = await c.say("descadastrar");
    const records = keywordRecords((await ledgerOf(conversation.contact_id)).records);
    expect(records.map((r) => [r.action, r.evidence])).toEqual([["revoke", messageId]]);
    await eventually(async () => expect(c.graph.callsTo("POST", /\/messages$/)).toHaveLength(1));
  });

  it("STOP is answered in English; a message that merely contains the word is not an opt-out", async () => {
    const c = await whatsappCustomer();
    const { conversation } = await c.say("please stop sending me the invoice twice");
    expect((await ledgerOf(conversation.contact_id)).records).toEqual([]);
    await c.say("  stop ");
    expect(keywordRecords((await ledgerOf(conversation.contact_id)).records)).toHaveLength(1);
    await eventually(async () => expect(c.graph.callsTo("POST", /\/messages$/)).toHaveLength(1));
    expect(JSON.parse(c.graph.calls[0]!.body).text.body).toBe(optOutAck("en"));
  });
});

describe("the pipeline delivers the batch again", () => {
  it("no second record and no second reply", async () => {
    const c = await whatsappCustomer();
    const { conversation } = await c.say("PARAR");
    await eventually(async () => expect(c.graph.callsTo("POST", /\/messages$/)).toHaveLength(1));
    const before = (await ledgerOf(conversation.contact_id)).records;
    expect(keywordRecords(before)).toHaveLength(1);

    // The room hands the same events over again, as after a lost answer.
    const row = (await findConversation(db, conversation.id))!;
    const room = env.CONVERSATION_ROOM.getByName(conversation.id);
    const history = await room.history(seedOf(row), 0, 100, "agent");
    const state = await runState(conversation.id);
    await projectorOf(conversation.id).accept(state, history.events.filter((e) => e.type === "message" && e.actor.type === "contact"));
    await projectorOf(conversation.id).accept(state, history.events);

    expect((await ledgerOf(conversation.contact_id)).records).toEqual(before);
    expect(await acksIn(conversation.id)).toHaveLength(1);
    await eventually(async () => expect(await roomOutbox(conversation.id)).toBe(0));
    expect(c.graph.callsTo("POST", /\/messages$/)).toHaveLength(1);
  });
});

/** The room's full state, as it hands it to the pipeline. */
async function runState(conversationId: string) {
  return runInDurableObject(env.CONVERSATION_ROOM.getByName(conversationId), (room) => (room as unknown as { requireState: () => RoomState }).requireState());
}

describe("SMS", () => {
  it("STOP makes the reachability event (replies refused) and the ledger's revocation; no reply of ours goes out; START grants nothing", async () => {
    const twilio = fakeProvider(TWILIO).on("POST", /\/Messages\.json$/, [], Response.json({ sid: messageSid(), status: "queued" }, { status: 201 }));
    const tw = await twInbox();
    const customer = `+55119${String(Date.now()).slice(-8)}`;
    const sms = (body: string) => tw.deliver(withParams(TW.sms, { Body: body, From: customer, MessageSid: messageSid() }));
    expect((await sms("oi")).status).toBe(200);
    const conversation = await onlyConversation(tw.inbox.id);
    expect((await grant(conversation.contact_id, "sms")).status).toBe(201);

    expect((await sms("STOP")).status).toBe(200);
    await eventually(async () => expect(await roomOutbox(conversation.id)).toBe(0));
    const events = await eventsOf(boss, conversation.id);
    expect(events.filter((e) => e.type === "reachability").map((e) => e.type === "reachability" && e.reachable)).toEqual([false]);
    const stop = events.find((e) => e.type === "message" && e.body === "STOP")!;
    const ledger = await ledgerOf(conversation.contact_id);
    expect(keywordRecords(ledger.records).map((r) => [r.channel, r.action, r.evidence])).toEqual([["sms", "revoke", stop.id]]);
    expect(ledger.states.find((s) => s.channel === "sms")).toMatchObject({ granted: false });
    const reply = await call(`/api/v1/conversations/${conversation.id}/messages`, { method: "POST", client: boss, json: { body: "olá?", clientId: crypto.randomUUID() } });
    expect(reply.status).toBe(422);
    expect(await acksIn(conversation.id)).toEqual([]);
    expect(twilio.calls).toEqual([]);

    expect((await sms("START")).status).toBe(200);
    await eventually(async () => expect(await roomOutbox(conversation.id)).toBe(0));
    const after = await ledgerOf(conversation.contact_id);
    expect(after.records).toHaveLength(ledger.records.length);
    expect(after.states.find((s) => s.channel === "sms")).toMatchObject({ granted: false });
  });
});

describe("a template's opt-in button", () => {
  it("a tap on sb-consent:<key> records a grant on WhatsApp with the message as evidence; an unknown key records nothing", async () => {
    const wa = await waInbox();
    fakeProvider(GRAPH).on("POST", /\/messages$/, [], sentAnswer("wamid.none"));
    const now = String(Math.floor(Date.now() / 1000));
    const tap = (payload: string, id: string) => wa.send(WA.buttonTemplateReply, [["FALAR_COM_ATENDENTE", payload], ["wamid.HBgNNTUxMTk4NzY1NDMyMRUCABIYFDNBMjATPLBT1", id], ["1796212809", now]]);
    expect((await tap(consentButtonPayload("no-such-purpose"), "wamid.tap-unknown")).status).toBe(200);
    expect((await tap(consentButtonPayload("marketing"), "wamid.tap-marketing")).status).toBe(200);
    const conversation = await onlyConversation(wa.inbox.id);
    await eventually(async () => expect(await roomOutbox(conversation.id)).toBe(0));
    const tapped = (await eventsOf(boss, conversation.id)).find((e) => e.type === "message" && e.providerMessageId === "wamid.tap-marketing")!;
    const ledger = await ledgerOf(conversation.contact_id);
    expect(ledger.records.map((r) => [r.purposeId, r.channel, r.action, r.source, r.recordedBy.type, r.evidence])).toEqual([["purpose_marketing", "whatsapp", "grant", "template_button", "contact", tapped.id]]);
    expect(ledger.states).toMatchObject([{ channel: "whatsapp", purposeId: "purpose_marketing", granted: true }]);
  });
});
