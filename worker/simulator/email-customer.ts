/**
 * @module The simulated e-mail customer: writes a mail (from their address and name, a
 * subject, text, optionally the sample picture attached), or replies to an agent's mail
 * keeping In-Reply-To and References; the raw MIME (email-mime.ts) is POSTed to wrangler
 * dev's local endpoint for the Worker's email() handler, exactly as a mail server's
 * message reaches it through Email Routing, and kept as a bubble with the answer.
 */
import PostalMime from "postal-mime";
import { ApiError } from "../http/api-error";
import { MailAddress } from "../protocol";
import type { SimulatorSendBody, SimulatorThreadItem, SimulatorWebhookResult } from "../protocol/simulator";
import type { EmailAccount } from "./accounts";
import type { CustomerMessage } from "./customer-message";
import type { Delivery } from "./customer";
import { newMessageId, rawMail, type MailFile } from "./email-mime";
import { SAMPLE_IMAGE_NAME, SAMPLE_IMAGE_TYPE, sampleImageBytes } from "./sample-image";
import { newItemId, readThread, saveItem } from "./state";

/** wrangler dev's endpoint that hands a raw message to the Worker's email() handler, with
 * the SMTP envelope in the query
 * (https://developers.cloudflare.com/email-routing/email-workers/local-development/).
 * wrangler 4.164 serves it at /cdn-cgi/local/email and rewrites this documented path there. */
export const EMAIL_HANDLER_PATH = "/cdn-cgi/handler/email";

/** The handler's answer is kept short for the page. */
const ANSWER_CHARS = 2_000;

export function checkEmailCustomer(id: string): string {
  const address = MailAddress.safeParse(id);
  if (!address.success) throw new ApiError(400, "validation_failed", "An e-mail customer's id is their e-mail address.", [{ path: ["customer", "id"], message: "an e-mail address" }]);
  return address.data;
}

/** POSTs the raw message to the local email handler; answers its status and text
 * (200 "processed", 400 with the reason the Worker gave to setReject). */
export async function postMail(origin: string, envelope: { from: string; to: string }, raw: string): Promise<SimulatorWebhookResult> {
  const url = new URL(EMAIL_HANDLER_PATH, origin);
  url.searchParams.set("from", envelope.from);
  url.searchParams.set("to", envelope.to);
  const response = await fetch(url, { method: "POST", body: raw, headers: { "Content-Type": "message/rfc822" } });
  return { status: response.status, body: (await response.text()).slice(0, ANSWER_CHARS) };
}

/** "Re: " once, as mail clients do (never "Re: Re: "). */
export function replySubject(subject: string): string {
  return /^\s*re\s*:/i.test(subject) ? subject.trim() : `Re: ${subject.trim()}`;
}

function ids(header: string | undefined): string[] {
  return [...(header ?? "").matchAll(/<([^<>\s]+)>/g)].map((m) => m[1]!);
}

/** What a reply to the agent's mail `replyTo` carries: its subject and the References
 * chain (the parent's References, then the parent's own id: RFC 5322 §3.6.4). An agent's
 * mail keeps its References in `callbackData` (email-outbox.ts). */
async function threadOf(account: EmailAccount, d: Delivery, customer: string, replyTo: string): Promise<{ subject: string; references: string[] }> {
  const parent = (await readThread(d.env.FILES, account.inbox.id, customer)).find((i) => i.providerMessageId === replyTo);
  if (!parent) throw new ApiError(404, "message_not_found", "No mail with that Message-ID in this customer's mailbox.");
  const references = parent.direction === "out" ? parent.callbackData : parent.request ? ((await PostalMime.parse(parent.request)).references ?? null) : null;
  return { subject: parent.subject ?? "", references: [...ids(references ?? undefined).filter((id) => id !== replyTo), replyTo] };
}

export async function receiveEmailMessage(d: Delivery, account: EmailAccount, body: SimulatorSendBody, message: CustomerMessage): Promise<SimulatorThreadItem> {
  const from = checkEmailCustomer(body.customer.id);
  const to = account.settings.addresses[0]!;
  const thread = body.replyTo ? await threadOf(account, d, from, body.replyTo) : null;
  const subject = body.subject || (thread ? replySubject(thread.subject) : "");
  const attachment: MailFile | null = message.type === "image" ? { name: SAMPLE_IMAGE_NAME, contentType: SAMPLE_IMAGE_TYPE, bytes: sampleImageBytes() } : null;
  const text = message.type === "text" ? message.text : message.type === "image" ? message.caption : "";
  const at = Date.now();
  const messageId = newMessageId(from);
  const raw = rawMail({ from: { address: from, name: body.customer.name }, to, subject, text, attachment, messageId, inReplyTo: body.replyTo, references: thread?.references ?? [], date: new Date(at) });
  const result = await postMail(d.origin, { from, to }, raw);
  const item: SimulatorThreadItem = {
    id: newItemId(at),
    direction: "in",
    at,
    providerMessageId: messageId,
    text,
    media: message.type === "image" ? { url: message.media.url, contentType: message.media.contentType, name: SAMPLE_IMAGE_NAME } : null,
    replyTo: body.replyTo,
    receipt: null,
    webhook: result,
    request: raw,
    callbackData: null,
    edited: false,
    event: null,
    subject,
    attachments: attachment ? [attachment.name] : [],
  };
  await saveItem(d.env.FILES, account.inbox.id, from, item);
  return item;
}
