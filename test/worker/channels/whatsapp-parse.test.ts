/**
 * WhatsApp webhook bodies → normalized inbound items (worker/channels/whatsapp/parse.ts):
 * every message type from fixtures (real ones from pywa, others written from Meta's
 * webhook reference), in the provider's order, with accents and emoji intact; statuses;
 * senders known only by a business-scoped user id; malformed bodies → issues;
 * well-formed events we do not handle → no items.
 */
import { describe, expect, it } from "vitest";
import { whatsappAdapter } from "../../../worker/channels/whatsapp/adapter";
import type { InboundItem } from "../../../worker/channels/types";
import { WA } from "./whatsapp-fixtures";
import { whatsappConfig } from "./whatsapp-kit";

const W = "wamid.HBgNNTUxMTk4NzY1NDMyMRUCABIYFDNBMjA";
const MARIA = { externalId: "5511987654321", name: "Maria Conceição", phone: "+5511987654321" };

function items(raw: string): InboundItem[] {
  const result = whatsappAdapter.parse(raw, whatsappConfig());
  if (!result.ok) throw new Error(`parse failed: ${JSON.stringify(result.issues)}`);
  return result.items;
}

function issues(raw: string) {
  const result = whatsappAdapter.parse(raw, whatsappConfig());
  if (result.ok) throw new Error(`parse succeeded: ${JSON.stringify(result.items)}`);
  return result.issues;
}

/** The fixture with its only message changed (for cases no fixture covers). */
function withMessage(raw: string, change: (message: Record<string, any>) => void): string {
  const body = JSON.parse(raw);
  change(body.entry[0].changes[0].value.messages[0]);
  return JSON.stringify(body);
}

