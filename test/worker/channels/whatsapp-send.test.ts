/**
 * WhatsApp sends, asserted at the fetch boundary (the Graph API stand-in of
 * provider-fake.ts): the payload of each kind of message, the upload of a file from R2
 * before its message, and how Graph's answers become SendResults.
 */
import { describe, expect, it } from "vitest";
import { whatsappAdapter } from "../../../worker/channels/whatsapp/adapter";
import { splitText } from "../../../worker/channels/whatsapp/outbound-plan";
import { fakeProvider, networkFailure } from "../provider-fake";
import { ACCESS_TOKEN, GRAPH, graphError, outbound, PHONE_NUMBER_ID, sentAnswer, storedFile, whatsappContext } from "./whatsapp-kit";

const MESSAGES = new RegExp(`^/v\\d+\\.\\d+/${PHONE_NUMBER_ID}/messages$`);
const MEDIA = new RegExp(`^/v\\d+\\.\\d+/${PHONE_NUMBER_ID}/media$`);

function graph() {
  return fakeProvider(GRAPH);
}

const send = (message = outbound()) => whatsappAdapter.send(message, whatsappContext());

describe("WhatsApp send: payloads", () => {
  it("sends a text with the bearer token, our id as callback data, and answers the wamid", async () => {
    const fake = graph().on("POST", MESSAGES, [sentAnswer("wamid.HBgLNTUxMTk5OTk5MDAwMBUCABEYEjA")]);
    const message = outbound({ body: "Olá, João! Ação concluída ✅ 👍🏽" });
    expect(await send(message)).toEqual({ outcome: "sent", providerMessageId: "wamid.HBgLNTUxMTk5OTk5MDAwMBUCABEYEjA" });
    const [call] = fake.callsTo("POST", MESSAGES);
    expect(call!.headers.get("Authorization")).toBe(`Bearer ${ACCESS_TOKEN}`);
    expect(call!.headers.get("Content-Type")).toBe("application/json");
    expect(JSON.parse(call!.body)).toEqual({
      messaging_product: "whatsapp",
      recipient_type: "individual",
      to: "5511999990000",
      biz_opaque_callback_data: message.messageId,
      type: "text",
      text: { body: "Olá, João! Ação concluída ✅ 👍🏽" },
    });
  });

  it("addresses a customer known only by a business-scoped user id through `recipient`", async () => {
    const fake = graph().on("POST", MESSAGES, [sentAnswer("wamid.bsuid")]);
    await send(outbound({ recipient: "BR.1502576394655843" }));
    const payload = JSON.parse(fake.calls[0]!.body);
    expect(payload.recipient).toBe("BR.1502576394655843");
    expect(payload).not.toHaveProperty("to");
  });

  it("quotes the replied-to message in `context`", async () => {
    const fake = graph().on("POST", MESSAGES, [sentAnswer("wamid.reply")]);
    await send(outbound({ replyTo: "wamid.customer-question" }));
    expect(JSON.parse(fake.calls[0]!.body).context).toEqual({ message_id: "wamid.customer-question" });
  });

  it("sends an approved template with its body parameters, and nothing else", async () => {
    const fake = graph().on("POST", MESSAGES, [sentAnswer("wamid.tpl")]);
    const file = await storedFile("ignored.pdf", "application/pdf", "%PDF-1.4");
    const template = { type: "template" as const, name: "pedido_enviado", language: "pt_BR", parameters: ["Maria", "#1234"] };
    expect(await send(outbound({ template, body: "Oi Maria, seu pedido #1234 saiu.", attachments: [file] }))).toEqual({ outcome: "sent", providerMessageId: "wamid.tpl" });
    expect(fake.calls).toHaveLength(1);
    const payload = JSON.parse(fake.calls[0]!.body);
    expect(payload.type).toBe("template");
    expect(payload.template).toEqual({
      name: "pedido_enviado",
      language: { code: "pt_BR" },
      components: [{ type: "body", parameters: [{ type: "text", text: "Maria" }, { type: "text", text: "#1234" }] }],
    });
  });

  it("sends a template without parameters without components", async () => {
    const fake = graph().on("POST", MESSAGES, [sentAnswer("wamid.hello")]);
    await send(outbound({ template: { type: "template", name: "hello_world", language: "en_US", parameters: [] } }));
    expect(JSON.parse(fake.calls[0]!.body).template).toEqual({ name: "hello_world", language: { code: "en_US" } });
  });

  it("uploads a file from R2, then sends it by media id with the text as caption", async () => {
    const fake = graph()
      .on("POST", MEDIA, [Response.json({ id: "media-777" })])
      .on("POST", MESSAGES, [sentAnswer("wamid.image")]);
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
    const file = await storedFile("recibo.png", "image/png", png);
    expect(await send(outbound({ body: "Segue o recibo 🧾", attachments: [file] }))).toEqual({ outcome: "sent", providerMessageId: "wamid.image" });

    expect(fake.calls.map((c) => c.url.pathname.split("/").pop())).toEqual(["media", "messages"]);
    const upload = fake.calls[0]!;
    expect(upload.headers.get("Authorization")).toBe(`Bearer ${ACCESS_TOKEN}`);
    const boundary = /boundary=(.+)$/.exec(upload.headers.get("Content-Type")!)![1]!;
    expect(upload.headers.get("Content-Type")).toBe(`multipart/form-data; boundary=${boundary}`);
    expect(upload.body).toContain(`name="messaging_product"\r\n\r\nwhatsapp\r\n`);
    expect(upload.body).toContain(`name="type"\r\n\r\nimage/png\r\n`);
    expect(upload.body).toContain(`name="file"; filename="recibo.png"\r\nContent-Type: image/png\r\n\r\n`);
    expect(upload.body.endsWith(`\r\n--${boundary}--\r\n`)).toBe(true);

    const payload = JSON.parse(fake.calls[1]!.body);
    expect(payload.type).toBe("image");
    expect(payload.image).toEqual({ id: "media-777", caption: "Segue o recibo 🧾" });
  });

  it("sends the bytes of the file exactly", async () => {
    let received: Uint8Array | null = null;
    const fake = graph()
      .on("POST", MEDIA, [
        async (call) => {
          received = new TextEncoder().encode(call.body);
          return Response.json({ id: "media-1" });
        },
      ])
      .on("POST", MESSAGES, [sentAnswer("wamid.doc")]);
    const text = "linha 1 — ação\nlinha 2 ✅\n".repeat(2000);
    const file = await storedFile("notas.txt", "text/plain", text);
    await send(outbound({ body: "", attachments: [file] }));
    expect(new TextDecoder().decode(received!)).toContain(`\r\n\r\n${text}\r\n--`);
    expect(JSON.parse(fake.calls[1]!.body).document).toEqual({ id: "media-1", filename: "notas.txt" });
  });

  it("sends a text too long for a caption first, then the file without a caption", async () => {
    const fake = graph()
      .on("POST", MEDIA, [Response.json({ id: "media-doc" })])
      .on("POST", MESSAGES, [sentAnswer("wamid.text"), sentAnswer("wamid.doc")]);
    const file = await storedFile("contrato.pdf", "application/pdf", "%PDF-1.7 …");
    const body = "Cláusula. ".repeat(150);
    expect(await send(outbound({ body, attachments: [file], replyTo: "wamid.q" }))).toEqual({ outcome: "sent", providerMessageId: "wamid.text" });
    const sends = fake.callsTo("POST", MESSAGES).map((c) => JSON.parse(c.body));
    expect(sends.map((p) => p.type)).toEqual(["text", "document"]);
    expect(sends[0].text.body).toBe(body.trim());
    expect(sends[0].context).toEqual({ message_id: "wamid.q" });
    expect(sends[1]).not.toHaveProperty("context");
    expect(sends[1].document).toEqual({ id: "media-doc", filename: "contrato.pdf" });
  });

  it("sends an image larger than WhatsApp's 5 MB image limit as a document", async () => {
    const fake = graph()
      .on("POST", MEDIA, [Response.json({ id: "media-big" })])
      .on("POST", MESSAGES, [sentAnswer("wamid.big")]);
    const file = await storedFile("foto.jpg", "image/jpeg", new Uint8Array(5 * 1024 * 1024 + 1));
    await send(outbound({ body: "", attachments: [file] }));
    expect(JSON.parse(fake.callsTo("POST", MESSAGES)[0]!.body).type).toBe("document");
  });

  it("splits a text longer than 4096 characters into parts, in order, all carrying our id", async () => {
    const fake = graph().on("POST", MESSAGES, [sentAnswer("wamid.p1"), sentAnswer("wamid.p2"), sentAnswer("wamid.p3")]);
    const paragraph = "Olá, aqui vão as instruções completas — passo a passo. 🙂\n";
    const body = paragraph.repeat(170).trim(); // ~9,900 characters
    const message = outbound({ body, replyTo: "wamid.q" });
    expect(await send(message)).toEqual({ outcome: "sent", providerMessageId: "wamid.p1" });
    const parts = fake.calls.map((c) => JSON.parse(c.body));
    expect(parts).toHaveLength(3);
    for (const p of parts) {
      expect(p.text.body.length).toBeLessThanOrEqual(4096);
      expect(p.biz_opaque_callback_data).toBe(message.messageId);
    }
    expect(parts.map((p) => p.text.body).join("\n")).toBe(body);
    expect(parts.map((p) => "context" in p)).toEqual([true, false, false]);
  });
});

