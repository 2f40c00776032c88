/**
 * @module E-mail ingest for the channel benchmark: each customer message is a raw RFC 5322
 * mail (the simulator's builder, worker/simulator/email-mime.ts) POSTed to wrangler dev's
 * /cdn-cgi/handler/email with its SMTP envelope, which hands it to the Worker's email()
 * handler (https://developers.cloudflare.com/email-routing/email-workers/local-development/):
 * parsed, routed, threaded, stored. One mail per POST; the first message of customer 0
 * carries a 1 MiB attachment, so the run measures one large MIME parse among the small.
 * Switchboard stores a mail under its Message-ID (without brackets), the id the
 * integrity check reads back, dated on receipt (the Date header is the sender's clock).
 *
 * A mail with no threading headers opens a new conversation (worker/channels/email/
 * thread.ts), so a customer's later mails are replies, as a mail client writes them:
 * In-Reply-To the customer's previous mail, References the first and the previous one.
 * The runner sends each burst's first mail alone before the rest (`threadRoot`).
 */
import { performance } from "node:perf_hooks";
import { rawMail, type MailFile } from "../../worker/simulator/email-mime.ts";
import { api } from "./api.ts";
import type { BenchMessage, MessageSpec, OpenedInbox, WebhookChannel } from "./webhook-channels.ts";

/** The bench inbox's address (example.com: reserved, RFC 2606). */
export const BENCH_MAIL_ADDRESS = "bench@example.com";

/** The large message's attachment: 1 MiB of random bytes (base64 cannot compress them,
 * as with a real PDF), ~1.4 MB on the wire. */
const LARGE_ATTACHMENT_BYTES = 1_048_576;

export interface BenchMail extends BenchMessage {
  from: string;
  name: string;
  /** The mail it answers (the customer's previous one), and the thread's ids. */
  inReplyTo: string | null;
  references: string[];
  /** Carries the 1 MiB attachment. */
  large: boolean;
}

export const customerAddress = (index: number) => `cliente${index}@bench.example.com`;

export function benchMail(run: string, s: MessageSpec): BenchMail {
  const idOf = (k: number) => `bench.${run}.${s.tag}.${s.customer}.${k}@bench.example.com`;
  const references = s.k === 0 ? [] : [...new Set([idOf(0), idOf(s.k - 1)])];
  return { id: idOf(s.k), body: s.body, timestamp: null, from: customerAddress(s.customer), name: s.name, inReplyTo: s.k === 0 ? null : idOf(s.k - 1), references, large: s.customer === 0 && s.k === 0 };
}

function largeFile(): MailFile {
  const bytes = new Uint8Array(LARGE_ATTACHMENT_BYTES);
  // getRandomValues fills at most 65,536 bytes per call.
  for (let at = 0; at < bytes.length; at += 65_536) crypto.getRandomValues(bytes.subarray(at, at + 65_536));
  return { name: "nota-fiscal.pdf", contentType: "application/pdf", bytes };
}

export function benchRaw(m: BenchMail): string {
  const subject = `${m.inReplyTo ? "Re: " : ""}Pedido — ${m.name}`;
  return rawMail({ from: { address: m.from, name: m.name }, to: BENCH_MAIL_ADDRESS, subject, text: m.body, attachment: m.large ? largeFile() : null, messageId: m.id, inReplyTo: m.inReplyTo, references: m.references, date: new Date() });
}

export async function postMail(baseUrl: string, m: BenchMail): Promise<number> {
  const url = new URL("/cdn-cgi/handler/email", baseUrl);
  url.searchParams.set("from", m.from);
  url.searchParams.set("to", BENCH_MAIL_ADDRESS);
  const raw = benchRaw(m);
  const startedAt = performance.now();
  const res = await fetch(url, { method: "POST", body: raw, headers: { "Content-Type": "message/rfc822" }, signal: AbortSignal.timeout(30_000) });
  await res.arrayBuffer();
  // The large mail's own figure (the summaries mix it with the small ones).
  if (m.large) console.log(`  e-mail: the ${(raw.length / 1e6).toFixed(2)} MB message (1 MiB attachment) answered ${res.status} in ${(performance.now() - startedAt).toFixed(0)} ms (${baseUrl})`);
  return res.status;
}

export const emailChannel: WebhookChannel = {
  key: "email",
  name: "E-mail (Email Routing)",
  signing: "none (Cloudflare hands the Worker its mail; no webhook to sign)",
  batches: false,
  threadRoot: true,
  floorVars: {},
  message: (run: string, s: MessageSpec): BenchMessage => benchMail(run, s),
  async open(baseUrl: string, cookie: string): Promise<OpenedInbox> {
    const created = await api(baseUrl, "/api/v1/inboxes", { cookie, json: { kind: "email", name: `Bench e-mail ${new Date().toISOString()}`, settings: { addresses: [BENCH_MAIL_ADDRESS] } } });
    if (created.status !== 201) throw new Error(`create inbox failed: ${created.status} ${JSON.stringify(created.body)}`);
    return { inboxId: created.body.id as string, post: ([m]) => postMail(baseUrl, m as BenchMail) };
  },
};