describe("WhatsApp parse: messages", () => {
  it("reads pywa's text message", () => {
    expect(items(WA.pywaText)).toEqual([
      {
        type: "message",
        from: "contact",
        contact: { externalId: "972987654321", name: "Test Name", phone: "+972987654321" },
        providerAt: 1697043223_000,
        providerMessageId: "wamid.xyzxyz",
        body: "Body Text",
        media: [],
        replyTo: null,
      },
    ]);
  });

  it("keeps accents and emoji sent as escaped unicode", () => {
    const [item] = items(WA.textUnicodeEscaped);
    expect(WA.textUnicodeEscaped).toContain("\\u00e3"); // the fixture really is escaped
    expect(item).toMatchObject({ type: "message", contact: MARIA, body: "Olá! Não recebi o pedido nº 4521 😞 — podem verificar? 👍🏽🇧🇷", providerAt: 1796212800_000 });
  });

  it("reads pywa's image as a media id to fetch", () => {
    expect(items(WA.pywaImage)).toMatchObject([{ type: "message", body: "", media: [{ kind: "image", ref: "65463453", contentType: "image/jpeg", name: null, size: null }] }]);
  });

  it("reads a video with its caption", () => {
    expect(items(WA.video)).toMatchObject([{ body: "Vídeo do defeito 🎥", media: [{ kind: "video", ref: "1467391250940310", contentType: "video/mp4" }] }]);
  });

  it("reads a voice note", () => {
    expect(items(WA.audioVoice)).toMatchObject([{ body: "", media: [{ kind: "audio", ref: "1029384756102938", contentType: "audio/ogg; codecs=opus" }] }]);
  });

  it("reads a document with its file name and caption", () => {
    expect(items(WA.document)).toMatchObject([{ body: "Nota fiscal", media: [{ kind: "document", ref: "5566778899001122", contentType: "application/pdf", name: "nota-fiscal-março.pdf" }] }]);
  });

  it("reads a sticker as sticker content with its file", () => {
    const [item] = items(WA.sticker);
    expect(item).toMatchObject({ body: "", content: { type: "sticker" }, media: [{ kind: "sticker", ref: "3344556677889900", contentType: "image/webp" }] });
  });

  it("reads a location as location content", () => {
    const [item] = items(WA.location);
    expect(item).toMatchObject({
      body: "Avenida Paulista, 1578 — Bela Vista, São Paulo - SP, 01310-200",
      media: [],
      content: { type: "location", latitude: -23.561414, longitude: -46.655881, name: "Avenida Paulista, 1578", address: "Bela Vista, São Paulo - SP, 01310-200" },
    });
  });

  it("reads shared contacts as contacts content", () => {
    const [item] = items(WA.contacts);
    expect(item).toMatchObject({
      body: "José Antônio da Silva, Ana",
      content: {
        type: "contacts",
        contacts: [
          { name: "José Antônio da Silva", phones: ["+55 21 99876-5432"], emails: ["jose@example.com.br"] },
          { name: "Ana", phones: ["+351 912 345 678"], emails: [] },
        ],
      },
    });
  });

  it("reads a button reply as a choice quoting our question", () => {
    expect(items(WA.buttonReply)).toMatchObject([{ body: "Sim, confirmo ✅", content: { type: "choice", id: "confirmar-entrega", title: "Sim, confirmo ✅" }, replyTo: "wamid.OUR-QUESTION-1" }]);
  });

  it("reads a list reply as a choice", () => {
    expect(items(WA.listReply)).toMatchObject([{ body: "Tarde (13h–18h)", content: { type: "choice", id: "horario-tarde", title: "Tarde (13h–18h)" }, replyTo: "wamid.OUR-LIST-1" }]);
  });

  it("reads a template's quick-reply button as a choice with its payload", () => {
    expect(items(WA.buttonTemplateReply)).toMatchObject([
      { body: "Falar com atendente", content: { type: "choice", id: "FALAR_COM_ATENDENTE", title: "Falar com atendente" }, replyTo: "wamid.OUR-TEMPLATE-1" },
    ]);
  });

  it("reads a reply's context as the quoted message", () => {
    expect(items(WA.replyContext)).toMatchObject([{ type: "message", providerMessageId: `${W}REPLY1`, body: "Essa aqui ☝️", replyTo: "wamid.OUR-ANSWER-1" }]);
  });

  it("reads pywa's unsupported message as unsupported content with WhatsApp's error", () => {
    expect(items(WA.pywaUnsupported)).toMatchObject([
      { type: "message", body: "", media: [], content: { type: "unsupported", reason: "131051: Message type unknown — Message type is currently not supported." } },
    ]);
  });

  it("shows a type it does not know as unsupported content, not nothing", () => {
    const raw = withMessage(WA.pywaText, (m) => {
      m.type = "order";
      delete m.text;
      m.order = { catalog_id: "1", product_items: [] };
    });
    expect(items(raw)).toMatchObject([{ type: "message", providerMessageId: "wamid.xyzxyz", content: { type: "unsupported", reason: 'message type "order"' } }]);
  });

  it("skips notices that are not messages (a changed number)", () => {
    const raw = withMessage(WA.pywaText, (m) => {
      m.type = "system";
      delete m.text;
      m.system = { body: "User A changed from 1 to 2", type: "user_changed_number" };
    });
    expect(items(raw)).toEqual([]);
  });

  it("reads a reaction, and an empty emoji as the reaction taken away", () => {
    expect(items(WA.reaction)).toEqual([{ type: "reaction", contact: MARIA, providerAt: 1796212810_000, providerMessageId: "wamid.OUR-ANSWER-1", emoji: "❤️" }]);
    expect(items(WA.reactionRemoved)).toEqual([{ type: "reaction", contact: MARIA, providerAt: 1796212811_000, providerMessageId: "wamid.OUR-ANSWER-1", emoji: null }]);
  });

  it("reads an edit and a revoke of the customer's earlier message", () => {
    expect(items(WA.edit)).toEqual([{ type: "edit", contact: MARIA, providerAt: 1796212813_000, providerMessageId: `${W}TEXT01`, body: "Olá! Não recebi o pedido nº 4512 😞" }]);
    expect(items(WA.revoke)).toEqual([{ type: "unsend", contact: MARIA, providerAt: 1796212814_000, providerMessageId: `${W}TEXT01` }]);
  });

  it("identifies a customer without a phone number by their business-scoped user id", () => {
    expect(items(WA.bsuidOnly)).toMatchObject([
      { type: "message", contact: { externalId: "BR.99887766554433221100", name: "Lu 🌻", phone: null }, body: "Oi, tudo bem? Quero trocar um produto." },
    ]);
  });

  it("reads a message the business sent from its WhatsApp Business app as the business's", () => {
    expect(items(WA.smbEcho)).toEqual([
      {
        type: "message",
        from: "business",
        contact: { externalId: "5511987654321", name: null, phone: "+5511987654321" },
        providerAt: 1796213300_000,
        providerMessageId: `${W}ECHO01`,
        body: "Oi Maria, aqui é a Carla da loja, pelo celular 📱",
        media: [],
        replyTo: null,
      },
    ]);
  });

  it("keeps a batch of three messages across entries and changes in the provider's order", () => {
    const batch = items(WA.batchThreeMessages);
    expect(batch.map((i) => i.type === "message" && [i.providerMessageId, i.body, i.providerAt])).toEqual([
      [`${W}BATCH1`, "primeira: pedido 4521", 1796212900_000],
      [`${W}BATCH2`, "segunda: chegou amassado 📦", 1796212901_000],
      [`${W}BATCH3`, "terceira: quero trocar, por favor 🙏", 1796212902_000],
    ]);
  });

  it("keeps the order inside one change's messages array", () => {
    const body = JSON.parse(WA.pywaText);
    const [first] = body.entry[0].changes[0].value.messages;
    body.entry[0].changes[0].value.messages = ["c", "a", "b"].map((id, n) => ({ ...first, id: `wamid.${id}`, timestamp: String(1697043223 - n) }));
    expect(items(JSON.stringify(body)).map((i) => i.type === "message" && i.providerMessageId)).toEqual(["wamid.c", "wamid.a", "wamid.b"]);
  });

  it("cuts a customer's text longer than our 10,000-character bodies", () => {
    const raw = withMessage(WA.pywaText, (m) => (m.text.body = "é".repeat(12_000)));
    const [item] = items(raw);
    expect(item!.type === "message" && item!.body.length).toBe(10_000);
  });

  it("skips changes for another phone number of the same business account", () => {
    const body = JSON.parse(WA.pywaText);
    body.entry[0].changes[0].value.metadata.phone_number_id = "9999999999999";
    expect(items(JSON.stringify(body))).toEqual([]);
  });
});

