/**
 * Raw MIME through parseEmail: every shared fixture and our own (plain, HTML-only,
 * alternative, mixed with attachments, inline image, ISO-8859-1 and Windows-1252
 * Portuguese, quoted-printable and base64, Outlook and Gmail replies in pt-BR), asserting
 * the exact ParsedEmail the email() handler receives.
 */
import { describe, expect, it } from "vitest";
import { parseEmail } from "../../../worker/channels/email/parse";
import { EML, OUR_MESSAGE_ID, bytes, latin1Message } from "./email-fixtures";

const SUPORTE = { address: "suporte@loja.example.com", name: "Suporte Loja" };
const text = (buffer: ArrayBuffer) => new TextDecoder().decode(buffer);

describe("bodies and charsets", () => {
  it("plain UTF-8 quoted-printable: accents, RFC 2047 subject and name, addresses lower-cased", async () => {
    const mail = await parseEmail(bytes(EML.plainUtf8Qp));
    expect(mail).toEqual({
      messageId: "CAF3xk1pQ7@mail.cliente.example.com.br",
      inReplyTo: [],
      references: [],
      subject: "Pedido nº 4471 não chegou",
      from: { address: "joana.silva@cliente.example.com.br", name: "Joãna Silva" },
      to: [SUPORTE],
      cc: [],
      deliveredTo: ["suporte@loja.example.com"],
      date: Date.parse("2026-12-02T12:15:42Z"),
      text:
        "Olá, bom dia!\n\nMeu pedido nº 4471 ainda não chegou. A previsão era terça-feira e até agora nada; " +
        "vocês poderiam verificar a situação da entrega, por favor?\n\nObrigada,\nJoana",
      fullText: null,
      html: null,
      attachments: [],
      automatic: null,
      report: null,
    });
  });

  it("ISO-8859-1 quoted-printable: body, subject and display name in Portuguese", async () => {
    const mail = await parseEmail(bytes(EML.latin1Qp));
    expect(mail.subject).toBe("Devolução do cartão");
    expect(mail.from).toEqual({ address: "jose@example.com.br", name: "José Conceição" });
    expect(mail.text).toBe(
      "Prezados,\n\nSolicito a devolução do cartão; a cobrança em duplicidade é de R$ 89,90.\nAção necessária até amanhã.\n\nJosé Conceição",
    );
  });

  it("ISO-8859-1 as raw 8-bit bytes", async () => {
    const mail = await parseEmail(latin1Message("Não recebi a confirmação; ação urgente é necessária."));
    expect(mail.text).toBe("Não recebi a confirmação; ação urgente é necessária.");
  });

  it("Windows-1252 base64: curly quotes, en dash, euro sign and ellipsis (bytes ISO-8859-1 lacks)", async () => {
    const mail = await parseEmail(bytes(EML.windows1252Base64));
    expect(mail.subject).toBe("“Promoção” não aplicada – € 20");
    expect(mail.from).toEqual({ address: "marilia@example.com.br", name: "Marília" });
    expect(mail.text).toBe("Olá,\n\nA “promoção” de € 20 não foi aplicada – já tentei três vezes…\n\nMarília");
  });

  it("multipart/alternative with base64 parts: the text part is the body, the HTML kept, Cc normalized", async () => {
    const mail = await parseEmail(bytes(EML.alternativeBase64));
    expect(mail.subject).toBe("Orçamento para 50 unidades");
    expect(mail.text).toBe("Bom dia,\n\nGostaria de um orçamento para 50 unidades do modelo ção-2.\n\nAtenciosamente,\nAna");
    expect(mail.html).toContain("<b>orçamento</b>");
    expect(mail.to).toEqual([{ address: "vendas@loja.example.com", name: "Vendas" }]);
    expect(mail.cc).toEqual([
      { address: "bruno@example.net", name: "Bruno Lima" },
      { address: "financeiro@loja.example.com", name: null },
    ]);
    expect(mail.attachments).toEqual([]);
  });

  it("HTML only: text derived from the HTML (no script, style or title; entities decoded; breaks kept)", async () => {
    const mail = await parseEmail(bytes(EML.htmlOnly));
    expect(mail.text).toBe(
      "Olá, equipe!\n\nQuero trocar o tênis tamanho 42 pelo 43 & manter a cor.\nPedido: #9912\nValor: R$ 249,90\n\n" +
        "• Nota fiscal anexa\n• Caixa original\n\nObrigado <3",
    );
    expect(mail.html).toContain("<script>");
    expect(mail.fullText).toBeNull();
  });

  it("a message with neither text nor HTML part and no headers still parses (postal-mime's mixed.eml)", async () => {
    const mail = await parseEmail(bytes(EML.postalMimeMixed));
    expect(mail.text).toBe("This e-mail message has been scanned for Viruses and Content and cleared\n\nGood Morning;");
    expect(mail.from).toEqual({ address: "", name: null });
    expect(mail.messageId).toBeNull();
    expect(mail.subject).toBe("");
    expect(mail.date).toBeNull();
  });

  it("a ReadableStream (the email() handler's message.raw) parses like the buffer", async () => {
    const buffer = bytes(EML.latin1Qp);
    const stream = new Blob([buffer]).stream();
    expect(await parseEmail(stream)).toEqual(await parseEmail(buffer));
  });
});

