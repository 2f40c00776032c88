/**
 * Starting a conversation (issue 16): the consent gate of POST /api/v1/conversations/outbound,
 * checked at the fetch boundary (the fake Graph API sees nothing when it refuses), the
 * 24-hour reply window that needs no consent, and the second check at send time.
 */
import { env } from "cloudflare:workers";
import { runDurableObjectAlarm } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { eventually, expectApiError } from "../assertions";
import { owner } from "../fixtures";
import { fakeProvider } from "../provider-fake";
import { GRAPH, graphError, sentAnswer } from "../channels/whatsapp-kit";
import { eventsOf } from "../channels/channel-world";
import { contactsOf, waInbox } from "../channels/whatsapp-webhook-kit";
import { WA } from "../channels/whatsapp-fixtures";
import { deliveriesOf, deliveryOf, makeDueNow, messagesOf } from "../channel-room-kit";
import { channelInbox } from "../channels/channel-world";
import { AVISOS, MARKETING, TEMPLATE, consent, countWhere, db, newContact, newPhone, outboundBody, startConversation, whatsappWorld } from "./outbound-kit";
import { currentConsent } from "../../../worker/db/consent";

/** The customer's own WhatsApp message, now, through the real webhook. */
async function customerWritesOnWhatsapp(wa: Awaited<ReturnType<typeof waInbox>>, phone: string, text: string) {
  const body = wa.body(WA.pywaText, [
    ["972987654321", phone],
    ["wamid.xyzxyz", `wamid.in.${crypto.randomUUID()}`],
    ["1697043223", String(Math.floor(Date.now() / 1000))],
    ["Body Text", text],
  ]);
  const res = await wa.deliver(body);
  expect(res.status).toBe(200);
}

describe("starting a WhatsApp conversation needs consent for the purpose", () => {
  it("refuses without consent: 422 consent_required naming the channel, nothing created, nothing at the fetch boundary", async () => {
    const boss = await owner();
    const wa = await whatsappWorld();
    const contactId = await newContact({ phone: newPhone() });
    const res = await startConversation(boss, outboundBody(wa.inbox.id, contactId));
    expectApiError(res, 422, "consent_required");
    expect(res.body.error.message).toMatch(/consent .*whatsapp/);
    expect(await countWhere("conversations", contactId)).toBe(0);
    expect(await countWhere("contact_identities", contactId)).toBe(0);
    expect(wa.graph.calls).toHaveLength(0);
  });

  it("sends the approved template once consent is recorded, then refuses again after a revocation", async () => {
    const boss = await owner();
    const wa = await whatsappWorld();
    const phone = newPhone();
    const contactId = await newContact({ phone });
    await consent(contactId, "grant");
    const res = await startConversation(boss, outboundBody(wa.inbox.id, contactId));
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({ duplicate: false, basis: "consent" });
    await eventually(async () => expect(wa.sends()).toHaveLength(1));
    expect(wa.sends()[0]).toMatchObject({ to: phone, type: "template", template: { name: TEMPLATE.name, language: { code: "pt_BR" } } });
    const events = await eventsOf(boss, res.body.conversationId);
    await eventually(async () => expect(deliveryOf(await eventsOf(boss, res.body.conversationId), res.body.seq)).toBe("sent"));
    expect(messagesOf(events).at(-1)).toMatchObject({ consentPurposeId: MARKETING, content: { type: "template", name: TEMPLATE.name } });
    // The address became the contact's identity in the inbox: the answer threads back here.
    expect((await contactsOf(wa.inbox.id)).map((c) => [c.contact_id, c.external_id])).toEqual([[contactId, phone]]);

    await consent(contactId, "revoke");
    const again = await startConversation(boss, outboundBody(wa.inbox.id, contactId));
    // A revocation refuses outright, the conversation started earlier notwithstanding.
    expectApiError(again, 422, "consent_required");
    expect(wa.sends()).toHaveLength(1);
  });

  it("answers a retried request (same clientId) with the stored message: one send", async () => {
    const boss = await owner();
    const wa = await whatsappWorld();
    const contactId = await newContact({ phone: newPhone() });
    await consent(contactId, "grant", MARKETING, "any");
    const body = outboundBody(wa.inbox.id, contactId);
    const first = await startConversation(boss, body);
    const second = await startConversation(boss, body);
    expect(first.status).toBe(201);
    expect(second.body).toMatchObject({ conversationId: first.body.conversationId, seq: first.body.seq, duplicate: true });
    await eventually(async () => expect(wa.sends()).toHaveLength(1));
  });

  it("free text cannot start a WhatsApp conversation, consent or not: 422 outside_service_window, nothing created", async () => {
    const boss = await owner();
    const wa = await whatsappWorld();
    const contactId = await newContact({ phone: newPhone() });
    await consent(contactId, "grant");
    const res = await startConversation(boss, outboundBody(wa.inbox.id, contactId, { message: { text: "Oi! Temos novidades." } }));
    expectApiError(res, 422, "outside_service_window");
    expect(await countWhere("conversations", contactId)).toBe(0);
    expect(await countWhere("contact_identities", contactId)).toBe(0);
    expect(wa.graph.calls).toHaveLength(0);
  });

  it("consent for another purpose does not count", async () => {
    const boss = await owner();
    const wa = await whatsappWorld();
    const contactId = await newContact({ phone: newPhone() });
    await consent(contactId, "grant", AVISOS);
    expectApiError(await startConversation(boss, outboundBody(wa.inbox.id, contactId)), 422, "consent_required");
    expect(wa.graph.calls).toHaveLength(0);
  });
});

