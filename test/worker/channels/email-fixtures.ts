/**
 * The e-mail fixtures (test/fixtures/channels/email/, provenance in ../SOURCES.md) as raw
 * bytes for parseEmail. Every fixture file is 7-bit (non-ASCII text travels as quoted-
 * printable, base64 or RFC 2047 words), so Vite's `?raw` text is the file's exact bytes;
 * a message with raw 8-bit Latin-1 is built by latin1Message().
 */
import alternativeBase64 from "../../fixtures/channels/email/alternative_base64.eml?raw";
import autoreplyVacation from "../../fixtures/channels/email/autoreply_vacation.eml?raw";
import dsnOurReply from "../../fixtures/channels/email/dsn_our_reply.eml?raw";
import gmailReplyPtbr from "../../fixtures/channels/email/gmail_reply_ptbr.eml?raw";
import htmlOnly from "../../fixtures/channels/email/html_only.eml?raw";
import inlineImageRelated from "../../fixtures/channels/email/inline_image_related.eml?raw";
import latin1Qp from "../../fixtures/channels/email/latin1_qp.eml?raw";
import nodemailerUnicode from "../../fixtures/channels/email/mailparser_nodemailer_unicode_attachments.eml?raw";
import mixedAttachments from "../../fixtures/channels/email/mixed_attachments.eml?raw";
import outlookReplyPtbr from "../../fixtures/channels/email/outlook_reply_ptbr.eml?raw";
import plainUtf8Qp from "../../fixtures/channels/email/plain_utf8_qp.eml?raw";
import postalMimeBounce from "../../fixtures/channels/email/postal-mime_bounce.eml?raw";
import postalMimeMixed from "../../fixtures/channels/email/postal-mime_mixed.eml?raw";
import windows1252Base64 from "../../fixtures/channels/email/windows1252_base64.eml?raw";

export const EML = {
  alternativeBase64,
  autoreplyVacation,
  dsnOurReply,
  gmailReplyPtbr,
  htmlOnly,
  inlineImageRelated,
  latin1Qp,
  nodemailerUnicode,
  mixedAttachments,
  outlookReplyPtbr,
  plainUtf8Qp,
  postalMimeBounce,
  postalMimeMixed,
  windows1252Base64,
} as const;

/** Our Message-ID in the replies, auto-reply and DSN fixtures (what an outbound reply of
 * ours carried). */
export const OUR_MESSAGE_ID = "sb.01JEQ4W9R2X7.m42@mail.switchboard.example";

/** A 7-bit message's bytes, as the email() handler's `message.raw` would carry them. */
export function bytes(eml: string): ArrayBuffer {
  for (let i = 0; i < eml.length; i++) if (eml.charCodeAt(i) > 0x7f) throw new Error("fixture is not 7-bit");
  return new TextEncoder().encode(eml).buffer as ArrayBuffer;
}

/** A message whose body is raw 8-bit ISO-8859-1 (Content-Transfer-Encoding: 8bit), one
 * byte per character, as old Brazilian webmail still sends it. */
export function latin1Message(body: string): ArrayBuffer {
  const eml = [
    "From: Jose <jose@example.com.br>",
    "To: suporte@loja.example.com",
    "Subject: teste 8bit",
    "Message-ID: <latin1-8bit-1@example.com.br>",
    "MIME-Version: 1.0",
    "Content-Type: text/plain; charset=iso-8859-1",
    "Content-Transfer-Encoding: 8bit",
    "",
    body,
    "",
  ].join("\r\n");
  const out = new Uint8Array(eml.length);
  for (let i = 0; i < eml.length; i++) {
    const code = eml.charCodeAt(i);
    if (code > 0xff) throw new Error("not Latin-1");
    out[i] = code;
  }
  return out.buffer;
}

/** A plain-text message with the given extra header lines, for the automatic-mail table. */
export function withHeaders(extra: readonly string[], body = "Recebemos sua mensagem."): ArrayBuffer {
  const eml = [
    ...extra,
    "From: Responder <responder@example.com>",
    "To: suporte@loja.example.com",
    "Subject: Re: pedido",
    "Message-ID: <auto-1@example.com>",
    "MIME-Version: 1.0",
    "Content-Type: text/plain; charset=utf-8",
    "",
    body,
    "",
  ].join("\r\n");
  return bytes(eml);
}
