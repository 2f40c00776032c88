/**
 * The simulated e-mail customer and the agents' mail in the simulator: a mail becomes raw
 * MIME POSTed to wrangler dev's /cdn-cgi/handler/email with the SMTP envelope (parsed
 * back here with postal-mime, as the worker does: accents, attachment, threading
 * headers), the handler's answer is kept, a reply to an agent's mail keeps In-Reply-To
 * and References, and what the send_email binding accepted (the outbound mailer under
 * DEV_SIMULATOR=1) shows in the customer's mailbox.
 */
import { env } from "cloudflare:workers";
import PostalMime from "postal-mime";
import { beforeEach, describe, expect, it } from "vitest";
import { mailerOf } from "../../../worker/channels/email/mailer";
import type { Env } from "../../../worker/env";
import { encodedWords, rawMail } from "../../../worker/simulator/email-mime";
import { sampleImageBytes } from "../../../worker/simulator/sample-image";
import { mailStandIn } from "../channels/email-kit";
import { mailServer, PROCESSED, toWorkerEmail } from "./email-kit";
import { sampleInboxes } from "./samples";
import { sim } from "./simulator-kit";

/** The tests share one bucket: each writes as its own customer. */
let CUSTOMER = "";
let count = 0;
beforeEach(() => {
  CUSTOMER = `maria.souza.${++count}@example.com.br`;
});

async function send(inboxId: string, message: unknown, extra: Record<string, unknown> = {}) {
  return sim("/dev/simulator/api/messages", { method: "POST", json: { inboxId, customer: { id: CUSTOMER, name: "Maria Souza" }, message, ...extra } });
}

const thread = async (inboxId: string, customer = CUSTOMER) => (await sim(`/dev/simulator/api/thread?inbox=${inboxId}&customer=${encodeURIComponent(customer)}`)).body.items;

describe("the raw message", () => {
  it("encodes non-ASCII subjects as RFC 2047 words of at most 75 characters, and leaves ASCII alone", async () => {
    const subject = "Ação urgente: não recebi a 2ª via do boleto — pedido nº 4521 (São Paulo)";
    const words = encodedWords(subject).split("\r\n ");
    expect(words.length).toBeGreaterThan(1);
    for (const w of words) expect(w.length).toBeLessThanOrEqual(75);
    expect(encodedWords("Order 4521")).toBe("Order 4521");
    const raw = rawMail({ from: { address: CUSTOMER, name: "João Pereira" }, to: "suporte@example.com", subject, text: "linha 1\nlinha 2", attachment: null, messageId: "a@b", inReplyTo: null, references: [], date: new Date(0) });
    const parsed = await PostalMime.parse(raw);
    expect([parsed.subject, parsed.from?.name, parsed.text?.trim()]).toEqual([subject, "João Pereira", "linha 1\nlinha 2"]);
    expect(raw.split("\r\n").every((line) => line.length <= 998)).toBe(true);
    expect(raw).not.toMatch(/[^\r]\n/);
  });
});