describe("WhatsApp send: Graph's answers", () => {
  it("retries after a 500", async () => {
    graph().on("POST", MESSAGES, [graphError(500, 131000, "(#131000) Something went wrong")]);
    expect(await send()).toEqual({ outcome: "retry", reason: "(#131000) Something went wrong", retryAfterMs: null });
  });

  it("retries a 429 after its Retry-After", async () => {
    graph().on("POST", MESSAGES, [graphError(429, 130429, "(#130429) Rate limit hit", undefined, { "Retry-After": "30" })]);
    expect(await send()).toEqual({ outcome: "retry", reason: "(#130429) Rate limit hit", retryAfterMs: 30_000 });
  });

  it("retries Graph's throttling codes although they come as HTTP 400", async () => {
    graph().on("POST", MESSAGES, [graphError(400, 131056, "(#131056) (Business Account, Consumer Account) pair rate limit hit", "Message failed to send because there were too many messages sent from this phone number to the same phone number in a short period of time.")]);
    const result = await send();
    expect(result.outcome).toBe("retry");
  });

  it("fails for good on a 400, with the provider's message and details", async () => {
    graph().on("POST", MESSAGES, [graphError(400, 131047, "Re-engagement message", "Message failed to send because more than 24 hours have passed since the customer last replied to this number.")]);
    expect(await send()).toEqual({
      outcome: "failed",
      reason: "Re-engagement message — Message failed to send because more than 24 hours have passed since the customer last replied to this number.",
    });
  });

  it("fails for good on a 401 whose body is not Graph's, with the status", async () => {
    graph().on("POST", MESSAGES, [new Response("<html>nope</html>", { status: 401 })]);
    expect(await send()).toEqual({ outcome: "failed", reason: "HTTP 401" });
  });

  it("retries after a network error", async () => {
    graph().on("POST", MESSAGES, [networkFailure()]);
    const result = await send();
    expect(result).toMatchObject({ outcome: "retry", retryAfterMs: null });
    expect(result.outcome === "retry" && result.reason).toMatch(/^network error: /);
  });

  it("does not retry a 200 without a message id (WhatsApp took it; a retry could repeat it)", async () => {
    graph().on("POST", MESSAGES, [Response.json({ messaging_product: "whatsapp" })]);
    expect(await send()).toEqual({ outcome: "failed", reason: "WhatsApp accepted the message but returned no message id" });
  });

  it("retries when the upload fails, without sending the message", async () => {
    const fake = graph().on("POST", MEDIA, [graphError(503, 2, "Service temporarily unavailable")]).on("POST", MESSAGES, [sentAnswer("wamid.never")]);
    const file = await storedFile("a.png", "image/png", new Uint8Array([0x89, 0x50, 0x4e, 0x47]));
    expect(await send(outbound({ attachments: [file] }))).toEqual({ outcome: "retry", reason: "Service temporarily unavailable", retryAfterMs: null });
    expect(fake.callsTo("POST", MESSAGES)).toHaveLength(0);
  });

  it("fails for good when a later part fails after the first went out, so a retry never repeats it", async () => {
    const fake = graph().on("POST", MESSAGES, [sentAnswer("wamid.p1"), graphError(500, 131000, "(#131000) Something went wrong")]);
    const result = await send(outbound({ body: "a ".repeat(3000) }));
    expect(result).toEqual({ outcome: "failed", reason: "1 of 2 parts went out; then: (#131000) Something went wrong" });
    expect(fake.calls).toHaveLength(2);
  });

  it("fails without calling WhatsApp when a file is gone from storage", async () => {
    const fake = graph();
    const result = await send(outbound({ attachments: [{ id: crypto.randomUUID(), name: "sumiu.pdf", contentType: "application/pdf", size: 10 }] }));
    expect(result).toEqual({ outcome: "failed", reason: "sumiu.pdf is no longer stored" });
    expect(fake.calls).toHaveLength(0);
  });

  it("fails without calling WhatsApp when a file is over the 100 MB document limit", async () => {
    const fake = graph();
    const result = await send(outbound({ attachments: [{ id: "x", name: "enorme.zip", contentType: "application/zip", size: 100 * 1024 * 1024 + 1 }] }));
    expect(result).toEqual({ outcome: "failed", reason: "enorme.zip is larger than WhatsApp's 100 MB limit for files" });
    expect(fake.calls).toHaveLength(0);
  });
});

describe("splitText", () => {
  it("keeps a short text whole", () => {
    expect(splitText("oi", 10)).toEqual(["oi"]);
  });

  it("cuts at the last line break, else the last space, in the window's second half", () => {
    expect(splitText("aaaa bbbb\ncccc dddd", 12)).toEqual(["aaaa bbbb", "cccc dddd"]);
    expect(splitText("aaaa bbbb cccc", 12)).toEqual(["aaaa bbbb", "cccc"]);
  });

  it("cuts a text without spaces hard, never inside an emoji's surrogate pair", () => {
    const parts = splitText("abc😀def", 4);
    expect(parts).toEqual(["abc", "😀de", "f"]);
    expect(parts.join("")).toBe("abc😀def");
  });
});
