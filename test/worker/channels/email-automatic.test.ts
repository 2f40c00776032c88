/**
 * Automatic mail (RFC 3834 auto-replies, Precedence, list mail, null Return-Path) and
 * delivery status notifications (RFC 3464): each header alone against a person's mail,
 * the auto-reply and DSN fixtures, and postal-mime's real Fastmail bounce.
 */
import { describe, expect, it } from "vitest";
import { parseEmail } from "../../../worker/channels/email/parse";
import type { AutomaticReason } from "../../../worker/channels/email/parsed";
import { EML, OUR_MESSAGE_ID, bytes, withHeaders } from "./email-fixtures";

type Row = [header: string, reason: AutomaticReason | null];
const ROWS: Row[] = [
  ["Auto-Submitted: auto-replied", "auto-submitted"],
  ["Auto-Submitted: auto-generated", "auto-submitted"],
  ["Auto-Submitted: auto-notified; owner-email=\"x@example.com\"", "auto-submitted"],
  ["Auto-Submitted: No", null],
  ["Auto-Submitted: no (a person wrote this)", null],
  ["X-Autoreply: yes", "autoreply-header"],
  ["X-Autorespond: Vacation", "autoreply-header"],
  ["X-Autoreply: no", null],
  ["Precedence: bulk", "precedence"],
  ["Precedence: junk", "precedence"],
  ["Precedence: List", "precedence"],
  ["Precedence: auto_reply", "precedence"],
  ["Precedence: first-class", null],
  ["Return-Path: <>", "empty-return-path"],
  ["Return-Path: < >", "empty-return-path"],
  ["Return-Path: <customer@example.com>", null],
  ["List-Id: Clientes <clientes.lista.example.com>", null],
  ["List-Unsubscribe: <mailto:leave@lista.example.com>", null],
  ["X-Auto-Response-Suppress: All", null],
];

describe("automatic mail, one header at a time", () => {
  it.each(ROWS)("%s → %s", async (header, reason) => {
    const mail = await parseEmail(withHeaders([header]));
    expect(mail.automatic).toBe(reason);
    expect(mail.report).toBeNull();
  });

  it("List-Id together with List-Unsubscribe → mailing-list (the inbox's listMailIsAutomatic decides)", async () => {
    const mail = await parseEmail(
      withHeaders(["List-Id: Clientes <clientes.lista.example.com>", "List-Unsubscribe: <https://lista.example.com/sair>"]),
    );
    expect(mail.automatic).toBe("mailing-list");
  });

  it("the stronger reason wins over list headers (an auto-reply sent through a list)", async () => {
    const mail = await parseEmail(
      withHeaders(["List-Id: <l.example.com>", "List-Unsubscribe: <mailto:u@l.example.com>", "Auto-Submitted: auto-generated"]),
    );
    expect(mail.automatic).toBe("auto-submitted");
  });

  it("a read receipt (multipart/report; report-type=disposition-notification) is automatic, with no DSN report", async () => {
    const raw = [
      "From: a@example.com",
      "To: suporte@loja.example.com",
      "Message-ID: <mdn-1@example.com>",
      "MIME-Version: 1.0",
      'Content-Type: multipart/report; report-type=disposition-notification; boundary="b"',
      "",
      "--b",
      "Content-Type: text/plain",
      "",
      "Sua mensagem foi lida.",
      "--b",
      "Content-Type: message/disposition-notification",
      "",
      "Final-Recipient: rfc822; a@example.com",
      "Original-Message-ID: <" + OUR_MESSAGE_ID + ">",
      "Disposition: manual-action/MDN-sent-manually; displayed",
      "--b--",
      "",
    ].join("\r\n");
    const mail = await parseEmail(bytes(raw));
    expect(mail.automatic).toBe("auto-submitted");
    expect(mail.report).toBeNull();
  });

  it("the vacation auto-reply fixture: automatic, still threaded by its headers", async () => {
    const mail = await parseEmail(bytes(EML.autoreplyVacation));
    expect(mail.automatic).toBe("auto-submitted");
    expect(mail.inReplyTo).toEqual([OUR_MESSAGE_ID]);
    expect(mail.subject).toBe("Resposta automática: Reembolso do pedido 5520");
    expect(mail.text).toBe("Estou de férias até 15/12 e sem acesso ao e-mail.\nPara assuntos urgentes, fale com financeiro@empresa.example.com.");
  });
});

