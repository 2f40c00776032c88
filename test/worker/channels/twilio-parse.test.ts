/**
 * Twilio's webhook bodies into normalized items: SMS, MMS with two files, WhatsApp
 * through Twilio, opt-out and opt-in keywords, status callbacks, and malformed bodies.
 */
import { describe, expect, it } from "vitest";
import { parseTwilio } from "../../../worker/channels/twilio/parse";
import { keywordOf } from "../../../worker/consent/keywords";
import { CUSTOMER, TW, TWILIO, ACCOUNT_SID, withParams } from "./twilio-kit";

const NOW = 1_765_000_000_000;
const parse = (form: string, hook: string | null = null) => parseTwilio(form, hook, NOW);

function itemsOf(form: string, hook: string | null = null) {
  const result = parse(form, hook);
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return result.items;
}

describe("incoming messages", () => {
  it("an SMS: the From address as the customer, the body as sent, dated on receipt", () => {
    expect(itemsOf(TW.sms)).toEqual([
      {
        type: "message",
        from: "contact",
        contact: { externalId: CUSTOMER, name: null, phone: CUSTOMER },
        providerAt: NOW,
        providerMessageId: "SM11111111111111111111111111111111",
        body: "Olá, meu pedido ainda não chegou 😕",
        media: [],
      },
    ]);
  });

  it("an MMS with two files: each MediaUrlN with its MediaContentTypeN", () => {
    const [message] = itemsOf(TW.mms);
    const media = `${TWILIO}/2010-04-01/Accounts/${ACCOUNT_SID}/Messages/MM22222222222222222222222222222222/Media/`;
    expect(message).toMatchObject({
      type: "message",
      providerMessageId: "MM22222222222222222222222222222222",
      body: "Foto da caixa e a nota fiscal",
      media: [
        { kind: "image", ref: `${media}ME33333333333333333333333333333333`, contentType: "image/jpeg" },
        { kind: "document", ref: `${media}ME44444444444444444444444444444444`, contentType: "application/pdf" },
      ],
    });
  });

  it("WhatsApp through Twilio: the whatsapp: address as given, the profile name, the phone", () => {
    expect(itemsOf(TW.whatsapp)).toEqual([
      expect.objectContaining({
        type: "message",
        contact: { externalId: "whatsapp:+5511987654321", name: "Maria José", phone: "+5511987654321" },
        providerMessageId: "SM55555555555555555555555555555555",
        body: "Oi! Vocês entregam no sábado?",
      }),
    ]);
  });

  it("refuses a body without MessageSid or From, a bad SID, and media it promised but lacks", () => {
    for (const form of [
      withParams(TW.sms, { MessageSid: "" }),
      new URLSearchParams([...new URLSearchParams(TW.sms)].filter(([k]) => k !== "From")).toString(),
      withParams(TW.sms, { MessageSid: "SM-not-a-sid" }),
      withParams(TW.sms, { NumMedia: "1" }),
      withParams(TW.sms, { NumMedia: "many" }),
      withParams(TW.mms, { MediaUrl1: "not a url" }),
      "",
    ]) {
      expect(parse(form).ok, form).toBe(false);
    }
  });
});

describe("opt-out and opt-in keywords", () => {
  const reachability = (body: string, extra: Record<string, string> = {}) => itemsOf(withParams(TW.sms, { Body: body, ...extra })).filter((i) => i.type === "reachability");

  it.each(["STOP", "stop", "Sair", "PARAR", "cancelar", "unsubscribe", "  Stop  ", "párar", "CANCELÁR", "\tsair\n"])("%j opts out, after the message itself", (body) => {
    const items = itemsOf(withParams(TW.sms, { Body: body }));
    expect(items.map((i) => i.type)).toEqual(["message", "reachability"]);
    expect(items[0]).toMatchObject({ body });
    expect(items[1]).toEqual({ type: "reachability", contact: { externalId: CUSTOMER, name: null, phone: CUSTOMER }, providerAt: NOW, reachable: false, reason: "opted_out" });
  });

  it.each(["START", "start", "Voltar", " VOLTAR "])("%j opts back in", (body) => {
    expect(reachability(body)).toEqual([expect.objectContaining({ reachable: true, reason: "opted_out" })]);
  });

  it.each(["stop please", "Não pare", "STOPP", "parar de receber", ""])("%j is just a message", (body) => {
    expect(reachability(body)).toEqual([]);
  });

  it("Twilio's OptOutType says it too, and wins over the text", () => {
    expect(reachability("FIM", { OptOutType: "STOP" })).toEqual([expect.objectContaining({ reachable: false })]);
    expect(reachability("stop", { OptOutType: "START" })).toEqual([expect.objectContaining({ reachable: true })]);
    expect(reachability("HELP", { OptOutType: "HELP" })).toEqual([]);
  });

  it("compares without accents or case", () => {
    expect(keywordOf("  párar ")).toBe("PARAR");
  });
});

describe("status callbacks (the status hook)", () => {
  const base = { type: "status", contact: { externalId: CUSTOMER }, providerAt: NOW, providerMessageId: "SM66666666666666666666666666666666" };

  it("sent, delivered and read become receipts", () => {
    expect(itemsOf(TW.status.sent, "status")).toEqual([{ ...base, status: "sent" }]);
    expect(itemsOf(TW.status.delivered, "status")).toEqual([{ ...base, status: "delivered" }]);
    expect(itemsOf(TW.status.read, "status")).toEqual([{ ...base, status: "read" }]);
  });

  it("undelivered and failed are failures with Twilio's error code", () => {
    expect(itemsOf(TW.status.undelivered, "status")).toEqual([{ ...base, status: "failed", error: "Twilio error 30003" }]);
    expect(itemsOf(withParams(TW.status.undelivered, { MessageStatus: "failed", ErrorCode: "30007" }), "status")).toEqual([{ ...base, status: "failed", error: "Twilio error 30007" }]);
  });

  it("queued, sending and states we do not show say nothing new", () => {
    expect(itemsOf(TW.status.queued, "status")).toEqual([]);
    for (const s of ["sending", "accepted", "scheduled", "canceled"]) expect(itemsOf(withParams(TW.status.sent, { MessageStatus: s }), "status")).toEqual([]);
  });

  it("refuses a callback without MessageSid or MessageStatus", () => {
    expect(parse(withParams(TW.status.sent, { MessageSid: "" }), "status").ok).toBe(false);
    expect(parse(new URLSearchParams([...new URLSearchParams(TW.status.sent)].filter(([k]) => k !== "MessageStatus")).toString(), "status").ok).toBe(false);
  });
});
