/**
 * Messenger and Instagram sends, asserted at the fetch boundary (the Graph API stand-in of
 * provider-fake.ts): the Send API payload of text and files, RESPONSE vs MESSAGE_TAG with
 * HUMAN_AGENT, long texts split in order, and how Graph's answers become SendResults.
 */
import { describe, expect, it } from "vitest";
import { instagramAdapter } from "../../../worker/channels/instagram/adapter";
import { messengerAdapter } from "../../../worker/channels/messenger/adapter";
import { splitText } from "../../../worker/channels/meta-platform/outbound-plan";
import { fakeProvider, networkFailure, type ProviderCall } from "../provider-fake";
import { GRAPH, graphError, IG_PAGE_ID, IGSID, instagramContext, messengerContext, outbound, PAGE_ID, PAGE_TOKEN, sentAnswer, storedFile } from "./meta-kit";

const MESSAGES = new RegExp(`^/v\\d+\\.\\d+/${PAGE_ID}/messages$`);
const IG_MESSAGES = new RegExp(`^/v\\d+\\.\\d+/${IG_PAGE_ID}/messages$`);

const graph = () => fakeProvider(GRAPH);
const send = (message = outbound()) => messengerAdapter.send(message, messengerContext());
const sendInstagram = (message = outbound({ recipient: IGSID })) => instagramAdapter.send(message, instagramContext());

/** A multipart call's fields, as the Send API reads them. */
async function formOf(call: ProviderCall): Promise<FormData> {
  return new Request("https://graph.meta.test/", { method: "POST", headers: call.headers, body: call.raw }).formData();
}

const utf8Bytes = (text: string) => new TextEncoder().encode(text).byteLength;

describe("Messenger send: payloads", () => {
  it("sends a text as a RESPONSE with our id as metadata, the token only in the header", async () => {
    const fake = graph().on("POST", MESSAGES, [sentAnswer("m_AG5Hz2U")]);
    const message = outbound({ body: "Olá, João! Ação concluída ✅ 👍🏽" });
    expect(await send(message)).toEqual({ outcome: "sent", providerMessageId: "m_AG5Hz2U" });
    const [call] = fake.callsTo("POST", MESSAGES);
    expect(call!.headers.get("Authorization")).toBe(`Bearer ${PAGE_TOKEN}`);
    expect(call!.url.search).toBe("");
    expect(call!.headers.get("Content-Type")).toBe("application/json");
    expect(JSON.parse(call!.body)).toEqual({
      recipient: { id: message.recipient },
      messaging_type: "RESPONSE",
      message: { text: "Olá, João! Ação concluída ✅ 👍🏽", metadata: message.messageId },
    });
  });

  it("sends past the 24-hour window as MESSAGE_TAG with the HUMAN_AGENT tag", async () => {
    const fake = graph().on("POST", MESSAGES, [sentAnswer("m_tagged")]);
    await send(outbound({ tag: "HUMAN_AGENT" }));
    const payload = JSON.parse(fake.calls[0]!.body);
    expect(payload.messaging_type).toBe("MESSAGE_TAG");
    expect(payload.tag).toBe("HUMAN_AGENT");
  });

  it("splits a text over 2000 characters in order, at spaces, and answers the first part's id", async () => {
    const fake = graph().on("POST", MESSAGES, [sentAnswer("m_part1")], sentAnswer("m_later"));
    const words = Array.from({ length: 500 }, (_, i) => `palavra${i}`).join(" ");
    expect(words.length).toBeGreaterThan(4000);
    expect(await send(outbound({ body: words }))).toEqual({ outcome: "sent", providerMessageId: "m_part1" });
    const texts = fake.calls.map((c) => JSON.parse(c.body).message.text as string);
    expect(texts).toHaveLength(3);
    for (const text of texts) expect(text.length).toBeLessThanOrEqual(2000);
    expect(texts.join(" ")).toBe(words);
    expect(texts[0]!.startsWith("palavra0 ")).toBe(true);
  });

  it("uploads a file from R2 with the send itself (multipart), as its attachment type, after the text", async () => {
    const fake = graph().on("POST", MESSAGES, [sentAnswer("m_text"), sentAnswer("m_image"), sentAnswer("m_pdf")]);
    const png = await storedFile("foto ação.png", "image/png", new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]));
    const pdf = await storedFile("orçamento.pdf", "application/pdf", "%PDF-1.4 orçamento");
    const message = outbound({ body: "Segue o orçamento", attachments: [png, pdf] });
    expect(await send(message)).toEqual({ outcome: "sent", providerMessageId: "m_text" });
    expect(fake.calls).toHaveLength(3);
    expect(JSON.parse(fake.calls[0]!.body).message.text).toBe("Segue o orçamento");
    const image = await formOf(fake.calls[1]!);
    expect(JSON.parse(image.get("recipient") as string)).toEqual({ id: message.recipient });
    expect(image.get("messaging_type")).toBe("RESPONSE");
    expect(JSON.parse(image.get("message") as string)).toEqual({ attachment: { type: "image", payload: { is_reusable: false } }, metadata: message.messageId });
    const file = image.get("filedata") as File;
    expect(file.type).toBe("image/png");
    expect(file.name).toBe("foto a__o.png");
    expect(new Uint8Array(await file.arrayBuffer())).toEqual(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]));
    const document = await formOf(fake.calls[2]!);
    expect(JSON.parse(document.get("message") as string).attachment.type).toBe("file");
    expect(await (document.get("filedata") as File).text()).toBe("%PDF-1.4 orçamento");
  });

  it("refuses a template (WhatsApp's) and an empty message without calling Meta", async () => {
    const fake = graph();
    const template = { type: "template" as const, name: "x", language: "pt_BR", parameters: [] };
    expect(await send(outbound({ template }))).toMatchObject({ outcome: "failed" });
    expect(await send(outbound({ body: "  " }))).toEqual({ outcome: "failed", reason: "nothing to send: no text or file" });
    expect(fake.calls).toHaveLength(0);
  });

  it("fails a file whose upload is gone from R2", async () => {
    graph().on("POST", MESSAGES, [sentAnswer("m_text")]);
    const result = await send(outbound({ body: "", attachments: [{ id: crypto.randomUUID(), name: "sumiu.pdf", contentType: "application/pdf", size: 10 }] }));
    expect(result).toEqual({ outcome: "failed", reason: "sumiu.pdf is no longer stored" });
  });
});

