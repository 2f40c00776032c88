/**
 * E-mail on the channel seam: a sending adapter with no webhook (its mail comes through
 * the Worker's email() handler), so the delivery queue, the service window and the inbox
 * routes find it and the webhook routes do not; an e-mail inbox has no credentials to
 * open; and under `npm run dev` the sent mail is handed to the simulator's mailbox.
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { channelConfigOf } from "../../../worker/channels/config";
import { mailerOf } from "../../../worker/channels/email/mailer";
import { sendingAdapterFor, webhookAdapterFor, webhookPathOf, webhookPaths } from "../../../worker/channels/registry";
import { database } from "../../../worker/db/client";
import { findInbox } from "../../../worker/db/inboxes";
import { readThread } from "../../../worker/simulator/state";
import { call } from "../http-client";
import { owner } from "../fixtures";
import { emailConversation, INBOX_SETTINGS, mailStandIn } from "./email-kit";

describe("e-mail on the seam", () => {
  it("is a sending adapter, not a webhook one: no webhook path, no base URL, no service window", () => {
    const adapter = sendingAdapterFor("email");
    expect(adapter?.kind).toBe("email");
    expect(adapter?.baseUrl).toBeUndefined();
    expect(adapter?.serviceWindow).toBeUndefined();
    expect(webhookAdapterFor("email")).toBeNull();
    expect(webhookPathOf("email", "inbox-1")).toBeNull();
    expect([...webhookPaths().values()].flatMap((p) => p.kinds)).not.toContain("email");
    // The webhook kinds are sending adapters too.
    expect(sendingAdapterFor("whatsapp")?.kind).toBe("whatsapp");
    expect(sendingAdapterFor("webchat")).toBeNull();
  });

  it("an e-mail inbox's configuration opens without credentials", async () => {
    const c = await emailConversation();
    const inbox = (await findInbox(database(env.DB), c.inboxId))!;
    expect(await channelConfigOf(env, inbox)).toMatchObject({ kind: "email", credentials: {}, settings: { addresses: INBOX_SETTINGS.addresses } });
  });

  it("test connection reports the binding and the address replies go out from", async () => {
    const c = await emailConversation();
    const res = await call(`/api/v1/inboxes/${c.inboxId}/test-connection`, { method: "POST", client: await owner() });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toEqual({ ok: true, status: 200, detail: "Email Service binding ready; replies go out from suporte@loja.example.com.br." });
  });
});

describe("the local stand-in (npm run dev)", () => {
  it("with the simulator on, each mail the binding accepted lands in the simulator's mailbox of each recipient under the id it answered; nothing else is kept", async () => {
    const mail = mailStandIn([{ messageId: "<dev-1@loja.example.com.br>" }]);
    const inboxId = crypto.randomUUID();
    const mailer = mailerOf({ ...env, DEV_SIMULATOR: "1" }, inboxId)!;
    const result = await mailer.send({
      from: { email: "suporte@loja.example.com.br", name: "Loja" },
      to: ["Maria@cliente.example.net"],
      cc: ["contas@cliente.example.net"],
      subject: "Re: oi",
      text: "olá\n",
      html: "<p>olá</p>",
      headers: { "In-Reply-To": "<a@b>", References: "<a@b>" },
      attachments: [{ disposition: "attachment", filename: "a.pdf", type: "application/pdf", content: new Uint8Array([1, 2, 3]).buffer }],
    });
    expect(result).toEqual({ messageId: "<dev-1@loja.example.com.br>" });
    expect(mail.sent).toHaveLength(1);
    for (const customer of ["maria@cliente.example.net", "contas@cliente.example.net"]) {
      const items = await readThread(env.FILES, inboxId, customer);
      expect(items).toHaveLength(1);
      expect(items[0]).toMatchObject({ direction: "out", providerMessageId: "dev-1@loja.example.com.br", subject: "Re: oi", text: "olá\n", replyTo: "a@b", callbackData: "<a@b>", attachments: ["a.pdf"] });
      // The builder as sent, without the file's bytes.
      expect(JSON.parse(items[0]!.request!)).toMatchObject({ subject: "Re: oi", attachments: [{ filename: "a.pdf", type: "application/pdf", disposition: "attachment" }] });
      expect(items[0]!.request).not.toContain('"content"');
    }
    // The old second record (JSON under simulator/mail/) is gone: one record only.
    expect((await env.FILES.list({ prefix: "simulator/mail/" })).objects).toEqual([]);
  });

  it("with the simulator on, a send the binding refused is not recorded (and still fails)", async () => {
    mailStandIn([Object.assign(new Error("rate limited"), { code: "E_RATE_LIMIT_EXCEEDED" })]);
    const inboxId = crypto.randomUUID();
    const mailer = mailerOf({ ...env, DEV_SIMULATOR: "1" }, inboxId)!;
    await expect(mailer.send({ from: "suporte@loja.example.com.br", to: "maria@cliente.example.net", subject: "x", text: "x" })).rejects.toThrow("rate limited");
    expect(await readThread(env.FILES, inboxId, "maria@cliente.example.net")).toEqual([]);
  });

  it("deployed (simulator off) the binding is used as it is, and nothing is kept", async () => {
    const inboxId = crypto.randomUUID();
    expect(mailerOf({ ...env, DEV_SIMULATOR: "0" }, inboxId)).toBe(env.EMAIL);
    expect(mailerOf({ ...env, EMAIL: undefined }, inboxId)).toBeUndefined();
  });
});