describe("a reply within 24 hours of the customer's message needs no extra consent", () => {
  it("goes out without any consent record when the customer wrote in the last 24 hours", async () => {
    const boss = await owner();
    const wa = await whatsappWorld();
    const phone = newPhone();
    await customerWritesOnWhatsapp(wa, phone, "Oi, vocês têm o modelo azul?");
    const contactId = (await contactsOf(wa.inbox.id))[0]!.contact_id;
    const res = await startConversation(boss, outboundBody(wa.inbox.id, contactId, { message: { text: "Temos sim! Quer que eu reserve?" } }));
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.basis).toBe("service_window");
    await eventually(async () => expect(wa.sends()).toHaveLength(1));
    expect(wa.sends()[0]).toMatchObject({ to: phone, type: "text", text: { body: "Temos sim! Quer que eu reserve?" } });
  });

  it("refuses once the customer's last message is older than 24 hours", async () => {
    const boss = await owner();
    const wa = await whatsappWorld();
    const phone = newPhone();
    const body = wa.body(WA.pywaText, [
      ["972987654321", phone],
      ["wamid.xyzxyz", `wamid.in.${crypto.randomUUID()}`],
      ["1697043223", String(Math.floor((Date.now() - 25 * 3600_000) / 1000))],
    ]);
    expect((await wa.deliver(body)).status).toBe(200);
    const contactId = (await contactsOf(wa.inbox.id))[0]!.contact_id;
    expectApiError(await startConversation(boss, outboundBody(wa.inbox.id, contactId)), 422, "consent_required");
    expect(wa.sends()).toHaveLength(0);
  });

  it("a revocation wins over the window: the customer wrote an hour ago, but revoked marketing", async () => {
    const boss = await owner();
    const wa = await whatsappWorld();
    const phone = newPhone();
    await customerWritesOnWhatsapp(wa, phone, "Oi");
    const contactId = (await contactsOf(wa.inbox.id))[0]!.contact_id;
    await consent(contactId, "revoke");
    const res = await startConversation(boss, outboundBody(wa.inbox.id, contactId));
    expectApiError(res, 422, "consent_required");
    expect(res.body.error.message).toMatch(/revoked/);
    expect(wa.sends()).toHaveLength(0);
  });

  // The whole path: "SAIR" through the signed webhook → the consent-ledger listener's
  // revocation (worker/pipeline/listeners/consent-ledger.ts) → the gate refuses.
  it("refuses again after the customer writes SAIR on WhatsApp", async () => {
    const boss = await owner();
    const wa = await whatsappWorld();
    const phone = newPhone();
    const contactId = await newContact({ phone });
    await consent(contactId, "grant", MARKETING, "whatsapp", Date.now() - 60_000);
    expect((await startConversation(boss, outboundBody(wa.inbox.id, contactId))).status).toBe(201);
    await customerWritesOnWhatsapp(wa, phone, "SAIR");
    // The ledger's listener records the revocation after the message is stored (the event
    // pipeline), so it lands a moment after the webhook's answer.
    await eventually(async () => expect((await currentConsent(db, contactId, "whatsapp", MARKETING))?.action).toBe("revoke"));
    // The customer just wrote, so a reply is within the window; marketing is not a reply:
    // the window must not override an explicit revocation for the purpose.
    const after = await startConversation(boss, outboundBody(wa.inbox.id, contactId));
    expectApiError(after, 422, "consent_required");
  });
});