describe("files", () => {
  it("multipart/mixed: each attachment with its bytes, RFC 2231 names decoded, paths stripped", async () => {
    const mail = await parseEmail(bytes(EML.mixedAttachments));
    expect(mail.text).toBe("Segue o comprovante e a planilha.");
    expect(mail.attachments.map(({ bytes: _, ...rest }) => rest)).toEqual([
      { name: "comprovante.pdf", contentType: "application/pdf", inline: false, contentId: null },
      { name: "relatório de peças.csv", contentType: "text/csv", inline: false, contentId: null },
      { name: "passwd", contentType: "application/octet-stream", inline: false, contentId: null },
    ]);
    expect(text(mail.attachments[0]!.bytes)).toBe("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");
    expect(text(mail.attachments[1]!.bytes)).toBe("produto;quantidade\ncamiseta;3\n");
  });

  it("an inline image in multipart/related: inline, its Content-ID without brackets, a made-up name", async () => {
    const mail = await parseEmail(bytes(EML.inlineImageRelated));
    expect(mail.text).toBe("Veja a imagem:");
    expect(mail.attachments).toHaveLength(1);
    const [image] = mail.attachments;
    expect({ ...image, bytes: image!.bytes.byteLength }).toEqual({
      name: "image-1.png",
      contentType: "image/png",
      inline: true,
      contentId: "logo.1a2b@example.com",
      bytes: 70,
    });
    expect([...new Uint8Array(image!.bytes, 0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
  });

  it("nodemailer's unicode message: encoded subject, two inline images by cid, a UTF-8 file name", async () => {
    const mail = await parseEmail(bytes(EML.nodemailerUnicode));
    expect(mail.subject).toBe("Nodemailer is unicode friendly ✔ (1476358788189)");
    expect(mail.messageId).toBe("012d606e-3550-2d94-b566-6cd996de88e3@kreata.ee");
    expect(mail.to).toEqual([
      { address: "andris+123@kreata.ee", name: "Andris Reinman" },
      { address: "andris.reinman@gmail.com", name: null },
    ]);
    expect(mail.deliveredTo).toEqual(["andris.reinman@gmail.com"]);
    expect(mail.text).toBe("Hello to myself! http://www.nodemailer.com/");
    expect(mail.attachments.map((a) => [a.name, a.contentType, a.inline, a.contentId, a.bytes.byteLength])).toEqual([
      ["attachment-1", "text/watch-html", false, null, 22],
      ["image.png", "image/png", true, "note@example.com", 126],
      ["nyan cat ✔.gif", "image/gif", true, "nyan@example.com", 29361],
      ["notes.txt", "text/plain", false, null, 28],
    ]);
    expect(mail.automatic).toBeNull();
  });
});

describe("replies", () => {
  it("Outlook reply in pt-BR: the 'De: … Enviado: …' block and what follows cut, signature kept", async () => {
    const mail = await parseEmail(bytes(EML.outlookReplyPtbr));
    expect(mail.inReplyTo).toEqual([OUR_MESSAGE_ID]);
    expect(mail.references).toEqual([OUR_MESSAGE_ID]);
    expect(mail.from).toEqual({ address: "paulo.mendes@empresa.example.com", name: "Paulo Mendes" });
    expect(mail.text).toBe("Bom dia, ainda não recebi o reembolso.\nPodem confirmar a data?\n\nAtt.,\nPaulo Mendes\nGerente Financeiro");
    expect(mail.fullText).toContain("Enviado: terça-feira, 1 de dezembro de 2026 18:03");
    expect(mail.fullText).toContain("Olá Paulo, o reembolso foi solicitado e cai em até 5 dias úteis.");
  });

  it("Gmail reply in pt-BR: the wrapped 'Em … escreveu:' header and the quote cut", async () => {
    const mail = await parseEmail(bytes(EML.gmailReplyPtbr));
    expect(mail.messageId).toBe("CAHx9Lk2dV3gq+Gm_6ppXq1J8xYzQ1a=rT@mail.gmail.example");
    expect(mail.inReplyTo).toEqual([OUR_MESSAGE_ID]);
    expect(mail.text).toBe("Perfeito, obrigada! Vou aguardar o código de rastreio.");
    expect(mail.fullText).toBe(
      "Perfeito, obrigada! Vou aguardar o código de rastreio.\n\n" +
        "Em ter., 1 de dez. de 2026 às 18:03, Suporte Loja <suporte@loja.example.com>\nescreveu:\n\n" +
        "> Olá Renata, seu pedido foi despachado hoje.\n>\n> Equipe Loja\n>",
    );
  });

  it("References and In-Reply-To split into ids, brackets off, each once, in order", async () => {
    const raw = [
      "From: a@example.com",
      "To: suporte@loja.example.com",
      "Message-ID:   <abc.123@Example.COM>  ",
      "In-Reply-To: <x1@example.com> (a comment)",
      "References: <r1@example.com>",
      " <r2@example.com>\t<r1@example.com>",
      "  <r3@example.com>",
      "",
      "oi",
      "",
    ].join("\r\n");
    const mail = await parseEmail(bytes(raw));
    expect(mail.messageId).toBe("abc.123@Example.COM");
    expect(mail.inReplyTo).toEqual(["x1@example.com"]);
    expect(mail.references).toEqual(["r1@example.com", "r2@example.com", "r3@example.com"]);
  });

  it("address groups are flattened and duplicates dropped", async () => {
    const raw = [
      "From: =?UTF-8?B?Sm/Do28=?= <JOAO@example.com>",
      "To: Equipe: a@example.com, \"B\" <b@example.com>;, A@EXAMPLE.com",
      "Cc: undisclosed-recipients:;",
      "",
      "oi",
      "",
    ].join("\r\n");
    const mail = await parseEmail(bytes(raw));
    expect(mail.from).toEqual({ address: "joao@example.com", name: "João" });
    expect(mail.to).toEqual([
      { address: "a@example.com", name: null },
      { address: "b@example.com", name: "B" },
    ]);
    expect(mail.cc).toEqual([]);
  });
});