describe("WhatsApp parse: statuses", () => {
  it("reads pywa's delivered receipt", () => {
    expect(items(WA.pywaDelivered)).toEqual([
      {
        type: "status",
        contact: { externalId: "972987654321", phone: "+972987654321" },
        providerAt: 1698266945_000,
        providerMessageId: "wamid.xyzxyz",
        status: "delivered",
        error: null,
        ourMessageId: null,
      },
    ]);
  });

  it("reads sent and read receipts with our id from biz_opaque_callback_data", () => {
    expect(items(WA.statusSent)).toMatchObject([{ type: "status", status: "sent", providerMessageId: "wamid.OUR-ANSWER-1", ourMessageId: "01JD0OURMESSAGEID0000000001", providerAt: 1796213000_000 }]);
    expect(items(WA.statusRead)).toMatchObject([{ type: "status", status: "read", providerMessageId: "wamid.OUR-ANSWER-1", providerAt: 1796213060_000 }]);
  });

  it("reads a failed receipt with WhatsApp's error as the reason", () => {
    expect(items(WA.statusFailed)).toEqual([
      {
        type: "status",
        contact: { externalId: "5511987654321", phone: "+5511987654321" },
        providerAt: 1796213100_000,
        providerMessageId: "wamid.OUR-ANSWER-2",
        status: "failed",
        error: "131047: Re-engagement message — Message failed to send because more than 24 hours have passed since the customer last replied to this number.",
        ourMessageId: "01JD0OURMESSAGEID0000000002",
      },
    ]);
  });

  it("names the recipient by user id when the receipt has no phone number", () => {
    const body = JSON.parse(WA.statusSent);
    delete body.entry[0].changes[0].value.statuses[0].recipient_id;
    expect(items(JSON.stringify(body))).toMatchObject([{ contact: { externalId: "BR.1502576394655843", phone: null } }]);
  });

  it("ignores receipt states we do not track", () => {
    const body = JSON.parse(WA.statusSent);
    body.entry[0].changes[0].value.statuses[0].status = "played";
    expect(items(JSON.stringify(body))).toEqual([]);
  });
});

describe("WhatsApp parse: what is not for us, and what is malformed", () => {
  it("acknowledges a well-formed change of another field with no items", () => {
    expect(items(WA.templateStatusUpdate)).toEqual([]);
  });

  it("refuses a body that is not JSON", () => {
    expect(issues("{not json")).toMatchObject([{ code: "custom", message: "the body is not JSON" }]);
  });

  it("refuses a body of another Meta product", () => {
    expect(issues(JSON.stringify({ object: "page", entry: [] }))[0]!.path).toEqual(["object"]);
  });

  it("refuses a message without an id, with the path to it", () => {
    const raw = withMessage(WA.pywaText, (m) => delete m.id);
    expect(issues(raw).map((i) => i.path)).toEqual([["entry", 0, "changes", 0, "value", "messages", 0, "id"]]);
  });

  it("refuses a message whose timestamp is not unix seconds", () => {
    const raw = withMessage(WA.pywaText, (m) => (m.timestamp = "2026-11-30T10:00:00Z"));
    expect(issues(raw).some((i) => i.path.join(".") === "entry.0.changes.0.value.messages.0.timestamp")).toBe(true);
  });

  it("refuses a typed message without its object", () => {
    const raw = withMessage(WA.pywaImage, (m) => delete m.image);
    expect(issues(raw)).toMatchObject([{ path: ["entry", 0, "changes", 0, "value", "messages", 0, "image"], message: 'a "image" message needs its "image" object' }]);
  });

  it("refuses a message that names no sender", () => {
    const raw = withMessage(WA.pywaText, (m) => delete m.from);
    expect(issues(raw)).toMatchObject([{ path: ["entry", 0, "changes", 0, "value", "messages", 0, "from"] }]);
  });

  it("refuses a status without a recipient", () => {
    const body = JSON.parse(WA.pywaDelivered);
    delete body.entry[0].changes[0].value.statuses[0].recipient_id;
    expect(issues(JSON.stringify(body))).toHaveLength(1);
  });
});
