/**
 * A mail's files: the original (.eml) and its HTML part stored in R2 for the console,
 * attachments as the message's files, each labelled with its conversation; an attachment
 * over the limit is left out with a note in the body, and the message is still stored.
 * The stored EmailContent carries what the console shows around the body.
 */
import { describe, expect, it, vi } from "vitest";
import { env } from "cloudflare:workers";
import { conversationsOf, eventsOf, messagesIn } from "./channel-world";
import { deliver, emailInbox, emailMessage, mail, rawOf, storedIn } from "./email-receive-kit";
import { receiveEmail } from "../../../worker/channels/email/receive";
import { owner } from "../fixtures";
import { MAX_EMAIL_FILE_BYTES } from "../../../worker/channels/email/inbound-limits";

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);

async function stored(id: string) {
  const object = await env.FILES.get(`files/${id}`);
  if (!object) throw new Error(`files/${id} not in R2`);
  return { text: await object.text(), contentType: object.httpMetadata?.contentType, meta: object.customMetadata };
}

describe("email() files", () => {
  it("stores the original, the HTML part and the attachments in R2 under the conversation", async () => {
    await emailInbox({ addresses: ["suporte@files1.test"] });
    const m = mail({
      to: [{ address: "suporte@files1.test", name: "Suporte" }],
      cc: [{ address: "chefe@customer.test", name: "Chefe" }],
      html: "<p>Olá, <b>meu pedido</b> não chegou.</p><script>alert(1)</script>",
      text: "Olá, meu pedido não chegou.",
      fullText: "Olá, meu pedido não chegou.\n\n> Em seg., Suporte escreveu:\n> Pedido recebido.",
      attachments: [
        { name: "nota-fiscal.pdf", contentType: "application/pdf", inline: false, contentId: null, bytes: new TextEncoder().encode("%PDF-1.4 nota").buffer as ArrayBuffer },
        { name: "foto.png", contentType: "image/png", inline: true, contentId: "foto@customer", bytes: PNG.buffer as ArrayBuffer },
      ],
    });
    const conversationId = storedIn(await deliver(m));
    const [message] = messagesIn(await eventsOf(await owner(), conversationId));
    expect(message?.body).toBe("Olá, meu pedido não chegou.");
    expect(message?.attachments?.map((a) => [a.name, a.contentType, a.size])).toEqual([
      ["nota-fiscal.pdf", "application/pdf", 13],
      ["foto.png", "image/png", PNG.byteLength],
    ]);
    for (const a of message!.attachments!) expect((await stored(a.id)).meta).toEqual({ conversationId, name: a.name });
    // The inline image keeps its Content-ID, which the HTML's cid: names.
    expect(message?.attachments?.map((a) => a.contentId)).toEqual([undefined, "foto@customer"]);
    const content = message?.content;
    if (content?.type !== "email") throw new Error("no EmailContent");
    expect(content).toMatchObject({
      subject: "Pedido atrasado",
      from: { address: "ana@customer.test", name: "Ana Souza" },
      to: [{ address: "suporte@files1.test", name: "Suporte" }],
      cc: [{ address: "chefe@customer.test", name: "Chefe" }],
      messageId: m.messageId,
      fullText: m.fullText,
    });
    const raw = await stored(content.rawFileId!);
    expect(raw).toEqual({ text: rawOf(m), contentType: "message/rfc822", meta: { conversationId, name: "message.eml" } });
    const html = await stored(content.htmlFileId!);
    expect(html).toEqual({ text: m.html, contentType: "text/html", meta: { conversationId, name: "message.html" } });
  });

  it("leaves out an attachment over the limit with a note naming it, and still stores the message", async () => {
    await emailInbox({ addresses: ["suporte@files2.test"] });
    const m = mail({
      to: [{ address: "suporte@files2.test", name: null }],
      text: "Segue o vídeo e o contrato.",
      attachments: [
        { name: "video.mp4", contentType: "video/mp4", inline: false, contentId: null, bytes: new ArrayBuffer(MAX_EMAIL_FILE_BYTES + 1) },
        { name: "contrato.pdf", contentType: "application/pdf", inline: false, contentId: null, bytes: new TextEncoder().encode("%PDF-1.4").buffer as ArrayBuffer },
      ],
    });
    const conversationId = storedIn(await deliver(m));
    const [message] = messagesIn(await eventsOf(await owner(), conversationId));
    expect(message?.body).toBe("Segue o vídeo e o contrato.\n\n[attachment not kept: video.mp4 (larger than 10 MB); it is in the original message]");
    expect(message?.attachments?.map((a) => a.name)).toEqual(["contrato.pdf"]);
  });

  it("a redelivered mail copies no files again", async () => {
    await emailInbox({ addresses: ["suporte@files3.test"] });
    const m = mail({ to: [{ address: "suporte@files3.test", name: null }], attachments: [{ name: "a.pdf", contentType: "application/pdf", inline: false, contentId: null, bytes: new ArrayBuffer(8) }] });
    const conversationId = storedIn(await deliver(m));
    const count = async () => (await env.FILES.list({ prefix: "files/" })).objects.length;
    const before = await count();
    expect((await deliver(m)).outcome).toMatchObject({ conversationId, duplicates: 1 });
    expect(await count()).toBe(before);
  });
});

describe("email() failures", () => {
  it("an R2 failure throws (a temporary failure the sending server retries) with nothing in the console, and the retry stores the mail once", async () => {
    const inbox = await emailInbox({ addresses: ["suporte@fail1.test"] });
    const m = mail({ to: [{ address: "suporte@fail1.test", name: null }] });
    const put = vi.spyOn(env.FILES, "put").mockRejectedValueOnce(new Error("R2 down"));
    const first = deliver(m);
    await expect(first).rejects.toThrow("R2 down");
    put.mockRestore();
    expect(await conversationsOf(inbox.id)).toEqual([]);
    const conversationId = storedIn(await deliver(m));
    expect(messagesIn(await eventsOf(await owner(), conversationId)).map((x) => x.body)).toEqual(["Olá, meu pedido não chegou."]);
  });
  it("D1 being down is a temporary failure, never a reject: the sending server retries and the retry stores it", async () => {
    const inbox = await emailInbox({ addresses: ["suporte@fail2.test"] });
    const m = mail({ to: [{ address: "suporte@fail2.test", name: null }] });
    const prepare = vi.spyOn(env.DB, "prepare").mockImplementationOnce(() => {
      throw new Error("D1_ERROR: network connection lost");
    });
    const { message, state } = emailMessage(rawOf(m), { from: m.from.address, to: "suporte@fail2.test" });
    await expect(receiveEmail(message, env, async () => m)).rejects.toThrow("network connection lost");
    prepare.mockRestore();
    expect(state.rejected).toBeNull();
    expect(await conversationsOf(inbox.id)).toEqual([]);
    expect((await deliver(m)).outcome).toMatchObject({ result: "stored", stored: 1 });
  });
});