describe("a template that asks for consent", () => {
  it("sends its opt-in button's payload for the purpose; the customer's tap records the grant; an unknown purpose key is refused", async () => {
    const boss = await owner();
    const wa = await whatsappWorld();
    const phone = newPhone();
    const contactId = await newContact({ phone });
    // Order notices are consented; the template asks for marketing on its first button.
    await consent(contactId, "grant", AVISOS);
    const asking = { ...TEMPLATE, optInButton: { index: 0, purposeKey: "marketing" } };
    const unknown = await startConversation(boss, outboundBody(wa.inbox.id, contactId, { purposeId: AVISOS, message: { template: { ...TEMPLATE, optInButton: { index: 0, purposeKey: "no-such-purpose" } } } }));
    expectApiError(unknown, 422, "purpose_not_found");
    expect(wa.sends()).toHaveLength(0);

    const res = await startConversation(boss, outboundBody(wa.inbox.id, contactId, { purposeId: AVISOS, message: { template: asking } }));
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    await eventually(async () => expect(wa.sends()).toHaveLength(1));
    expect(wa.sends()[0]).toMatchObject({ template: { components: [{ type: "body" }, { type: "button", sub_type: "quick_reply", index: "0", parameters: [{ type: "payload", payload: "sb-consent:marketing" }] }] } });
    expect(await currentConsent(db, contactId, "whatsapp", MARKETING)).toBeNull();

    // The customer taps it: WhatsApp sends the payload back as a "button" message.
    const tap = wa.body(WA.buttonTemplateReply, [
      ["FALAR_COM_ATENDENTE", "sb-consent:marketing"],
      ["wamid.HBgNNTUxMTk4NzY1NDMyMRUCABIYFDNBMjATPLBT1", `wamid.tap.${crypto.randomUUID()}`],
      ["1796212809", String(Math.floor(Date.now() / 1000))],
      ["5511987654321", phone],
    ]);
    expect((await wa.deliver(tap)).status).toBe(200);
    await eventually(async () => expect(await currentConsent(db, contactId, "whatsapp", MARKETING)).toMatchObject({ action: "grant", source: "template_button" }));
  });
});

describe("consent is checked again when the queue sends", () => {
  it("a revocation between queueing and sending stops the message: failed, never accepted by the provider", async () => {
    const boss = await owner();
    const wa = await waInbox();
    const path = new RegExp(`/${wa.phoneNumberId}/messages$`);
    const graph = fakeProvider(GRAPH).on("POST", path, [graphError(500, 2, "Service temporarily unavailable")], sentAnswer("wamid.late"));
    const contactId = await newContact({ phone: newPhone() });
    await consent(contactId, "grant");
    const res = await startConversation(boss, outboundBody(wa.inbox.id, contactId));
    expect(res.status).toBe(201);
    await eventually(async () => expect(graph.callsTo("POST", path)).toHaveLength(1));
    await consent(contactId, "revoke");
    await makeDueNow(res.body.conversationId);
    await runDurableObjectAlarm(env.CONVERSATION_ROOM.getByName(res.body.conversationId));
    await eventually(async () => expect(deliveryOf(await eventsOf(boss, res.body.conversationId), res.body.seq)).toBe("failed"));
    expect(deliveriesOf(await eventsOf(boss, res.body.conversationId), res.body.seq).at(-1)?.error).toMatch(/consent revoked/);
    expect(graph.callsTo("POST", path)).toHaveLength(1);
  });
});

describe("what the contact and the inbox must have", () => {
  it("no phone on the profile and no WhatsApp identity: 422 no_identity_on_channel", async () => {
    const boss = await owner();
    const wa = await whatsappWorld();
    const contactId = await newContact({ email: "sem-telefone@example.com" });
    await consent(contactId, "grant", MARKETING, "any");
    expectApiError(await startConversation(boss, outboundBody(wa.inbox.id, contactId)), 422, "no_identity_on_channel");
    expect(wa.graph.calls).toHaveLength(0);
  });

  it("a channel that cannot start conversations: 422 channel_not_supported", async () => {
    const boss = await owner();
    const tg = await channelInbox("telegram", { reopenWindowHours: 24 }, { botToken: "123456:AAAAAAAAAAAAAAAAAAAAAAAAAAAA", webhookSecret: "secret" });
    const contactId = await newContact({ phone: newPhone() });
    expectApiError(await startConversation(boss, outboundBody(tg.id, contactId)), 422, "channel_not_supported");
  });

  it("SMS takes text, not a template: 422 outbound_content_mismatch", async () => {
    const boss = await owner();
    const sms = await channelInbox("sms", { from: "+14155550100", reopenWindowHours: 24 }, { accountSid: "AC0123456789abcdef0123456789abcdef", authToken: "t" });
    const contactId = await newContact({ phone: newPhone() });
    expectApiError(await startConversation(boss, outboundBody(sms.id, contactId)), 422, "outbound_content_mismatch");
  });

  it("unknown contact, inbox or purpose: 404 with its code", async () => {
    const boss = await owner();
    const wa = await whatsappWorld();
    const contactId = await newContact({ phone: newPhone() });
    expectApiError(await startConversation(boss, outboundBody(wa.inbox.id, "nope")), 404, "contact_not_found");
    expectApiError(await startConversation(boss, outboundBody("nope", contactId)), 404, "inbox_not_found");
    expectApiError(await startConversation(boss, outboundBody(wa.inbox.id, contactId, { purposeId: "nope" })), 404, "purpose_not_found");
  });
});