describe("an e-mail customer", () => {
  it("writes a mail: raw MIME POSTed to /cdn-cgi/handler/email with the envelope, and the bubble keeps the handler's answer", async () => {
    const { email } = await sampleInboxes();
    const { posted } = mailServer();
    const res = await send(email.inbox.id, { type: "text", text: "Olá! Meu pedido nº 4521 não chegou.\nObrigada." }, { subject: "Pedido atrasado — ação" });
    expect(res.status, res.text).toBe(201);
    expect(posted).toHaveLength(1);
    expect([posted[0]!.from, posted[0]!.to]).toEqual([CUSTOMER, email.addresses[0]]);
    const parsed = await PostalMime.parse(posted[0]!.raw);
    expect(parsed.subject).toBe("Pedido atrasado — ação");
    expect(parsed.from).toEqual({ address: CUSTOMER, name: "Maria Souza" });
    expect(parsed.to).toEqual([{ address: "suporte@example.com", name: "" }]);
    expect(parsed.text?.trim()).toBe("Olá! Meu pedido nº 4521 não chegou.\nObrigada.");
    expect(parsed.inReplyTo).toBeUndefined();
    const item = res.body.item;
    expect(`<${item.providerMessageId}>`).toBe(parsed.messageId);
    expect(item.providerMessageId).toMatch(/^sim-[0-9a-f]{24}@example\.com\.br$/);
    expect(item).toMatchObject({ direction: "in", subject: "Pedido atrasado — ação", attachments: [], webhook: { status: 200, body: PROCESSED }, request: posted[0]!.raw });
    expect((await thread(email.inbox.id)).map((i: any) => i.id)).toEqual([item.id]);
  });

  it("attaches the sample picture: multipart/mixed with the PNG's exact bytes, the text as its body", async () => {
    const { email } = await sampleInboxes();
    const { posted } = mailServer();
    const res = await send(email.inbox.id, { type: "image", caption: "Segue a foto da caixa amassada." }, { subject: "Foto" });
    expect(res.status, res.text).toBe(201);
    const parsed = await PostalMime.parse(posted[0]!.raw);
    expect(parsed.text?.trim()).toBe("Segue a foto da caixa amassada.");
    expect(parsed.attachments.map((a) => [a.filename, a.mimeType, a.disposition])).toEqual([["sample-photo.png", "image/png", "attachment"]]);
    expect(new Uint8Array(parsed.attachments[0]!.content as ArrayBuffer)).toEqual(sampleImageBytes());
    expect(res.body.item.attachments).toEqual(["sample-photo.png"]);
    expect(res.body.item.media).toMatchObject({ contentType: "image/png", name: "sample-photo.png" });
  });

  it("keeps the reason when the worker rejects the mail (setReject → 400), and refuses what is not an address or a receipt (nothing posted)", async () => {
    const { email } = await sampleInboxes();
    const { posted } = mailServer(() => new Response("Worker rejected email with the following reason: no mailbox here", { status: 400 }));
    const res = await send(email.inbox.id, { type: "text", text: "oi" });
    expect(res.body.item.webhook).toEqual({ status: 400, body: "Worker rejected email with the following reason: no mailbox here" });

    const notAnAddress = await sim("/dev/simulator/api/messages", { method: "POST", json: { inboxId: email.inbox.id, customer: { id: "5511987654321" }, message: { type: "text", text: "oi" } } });
    expect([notAnAddress.status, notAnAddress.body.error.code, notAnAddress.body.error.issues[0].path]).toEqual([400, "validation_failed", ["customer", "id"]]);
    const location = await send(email.inbox.id, { type: "location", latitude: 0, longitude: 0 });
    expect([location.status, location.body.error.issues[0].path]).toEqual([400, ["message", "type"]]);
    const receipt = await sim("/dev/simulator/api/receipts", { method: "POST", json: { inboxId: email.inbox.id, customerId: CUSTOMER, itemId: res.body.item.id, status: "read" } });
    expect([receipt.status, receipt.body.error.code]).toEqual([400, "validation_failed"]);
    const unknownParent = await send(email.inbox.id, { type: "text", text: "oi" }, { replyTo: "nope@example.com" });
    expect([unknownParent.status, unknownParent.body.error.code]).toEqual([404, "message_not_found"]);
    expect(posted).toHaveLength(1);
  });
});