describe("delivery status notifications", () => {
  it("a DSN for one of our replies: its Message-ID from the returned headers, the action, the diagnostic", async () => {
    const mail = await parseEmail(bytes(EML.dsnOurReply));
    expect(mail.automatic).toBe("delivery-status");
    expect(mail.report).toEqual({
      originalMessageId: OUR_MESSAGE_ID,
      action: "failed",
      reason:
        "550 5.1.1 <paulo.mendes@empresa.example.com>: Recipient address rejected: User unknown in virtual mailbox table",
    });
    // The status and returned-headers parts are evidence, not files.
    expect(mail.attachments).toEqual([]);
    expect(mail.text).toBe(
      "Your message to paulo.mendes@empresa.example.com could not be delivered:\nthe mailbox does not exist.",
    );
  });

  it("postal-mime's real Fastmail bounce: the returned message's id, failed, diagnostic with its status", async () => {
    const mail = await parseEmail(bytes(EML.postalMimeBounce));
    expect(mail.automatic).toBe("delivery-status");
    expect(mail.report).toEqual({
      originalMessageId: "e85f1c9b-9b51-4028-8ec0-0a657155028e@app.fastmail.com",
      action: "failed",
      reason: "550 No such user here (5.0.0)",
    });
    expect(mail.attachments).toEqual([]);
  });

  const dsn = (status: string, returned: string) =>
    [
      "Return-Path: <>",
      "From: MAILER-DAEMON@mx.example",
      "To: suporte@loja.example.com",
      "Message-ID: <dsn-x@mx.example>",
      "MIME-Version: 1.0",
      'Content-Type: multipart/report; report-type="delivery-status"; boundary="b"',
      "",
      "--b",
      "Content-Type: text/plain",
      "",
      "Delivery delayed.",
      "--b",
      "Content-Type: message/delivery-status",
      "",
      status,
      "--b",
      returned,
      "--b--",
      "",
    ].join("\r\n");

  it("a delayed DSN with only a Status, the returned message as message/rfc822", async () => {
    const mail = await parseEmail(
      bytes(
        dsn(
          ["Reporting-MTA: dns; mx.example", "", "Final-Recipient: rfc822; c@example.com", "Action: delayed (retrying)", "Status: 4.4.1"].join("\r\n"),
          ["Content-Type: message/rfc822", "", `Message-ID: <${OUR_MESSAGE_ID}>`, "Subject: Re: x", "", "corpo"].join("\r\n"),
        ),
      ),
    );
    expect(mail.report).toEqual({ originalMessageId: OUR_MESSAGE_ID, action: "delayed", reason: "status 4.4.1" });
  });

  it("several recipients: the failed one speaks; an X-Original-Message-ID in the status part wins", async () => {
    const mail = await parseEmail(
      bytes(
        dsn(
          [
            "Reporting-MTA: dns; mx.example",
            `X-Original-Message-ID: <${OUR_MESSAGE_ID}>`,
            "",
            "Final-Recipient: rfc822; ok@example.com",
            "Action: delivered",
            "Status: 2.0.0",
            "",
            "Final-Recipient: rfc822; bad@example.com",
            "Action: failed",
            "Status: 5.2.2",
            "Diagnostic-Code: smtp; 552 5.2.2 mailbox full",
          ].join("\r\n"),
          ["Content-Type: text/rfc822-headers", "", "Message-ID: <someone-else@example.com>", ""].join("\r\n"),
        ),
      ),
    );
    expect(mail.report).toEqual({ originalMessageId: OUR_MESSAGE_ID, action: "failed", reason: "552 5.2.2 mailbox full" });
  });

  it("a DSN without the returned message: no original id, still a report", async () => {
    const mail = await parseEmail(
      bytes(
        dsn(
          ["Reporting-MTA: dns; mx.example", "", "Final-Recipient: rfc822; c@example.com", "Action: failed", "Status: 5.1.1"].join("\r\n"),
          ["Content-Type: text/plain", "", "nada"].join("\r\n"),
        ),
      ),
    );
    expect(mail.automatic).toBe("delivery-status");
    expect(mail.report).toEqual({ originalMessageId: null, action: "failed", reason: "status 5.1.1" });
  });

  it("a reason longer than a delivery event holds is cut to 500 characters", async () => {
    const long = "x".repeat(900);
    const mail = await parseEmail(
      bytes(
        dsn(
          ["Reporting-MTA: dns; mx.example", "", "Action: failed", "Status: 5.0.0", `Diagnostic-Code: smtp; 550 5.0.0 ${long}`].join("\r\n"),
          ["Content-Type: text/rfc822-headers", "", `Message-ID: <${OUR_MESSAGE_ID}>`, ""].join("\r\n"),
        ),
      ),
    );
    expect(mail.report!.reason).toHaveLength(500);
    expect(mail.report!.reason.startsWith("550 5.0.0 xxx")).toBe(true);
  });
});
