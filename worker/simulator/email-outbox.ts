/**
 * @module The agents' mail as the simulated customer's mailbox shows it: under `npm run
 * dev` there is no Email Service, so a stand-in for the `send_email` binding
 * (`simulatorMailer`) records each send as an `out` bubble in the recipient's thread of
 * the e-mail inbox it was sent from — subject, text, threading headers, file names and
 * the message as sent — and answers the Message-ID, as the binding does.
 */
import PostalMime from "postal-mime";
import type { Db } from "../db/client";
import type { Env } from "../env";
import type { SimulatorThreadItem } from "../protocol/simulator";
import { emailAccounts, type EmailAccount } from "./accounts";
import { newItemId, saveItem } from "./state";

/** A sent mail, whichever way it was given to the binding. */
export interface SentMail {
  from: string;
  to: string[];
  cc: string[];
  subject: string;
  text: string;
  messageId: string | null;
  inReplyTo: string | null;
  references: string | null;
  attachments: string[];
  /** What the page shows under "request": the raw MIME, or the builder as JSON. */
  wire: string;
}

/** The page shows at most this much of a sent message (a large attachment stays out). */
const WIRE_CHARS = 64_000;

const addressOf = (a: string | EmailAddress): string => (typeof a === "string" ? (a.match(/<([^<>]+)>/)?.[1] ?? a) : a.email).trim().toLowerCase();
const listOf = (a: string | EmailAddress | Array<string | EmailAddress> | undefined) => (a === undefined ? [] : [a].flat().map(addressOf));
const bare = (id: string | null | undefined) => (id ? id.trim().replace(/^<|>$/g, "") : null);

/** A builder (`send({ from, to, subject, … })`), as the binding takes it. */
export function sentFromBuilder(builder: EmailMessageBuilder): SentMail {
  const header = (name: string) => Object.entries(builder.headers ?? {}).find(([k]) => k.toLowerCase() === name.toLowerCase())?.[1] ?? null;
  const { attachments, ...shown } = builder;
  return {
    from: addressOf(builder.from),
    to: listOf(builder.to),
    cc: listOf(builder.cc),
    subject: builder.subject,
    text: builder.text ?? "",
    messageId: bare(header("Message-ID")),
    inReplyTo: bare(header("In-Reply-To")),
    references: header("References"),
    attachments: (attachments ?? []).map((a) => a.filename),
    wire: JSON.stringify({ ...shown, attachments: (attachments ?? []).map((a) => ({ filename: a.filename, type: a.type, disposition: a.disposition })) }, null, 2).slice(0, WIRE_CHARS),
  };
}

/** A raw message (`send(new EmailMessage(from, to, raw))`). */
export async function sentFromRaw(envelope: { from: string; to: string }, raw: string): Promise<SentMail> {
  const mail = await PostalMime.parse(raw);
  const to = (mail.to ?? []).flatMap((a) => ("address" in a && a.address ? [a.address.toLowerCase()] : []));
  return {
    from: addressOf(envelope.from),
    to: to.length ? to : [addressOf(envelope.to)],
    cc: (mail.cc ?? []).flatMap((a) => ("address" in a && a.address ? [a.address.toLowerCase()] : [])),
    subject: mail.subject ?? "",
    text: mail.text ?? "",
    messageId: bare(mail.messageId),
    inReplyTo: bare(mail.inReplyTo),
    references: mail.references ?? null,
    attachments: mail.attachments.map((a) => a.filename ?? "attachment"),
    wire: raw.slice(0, WIRE_CHARS),
  };
}

/** The e-mail inbox that owns the sending address (an address it lists, or its
 * catch-all domain). */
export function ownerOf(accounts: EmailAccount[], from: string): EmailAccount | null {
  const domain = from.slice(from.lastIndexOf("@") + 1);
  return accounts.find((a) => a.settings.addresses.includes(from)) ?? accounts.find((a) => a.settings.catchAllDomain === domain) ?? null;
}

/** Keeps the mail in each recipient's thread (To and Cc) of its inbox; answers the
 * Message-ID it carries (one is made when the sender set none, as Email Service does). */
export async function recordSentMail(env: Env, db: Db, sent: SentMail): Promise<{ messageId: string; recorded: number }> {
  const messageId = sent.messageId ?? `${crypto.randomUUID()}@${sent.from.slice(sent.from.lastIndexOf("@") + 1)}`;
  const account = ownerOf(await emailAccounts(env, db), sent.from);
  if (!account) return { messageId, recorded: 0 };
  const at = Date.now();
  const item: SimulatorThreadItem = {
    id: newItemId(at),
    direction: "out",
    at,
    providerMessageId: messageId,
    text: sent.text,
    media: null,
    replyTo: sent.inReplyTo,
    receipt: null,
    webhook: null,
    request: sent.wire,
    callbackData: sent.references,
    edited: false,
    event: null,
    subject: sent.subject,
    attachments: sent.attachments,
  };
  const recipients = [...new Set([...sent.to, ...sent.cc])];
  await Promise.all(recipients.map((customer) => saveItem(env.FILES, account.inbox.id, customer, item)));
  return { messageId, recorded: recipients.length };
}

/** A stand-in for the `send_email` binding under `npm run dev`: records the mail for the
 * simulator's page instead of sending it. */
export function simulatorMailer(env: Env, db: Db): SendEmail {
  const send = async (message: EmailMessage | EmailMessageBuilder): Promise<EmailSendResult> => {
    const sent = "subject" in message ? sentFromBuilder(message) : await sentFromRaw(message, await rawTextOf(message));
    return { messageId: (await recordSentMail(env, db, sent)).messageId };
  };
  return { send } as SendEmail;
}

/** The raw bytes an `EmailMessage` was made with (workerd keeps them out of reach of
 * JavaScript; a stand-in message built by our code carries them as `raw`). */
async function rawTextOf(message: EmailMessage): Promise<string> {
  const raw = (message as EmailMessage & { raw?: ReadableStream | string }).raw;
  if (typeof raw === "string") return raw;
  return raw ? new Response(raw).text() : "";
}