describe("the agents' mail", () => {
  /** The outbound mailer as `npm run dev` has it: the binding (scripted here), and the
   * simulator's mailbox as the record of what it accepted. */
  const devMailer = (inboxId: string) => mailerOf({ ...(env as unknown as Env), DEV_SIMULATOR: "1" }, inboxId)!;

  it("shows what the binding accepted, in the thread of each recipient (To and Cc), under the Message-ID it answered", async () => {
    const { email } = await sampleInboxes();
    const binding = mailStandIn([{ messageId: "<cf-sb-1.abc@example.com>" }]);
    const result = await devMailer(email.inbox.id).send({
      from: { email: "suporte@example.com", name: "Ana via Suporte Switchboard" },
      to: CUSTOMER,
      cc: [{ email: "Financeiro@Cliente.example", name: "" }],
      subject: "Re: Pedido atrasado",
      text: "Olá Maria, <b>já</b> reenviamos.",
      html: "<p>Olá Maria, &lt;b&gt;já&lt;/b&gt; reenviamos.</p>",
      headers: { "In-Reply-To": "<sim-1@example.com.br>", References: "<sim-0@example.com.br> <sim-1@example.com.br>" },
      attachments: [{ disposition: "attachment", filename: "nota.pdf", type: "application/pdf", content: new Uint8Array([37, 80, 68, 70]) }],
    });
    expect(result).toEqual({ messageId: "<cf-sb-1.abc@example.com>" });
    expect(binding.sent).toHaveLength(1);
    const [out] = await thread(email.inbox.id);
    expect(out).toMatchObject({ direction: "out", providerMessageId: "cf-sb-1.abc@example.com", subject: "Re: Pedido atrasado", text: "Olá Maria, <b>já</b> reenviamos.", replyTo: "sim-1@example.com.br", attachments: ["nota.pdf"], callbackData: "<sim-0@example.com.br> <sim-1@example.com.br>" });
    expect(JSON.parse(out.request)).toMatchObject({ to: CUSTOMER, attachments: [{ filename: "nota.pdf", type: "application/pdf", disposition: "attachment" }] });
    expect((await thread(email.inbox.id, "financeiro@cliente.example")).map((i: any) => i.providerMessageId)).toEqual(["cf-sb-1.abc@example.com"]);
  });

  it("keeps a mail in the inbox it was sent from only, and nothing the binding refused", async () => {
    const { email, whatsapp } = await sampleInboxes();
    mailStandIn([{ messageId: "<cf-2@example.com>" }, Object.assign(new Error("daily limit"), { code: "E_DAILY_LIMIT_EXCEEDED" })]);
    await devMailer(email.inbox.id).send({ from: "financeiro@example.com", to: CUSTOMER, subject: "Boleto", text: "Segue o boleto." });
    expect(await thread(email.inbox.id)).toMatchObject([{ direction: "out", providerMessageId: "cf-2@example.com", subject: "Boleto" }]);
    expect(await thread(whatsapp.inbox.id)).toEqual([]);
    await expect(devMailer(email.inbox.id).send({ from: "financeiro@example.com", to: CUSTOMER, subject: "De novo", text: "x" })).rejects.toThrow("daily limit");
    expect(await thread(email.inbox.id)).toHaveLength(1);
  });

  it("the customer's reply to it keeps In-Reply-To and the References chain, and its subject gets one Re:", async () => {
    const { email } = await sampleInboxes();
    const { posted } = mailServer();
    mailStandIn([{ messageId: "<sb-c-2.r@example.com>" }]);
    const first = await send(email.inbox.id, { type: "text", text: "Meu pedido atrasou." }, { subject: "Pedido atrasado" });
    const theirs = first.body.item.providerMessageId;
    await devMailer(email.inbox.id).send({
      from: "suporte@example.com",
      to: CUSTOMER,
      subject: "Re: Pedido atrasado",
      text: "Já reenviamos.",
      headers: { "In-Reply-To": `<${theirs}>`, References: `<${theirs}>` },
    });
    const reply = await send(email.inbox.id, { type: "text", text: "Obrigada, chegou!\n\n> Já reenviamos." }, { replyTo: "sb-c-2.r@example.com" });
    expect(reply.status, reply.text).toBe(201);
    const parsed = await PostalMime.parse(posted[1]!.raw);
    expect(parsed.inReplyTo).toBe("<sb-c-2.r@example.com>");
    expect(parsed.references).toBe(`<${theirs}> <sb-c-2.r@example.com>`);
    expect(parsed.subject).toBe("Re: Pedido atrasado");
    expect(reply.body.item).toMatchObject({ replyTo: "sb-c-2.r@example.com", subject: "Re: Pedido atrasado" });
    expect((await thread(email.inbox.id)).map((i: any) => i.direction)).toEqual(["in", "out", "in"]);
  });
});

describe("through the worker's own email() handler", () => {
  it("a customer's mail is processed (200), and the same mail to an address no inbox owns is rejected with a reason", async () => {
    const { email } = await sampleInboxes();
    const { posted } = mailServer(toWorkerEmail);
    const res = await send(email.inbox.id, { type: "text", text: "Olá, preciso de ajuda." }, { subject: "Ajuda" });
    expect(res.body.item.webhook, JSON.stringify(res.body)).toEqual({ status: 200, body: PROCESSED });
    // Routing falls back to the To/Cc/Delivered-To headers when the envelope recipient is
    // not ours (worker/channels/email/route.ts), so the headers say the same address.
    const raw = posted[0]!.raw.replace(/^To: .*$/m, "To: ninguem@nowhere.example");
    const elsewhere = await toWorkerEmail({ ...posted[0]!, raw, to: "ninguem@nowhere.example" });
    expect(elsewhere.status).toBe(400);
    expect(await elsewhere.text()).toMatch(/^Worker rejected email with the following reason: ./);
  });
});

