/**
 * E-mail replies, asserted at the `send_email` binding (a stand-in for its send, see
 * email-kit.ts): the threading headers (In-Reply-To, References with our marker, capped
 * at Email Service's 2,048-byte header value), the reply-to token, `Re:` once, the
 * plain-text part with the signature and the HTML part escaped, Cc, files from R2, the
 * 5 MiB limit, and how the binding's throws become SendResults.
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { emailAdapter } from "../../../worker/channels/email/adapter";
import { replySubject } from "../../../worker/channels/email/mime-headers";
import type { OutboundEmail, OutboundMessage, ProviderContext } from "../../../worker/channels/types";
import type { EmailContent } from "../../../worker/protocol";
import { CUSTOMER, INBOX_SETTINGS, mailError, mailStandIn } from "./email-kit";
import { outbound, storedFile } from "./whatsapp-kit";

const CONVERSATION = "0b6f2a4e-5d1c-4c37-9a57-2f1e8c4d7a10";

function envelope(overrides: Partial<EmailContent> = {}): EmailContent {
  return {
    type: "email",
    subject: "Re: Pedido 4521 não chegou",
    from: { address: "suporte@loja.example.com.br", name: "Ana via Loja Exemplo" },
    to: [{ address: CUSTOMER, name: "Maria Silva" }],
    cc: [],
    messageId: null,
    fullText: null,
    htmlFileId: null,
    rawFileId: null,
    ...overrides,
  };
}

function reply(overrides: Partial<OutboundMessage> = {}, email: Partial<OutboundEmail> = {}): OutboundMessage {
  return outbound({
    conversationId: CONVERSATION,
    seq: 7,
    recipient: CUSTOMER,
    body: "Olá Maria,\nseu pedido sai amanhã.",
    email: { content: envelope(), inReplyTo: "CAF-2@mail.cliente.example.net", references: ["CAF-1@mail.cliente.example.net", "CAF-2@mail.cliente.example.net"], ...email },
    ...overrides,
  });
}

function context(settings = INBOX_SETTINGS, mail: SendEmail | undefined = env.EMAIL): ProviderContext<"email"> {
  return { config: { inboxId: "inbox-1", kind: "email", settings, credentials: {} }, baseUrl: "", files: env.FILES, fetch, ...(mail ? { mail } : {}) };
}

const send = (message: OutboundMessage, ctx = context()) => emailAdapter.send(message, ctx);

describe("e-mail reply: envelope and threading", () => {
  it("one send: from the inbox address with the stored name, to the customer, Re: subject, reply-to token, In-Reply-To and References", async () => {
    const mail = mailStandIn([{ messageId: "<0100018f-abc@loja.example.com.br>" }]);
    const result = await send(reply());
    expect(result).toEqual({ outcome: "sent", providerMessageId: "0100018f-abc@loja.example.com.br" });
    expect(mail.sent).toHaveLength(1);
    const m = mail.sent[0]!;
    expect(m.from).toEqual({ email: "suporte@loja.example.com.br", name: "Ana via Loja Exemplo" });
    expect(m.to).toEqual([CUSTOMER]);
    expect(m).not.toHaveProperty("cc");
    expect(m.subject).toBe("Re: Pedido 4521 não chegou");
    expect(m.replyTo).toBe(`suporte+sb-${CONVERSATION}@loja.example.com.br`);
    expect(m.headers!["In-Reply-To"]).toBe("<CAF-2@mail.cliente.example.net>");
    const refs = m.headers!.References!.split(" ");
    expect(refs[0]).toMatch(new RegExp(`^<sb-${CONVERSATION}-7\\.[0-9a-f]{16}@loja\\.example\\.com\\.br>$`));
    expect(refs.slice(1)).toEqual(["<CAF-1@mail.cliente.example.net>", "<CAF-2@mail.cliente.example.net>"]);
    // Email Service sets Message-ID itself and refuses one from us.
    expect(Object.keys(m.headers!).sort()).toEqual(["In-Reply-To", "References"]);
  });

  it("a first reply to a mail without Message-ID has no In-Reply-To, and References is our marker alone", async () => {
    const mail = mailStandIn();
    await send(reply({}, { inReplyTo: null, references: [] }));
    expect(mail.sent[0]!.headers).not.toHaveProperty("In-Reply-To");
    expect(mail.sent[0]!.headers!.References).toMatch(/^<sb-[^ ]+>$/);
  });

  it("References stays within 2,048 bytes on a long thread: our marker, the root and the newest ids are kept", async () => {
    const mail = mailStandIn();
    const ids = Array.from({ length: 80 }, (_, i) => `msg-${String(i).padStart(3, "0")}.${"x".repeat(30)}@mail.cliente.example.net`);
    await send(reply({}, { inReplyTo: ids[79]!, references: ids }));
    const value = mail.sent[0]!.headers!.References!;
    expect(new TextEncoder().encode(value).byteLength).toBeLessThanOrEqual(2048);
    const refs = value.split(" ");
    expect(refs[0]).toMatch(/^<sb-/);
    expect(refs[1]).toBe(`<${ids[0]}>`);
    expect(refs.at(-1)).toBe(`<${ids[79]}>`);
    expect(refs.at(-2)).toBe(`<${ids[78]}>`);
    expect(refs).not.toContain(`<${ids[1]}>`);
  });

  it("an id that would break the header (spaces, brackets) is left out of References and In-Reply-To", async () => {
    const mail = mailStandIn();
    await send(reply({}, { inReplyTo: "bad id>\r\nBcc: x@y", references: ["ok@a.example", "not ok@b"] }));
    expect(mail.sent[0]!.headers).not.toHaveProperty("In-Reply-To");
    expect(mail.sent[0]!.headers!.References).not.toMatch(/not ok|Bcc/);
    expect(mail.sent[0]!.headers!.References).toContain("<ok@a.example>");
  });

  it("Re: is never stacked (Re:, RE:, RES:, Res[2]:, AW:)", () => {
    expect(replySubject("Re: Re: RES: Pedido 4521")).toBe("Re: Pedido 4521");
    expect(replySubject("res[2]: AW: Boleto vencido")).toBe("Re: Boleto vencido");
    expect(replySubject("Reembolso do pedido")).toBe("Re: Reembolso do pedido");
    expect(replySubject("x".repeat(2000))).toHaveLength(998);
  });
});

describe("e-mail reply: bodies", () => {
  it("the text part is the body then the signature after '-- '; the HTML part escapes everything the agent wrote", async () => {
    const mail = mailStandIn();
    const body = 'Veja: <script>alert("x")</script> & <b>negrito</b>\nlinha 2';
    await send(reply({ body }));
    const m = mail.sent[0]!;
    expect(m.text).toBe(`${body}\n\n-- \nEquipe Loja Exemplo\nhttps://loja.example.com.br\n`);
    expect(m.html).not.toContain("<script");
    expect(m.html).not.toContain("<b>");
    expect(m.html).toContain("Veja: &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;b&gt;negrito&lt;/b&gt;<br>\nlinha 2");
    expect(m.html).toContain("Equipe Loja Exemplo<br>\nhttps://loja.example.com.br");
  });

  it("no signature: the text part is the body alone", async () => {
    const mail = mailStandIn();
    await send(reply({ body: "Obrigado!" }), context({ ...INBOX_SETTINGS, signature: "" }));
    expect(mail.sent[0]!.text).toBe("Obrigado!\n");
    expect(mail.sent[0]!.html).not.toContain("-- ");
  });
});

describe("e-mail reply: Cc and files", () => {
  it("Cc as stored on the reply, without the addresses already in To", async () => {
    const mail = mailStandIn();
    const cc = [
      { address: "joao@cliente.example.net", name: "João" },
      { address: CUSTOMER, name: null },
    ];
    await send(reply({}, { content: envelope({ cc }) }));
    expect(mail.sent[0]!.cc).toEqual(["joao@cliente.example.net"]);
  });

  it("more than 49 Cc fails before calling the binding (Email Service takes 50 recipients)", async () => {
    const mail = mailStandIn();
    const cc = Array.from({ length: 50 }, (_, i) => ({ address: `p${i}@cliente.example.net`, name: null }));
    const result = await send(reply({}, { content: envelope({ cc }) }));
    expect(result).toMatchObject({ outcome: "failed" });
    expect((result as { reason: string }).reason).toMatch(/at most 49/);
    expect(mail.sent).toHaveLength(0);
  });

  it("files from R2 go as attachments with their exact bytes, names and types", async () => {
    const mail = mailStandIn();
    const pdf = await storedFile("nota-fiscal.pdf", "application/pdf", new Uint8Array([0x25, 0x50, 0x44, 0x46, 1, 2, 3]));
    const jpg = await storedFile("foto.jpg", "image/jpeg; charset=binary", new Uint8Array([0xff, 0xd8, 0xff, 9]));
    await send(reply({ attachments: [pdf, jpg] }));
    const files = mail.sent[0]!.attachments!;
    expect(files.map((f) => [f.filename, f.type, f.disposition])).toEqual([
      ["nota-fiscal.pdf", "application/pdf", "attachment"],
      ["foto.jpg", "image/jpeg", "attachment"],
    ]);
    expect(new Uint8Array(files[0]!.content as ArrayBuffer)).toEqual(new Uint8Array([0x25, 0x50, 0x44, 0x46, 1, 2, 3]));
    expect(new Uint8Array(files[1]!.content as ArrayBuffer)).toEqual(new Uint8Array([0xff, 0xd8, 0xff, 9]));
  });

  it("a file gone from R2 fails the reply with its name; nothing is sent", async () => {
    const mail = mailStandIn();
    const result = await send(reply({ attachments: [{ id: crypto.randomUUID(), name: "sumiu.pdf", contentType: "application/pdf", size: 10 }] }));
    expect(result).toEqual({ outcome: "failed", reason: "sumiu.pdf is no longer stored" });
    expect(mail.sent).toHaveLength(0);
  });

  it("files over Email Service's 5 MiB (base64-encoded) fail before calling the binding", async () => {
    const mail = mailStandIn();
    const big = { id: crypto.randomUUID(), name: "video.mp4", contentType: "video/mp4", size: 4 * 1024 * 1024 };
    const result = await send(reply({ attachments: [big] }));
    expect(result).toMatchObject({ outcome: "failed" });
    expect((result as { reason: string }).reason).toMatch(/5 MiB/);
    expect(mail.sent).toHaveLength(0);
  });
});

describe("e-mail reply: the binding's failures", () => {
  it("throttling is retried, after a minute at least", async () => {
    mailStandIn([mailError("E_RATE_LIMIT_EXCEEDED", "Rate limit exceeded")]);
    const result = await send(reply());
    expect(result).toMatchObject({ outcome: "retry", retryAfterMs: 60_000 });
    expect((result as { reason: string }).reason).toContain("E_RATE_LIMIT_EXCEEDED");
  });

  it("the service's internal error and a throw without a code (binding unreachable) are retried", async () => {
    mailStandIn([mailError("E_INTERNAL_SERVER_ERROR", "try later"), new Error("Network connection lost.")]);
    expect(await send(reply())).toMatchObject({ outcome: "retry", retryAfterMs: null });
    const second = await send(reply());
    expect(second).toMatchObject({ outcome: "retry" });
    expect((second as { reason: string }).reason).toBe("the send_email binding failed: Network connection lost.");
  });

  it("a suppressed or invalid recipient fails for good, with the reason", async () => {
    mailStandIn([mailError("E_RECIPIENT_SUPPRESSED", "maria.silva@cliente.example.net is suppressed"), mailError("E_VALIDATION_ERROR", "invalid 'to'")]);
    expect(await send(reply())).toEqual({
      outcome: "failed",
      reason: "the recipient's address is on Email Service's suppression list (it bounced or reported spam) (E_RECIPIENT_SUPPRESSED: maria.silva@cliente.example.net is suppressed)",
    });
    expect(await send(reply())).toMatchObject({ outcome: "failed", reason: expect.stringContaining("E_VALIDATION_ERROR") });
  });

  it("no EMAIL binding: retried (an admin can add it) and the reason says what is missing", async () => {
    const result = await send(reply(), { ...context(), mail: undefined });
    expect(result).toMatchObject({ outcome: "retry", reason: expect.stringContaining("send_email binding named EMAIL") });
  });
});