describe("Instagram send: payloads", () => {
  it("sends through the linked page, without metadata (Instagram's send takes none)", async () => {
    const fake = graph().on("POST", IG_MESSAGES, [sentAnswer("ig_mid_1", IGSID)]);
    expect(await sendInstagram()).toEqual({ outcome: "sent", providerMessageId: "ig_mid_1" });
    expect(JSON.parse(fake.calls[0]!.body)).toEqual({ recipient: { id: IGSID }, messaging_type: "RESPONSE", message: { text: "Olá! Seu pedido já saiu 🚚" } });
  });

  it("splits text at 1000 UTF-8 bytes, never inside an emoji", async () => {
    const fake = graph().on("POST", IG_MESSAGES, [], sentAnswer("ig_mid"));
    const body = "Olá 👋🏽 ".repeat(200).trim();
    await sendInstagram(outbound({ recipient: IGSID, body }));
    const texts = fake.calls.map((c) => JSON.parse(c.body).message.text as string);
    expect(texts.length).toBeGreaterThan(1);
    for (const text of texts) {
      expect(utf8Bytes(text)).toBeLessThanOrEqual(1000);
      expect(text).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
    }
    expect(texts.join(" ")).toBe(body);
  });

  it("refuses files Instagram does not take, and images over 8 MB, before calling Meta", async () => {
    const fake = graph();
    const docx = { id: "x", name: "contrato.docx", contentType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document", size: 100 };
    expect(await sendInstagram(outbound({ recipient: IGSID, attachments: [docx] }))).toMatchObject({ outcome: "failed", reason: expect.stringContaining("Instagram does not take") });
    const big = { id: "y", name: "foto.jpg", contentType: "image/jpeg", size: 9 * 1024 * 1024 };
    expect(await sendInstagram(outbound({ recipient: IGSID, attachments: [big] }))).toMatchObject({ outcome: "failed", reason: expect.stringContaining("8 MB") });
    expect(fake.calls).toHaveLength(0);
  });
});

describe("Meta send: answers", () => {
  it("retries a 500, and a 429 after its Retry-After", async () => {
    graph().on("POST", MESSAGES, [graphError(500, "An unexpected error has occurred.", 2), graphError(429, "Too many calls", 4, { "Retry-After": "30" })]);
    expect(await send()).toEqual({ outcome: "retry", reason: "An unexpected error has occurred.", retryAfterMs: null });
    expect(await send()).toEqual({ outcome: "retry", reason: "Too many calls", retryAfterMs: 30_000 });
  });

  it("retries Graph's throttling codes even as HTTP 400", async () => {
    graph().on("POST", MESSAGES, [graphError(400, "(#613) Calls to this api have exceeded the rate limit.", 613)]);
    expect(await send()).toMatchObject({ outcome: "retry", reason: "(#613) Calls to this api have exceeded the rate limit." });
  });

  it("fails a 400 for good with Meta's own words", async () => {
    graph().on("POST", MESSAGES, [graphError(400, "(#10) This message is sent outside of allowed window.", 10)]);
    expect(await send()).toEqual({ outcome: "failed", reason: "(#10) This message is sent outside of allowed window." });
  });

  it("retries a network error", async () => {
    graph().on("POST", MESSAGES, [networkFailure()]);
    expect(await send()).toMatchObject({ outcome: "retry", reason: expect.stringContaining("network error"), retryAfterMs: null });
  });

  it("fails (never retries) a 2xx without a message id: Meta may have sent it", async () => {
    graph().on("POST", MESSAGES, [Response.json({ recipient_id: "1" })]);
    expect(await send()).toEqual({ outcome: "failed", reason: "Meta accepted the message but returned no message id" });
  });

  it("fails for good, saying how far it got, when a later part fails (a retry would repeat the first)", async () => {
    const fake = graph().on("POST", MESSAGES, [sentAnswer("m_text"), graphError(503, "Service unavailable", 2)]);
    const pdf = await storedFile("a.pdf", "application/pdf", "%PDF");
    expect(await send(outbound({ body: "Segue", attachments: [pdf] }))).toEqual({ outcome: "failed", reason: "1 of 2 parts went out; then: Service unavailable" });
    expect(fake.calls).toHaveLength(2);
  });
});

describe("splitText", () => {
  it("cuts hard only when there is no line break or space, never inside a surrogate pair", () => {
    expect(splitText("a".repeat(5), 2, "chars")).toEqual(["aa", "aa", "a"]);
    expect(splitText("😀😀😀", 3, "chars")).toEqual(["😀", "😀", "😀"]);
    expect(splitText("linha um\nlinha dois", 12, "chars")).toEqual(["linha um", "linha dois"]);
    expect(splitText("ação ação", 7, "bytes")).toEqual(["ação", "ação"]);
  });
});
