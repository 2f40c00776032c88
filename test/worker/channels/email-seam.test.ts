/**
 * E-mail on the channel seam: a sending adapter with no webhook (its mail comes through
 * the Worker's email() handler), so the delivery queue, the service window and the inbox
 * routes find it and the webhook routes do not; an e-mail inbox has no credentials to
 * open; and under `npm run dev` the sent mail is kept for the simulator's page.
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { channelConfigOf } from "../../../worker/channels/config";
import { mailerOf, SENT_MAIL_PREFIX, type SentMail } from "../../../worker/channels/email/mailer";
import { sendingAdapterFor, webhookAdapterFor, webhookPathOf, webhookPaths } from "../../../worker/channels/registry";
import { database } from "../../../worker/db/client";
import { findInbox } from "../../../worker/db/inboxes";
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
  it("with the simulator on, each sent mail is also kept under simulator/mail/{inbox}/, without file bytes", async () => {
    const mail = mailStandIn([{ messageId: "<dev-1@loja.example.com.br>" }]);
    const inboxId = crypto.randomUUID();
    const mailer = mailerOf({ ...env, DEV_SIMULATOR: "1" }, inboxId)!;
    const result = await mailer.send({
      from: { email: "suporte@loja.example.com.br", name: "Loja" },
      to: ["maria@cliente.example.net"],
      subject: "Re: oi",
      text: "olá\n",
      html: "<p>olá</p>",
      headers: { "In-Reply-To": "<a@b>" },
      attachments: [{ disposition: "attachment", filename: "a.pdf", type: "application/pdf", content: new Uint8Array([1, 2, 3]).buffer }],
    });
    expect(result).toEqual({ messageId: "<dev-1@loja.example.com.br>" });
    expect(mail.sent).toHaveLength(1);
    const listed = await env.FILES.list({ prefix: `${SENT_MAIL_PREFIX}${inboxId}/` });
    expect(listed.objects).toHaveLength(1);
    const kept = (await (await env.FILES.get(listed.objects[0]!.key))!.json()) as SentMail;
    expect(kept).toMatchObject({
      messageId: "<dev-1@loja.example.com.br>",
      subject: "Re: oi",
      to: ["maria@cliente.example.net"],
      headers: { "In-Reply-To": "<a@b>" },
      attachments: [{ filename: "a.pdf", type: "application/pdf", size: 3 }],
    });
  });

  it("deployed (simulator off) the binding is used as it is, and nothing is kept", async () => {
    const inboxId = crypto.randomUUID();
    expect(mailerOf({ ...env, DEV_SIMULATOR: "0" }, inboxId)).toBe(env.EMAIL);
    expect(mailerOf({ ...env, EMAIL: undefined }, inboxId)).toBeUndefined();
  });
});
