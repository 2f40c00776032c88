/**
 * @module The agents' mail as the simulated customer's mailbox shows it: under `npm run
 * dev` the outbound mailer (worker/channels/email/mailer.ts) hands every mail the
 * `send_email` binding accepted here, and it becomes an `out` bubble in each recipient's
 * thread of the inbox it was sent from — subject, text, threading headers, file names and
 * the builder as sent — under the Message-ID the binding answered (the id the customer's
 * reply names in In-Reply-To). This is the only record of sent mail in the simulator.
 */
import type { SimulatorThreadItem } from "../protocol/simulator";
import { newItemId, saveItem } from "./state";

/** A sent mail as the simulator keeps it. */
export interface SentMail {
  from: string;
  to: string[];
  cc: string[];
  subject: string;
  text: string;
  /** The Message-ID the binding answered, without angle brackets. */
  messageId: string;
  inReplyTo: string | null;
  references: string | null;
  attachments: string[];
  /** What the page shows under "request": the builder as JSON, without file bytes. */
  wire: string;
}

/** The page shows at most this much of a sent message. */
const WIRE_CHARS = 64_000;

const addressOf = (a: string | EmailAddress): string => (typeof a === "string" ? (a.match(/<([^<>]+)>/)?.[1] ?? a) : a.email).trim().toLowerCase();
const listOf = (a: string | EmailAddress | Array<string | EmailAddress> | undefined) => (a === undefined ? [] : [a].flat().map(addressOf));
const bare = (id: string | null | undefined) => (id ? id.trim().replace(/^<|>$/g, "") : null);

/** A builder (`send({ from, to, subject, … })`) as the binding took it, under the
 * Message-ID it answered. */
export function sentFromBuilder(builder: EmailMessageBuilder, messageId: string): SentMail {
  const header = (name: string) => Object.entries(builder.headers ?? {}).find(([k]) => k.toLowerCase() === name.toLowerCase())?.[1] ?? null;
  const { attachments, ...shown } = builder;
  return {
    from: addressOf(builder.from),
    to: listOf(builder.to),
    cc: listOf(builder.cc),
    subject: builder.subject,
    text: builder.text ?? "",
    messageId: bare(messageId) ?? "",
    inReplyTo: bare(header("In-Reply-To")),
    references: header("References"),
    attachments: (attachments ?? []).map((a) => a.filename),
    wire: JSON.stringify({ ...shown, attachments: (attachments ?? []).map((a) => ({ filename: a.filename, type: a.type, disposition: a.disposition })) }, null, 2).slice(0, WIRE_CHARS),
  };
}

/** Keeps the mail in each recipient's thread (To and Cc) of inbox `inboxId`; answers
 * how many threads got it. */
export async function recordSentMail(files: R2Bucket, inboxId: string, sent: SentMail): Promise<number> {
  const at = Date.now();
  const item: SimulatorThreadItem = {
    id: newItemId(at),
    direction: "out",
    at,
    providerMessageId: sent.messageId,
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
  await Promise.all(recipients.map((customer) => saveItem(files, inboxId, customer, item)));
  return recipients.length;
}
