/**
 * What the e-mail handler tests share: an e-mail inbox stored as the inbox API stores
 * one, ParsedEmail values built in the test (the MIME parser is tested on its own;
 * these tests are about what the handler does with a parsed mail), and a delivery of
 * one to the Worker's real `email()` handler as Email Routing makes it.
 */
import { env } from "cloudflare:workers";
import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import worker from "../../../worker/index";
import { database } from "../../../worker/db/client";
import { insertInbox, type InboxRow } from "../../../worker/db/inboxes";
import { EmailSettings } from "../../../worker/protocol";
import { receiveEmail, type EmailOutcome } from "../../../worker/channels/email/receive";
import type { ParsedEmail } from "../../../worker/channels/email/parsed";

export const db = database(env.DB);

/** An e-mail inbox with `settings` (addresses required), no credentials. */
export async function emailInbox(settings: Partial<EmailSettings> & { addresses: string[] }, teamId: string | null = null): Promise<InboxRow> {
  const id = crypto.randomUUID();
  return insertInbox(db, {
    id,
    kind: "email",
    name: `email ${id.slice(0, 6)}`,
    teamId,
    priority: 50,
    settings: EmailSettings.parse(settings),
    credentials: null,
    credentialHints: {},
    createdAt: Date.now(),
  });
}

let counter = 0;
/** A customer's plain mail; override any field. */
export function mail(overrides: Partial<ParsedEmail> = {}): ParsedEmail {
  counter++;
  return {
    messageId: `m${counter}.${crypto.randomUUID()}@mail.customer.test`,
    inReplyTo: [],
    references: [],
    subject: "Pedido atrasado",
    from: { address: "ana@customer.test", name: "Ana Souza" },
    to: [{ address: "suporte@acme.test", name: "Suporte" }],
    cc: [],
    deliveredTo: [],
    date: Date.now(),
    text: "Olá, meu pedido não chegou.",
    fullText: null,
    html: null,
    attachments: [],
    automatic: null,
    report: null,
    ...overrides,
  };
}

/** A minimal RFC 5322 rendering of `parsed`: the raw bytes the handler stores as .eml. */
export function rawOf(parsed: ParsedEmail): string {
  const lines = [
    `From: ${parsed.from.name ?? ""} <${parsed.from.address}>`,
    `To: ${parsed.to.map((m) => `<${m.address}>`).join(", ")}`,
    `Subject: ${parsed.subject}`,
    ...(parsed.messageId ? [`Message-ID: <${parsed.messageId}>`] : []),
    "MIME-Version: 1.0",
    "Content-Type: text/plain; charset=utf-8",
    "",
    parsed.text,
    "",
  ];
  return lines.join("\r\n");
}

export interface Delivered {
  outcome: EmailOutcome;
  rejected: string | null;
}

/** A ForwardableEmailMessage as Email Routing hands one to the Worker. */
export function emailMessage(raw: string | Uint8Array, envelope: { from: string; to: string }, rawSize?: number) {
  const bytes = typeof raw === "string" ? new TextEncoder().encode(raw) : raw;
  const state = { rejected: null as string | null };
  const message: ForwardableEmailMessage = {
    from: envelope.from,
    to: envelope.to,
    headers: new Headers(),
    raw: new Blob([bytes]).stream(),
    rawSize: rawSize ?? bytes.byteLength,
    canBeForwarded: true,
    setReject(reason: string) {
      state.rejected = reason;
    },
    forward: async () => {
      throw new Error("the handler never forwards");
    },
    reply: async () => {
      throw new Error("the handler never replies");
    },
  } as unknown as ForwardableEmailMessage;
  return { message, state };
}

/** Delivers `parsed` to envelope recipient `to` through the handler (with `parsed`
 * standing in for the MIME parser's answer). */
export async function deliver(parsed: ParsedEmail, to = parsed.to[0]?.address ?? "suporte@acme.test", options: { envelopeFrom?: string; raw?: string } = {}): Promise<Delivered> {
  const { message, state } = emailMessage(options.raw ?? rawOf(parsed), { from: options.envelopeFrom ?? parsed.from.address, to });
  const outcome = await receiveEmail(message, env, async () => structuredClone(parsed));
  return { outcome, rejected: state.rejected };
}

/** Calls the Worker's exported `email()` handler itself, as Email Routing does, with an
 * execution context from `createExecutionContext`. Not through `exports.default.email`:
 * that is an RPC stub, which copies the message, so a `setReject` on the copy never
 * reaches the test's object (tried: the reason stayed null). */
export async function deliverToWorker(message: ForwardableEmailMessage): Promise<void> {
  const ctx = createExecutionContext();
  const email = worker.email as (m: ForwardableEmailMessage, e: typeof env, c: ExecutionContext) => Promise<void>;
  await email(message, env, ctx);
  await waitOnExecutionContext(ctx);
}

/** The conversation the outcome stored into (fails the test otherwise). */
export function storedIn(d: Delivered): string {
  if (d.outcome.result !== "stored") throw new Error(`expected a stored mail, got ${JSON.stringify(d.outcome)} (rejected: ${d.rejected})`);
  return d.outcome.conversationId;
}
