/**
 * @module E-mail ingest for the channel benchmark: each customer message is a raw RFC 5322
 * mail (the simulator's builder, worker/simulator/email-mime.ts) POSTed to wrangler dev's
 * /cdn-cgi/handler/email with its SMTP envelope, which hands it to the Worker's email()
 * handler (https://developers.cloudflare.com/email-routing/email-workers/local-development/):
 * parsed, routed, threaded, stored. One mail per POST; the first message of customer 0
 * carries a 1 MiB attachment, so the run measures one large MIME parse among the small.
 * Switchboard stores a mail under its Message-ID (without brackets), the id the
 * integrity check reads back.
 *
 * Not yet in WEBHOOK_CHANNELS: it needs the email() handler (issue 13's e-mail-in part)
 * and an email() in the floor relay (test/bench/bench-worker). Register it there as
 * `email: emailChannel` with "email" in CHANNEL_KEYS once both exist.
 */
import { rawMail, type MailFile } from "../../worker/simulator/email-mime.ts";
import { api } from "./api.ts";
import type { BenchMessage, MessageSpec, OpenedInbox } from "./webhook-channels.ts";

/** The bench inbox's address (example.com: reserved, RFC 2606). */
export const BENCH_MAIL_ADDRESS = "bench@example.com";

/** The large message's attachment: 1 MiB of random bytes (base64 cannot compress them,
 * as with a real PDF), ~1.4 MB on the wire. */
const LARGE_ATTACHMENT_BYTES = 1_048_576;

export interface BenchMail extends BenchMessage {
  from: string;
  name: string;
  /** Carries the 1 MiB attachment. */
  large: boolean;
}

export const customerAddress = (index: number) => `cliente${index}@bench.example.com`;

export function benchMail(run: string, s: MessageSpec): BenchMail {
  const id = `bench.${run}.${s.tag}.${s.customer}.${s.k}@bench.example.com`;
  return { id, body: s.body, timestamp: s.timestamp, from: customerAddress(s.customer), name: s.name, large: s.customer === 0 && s.k === 0 };
}

function largeFile(): MailFile {
  const bytes = new Uint8Array(LARGE_ATTACHMENT_BYTES);
  // getRandomValues fills at most 65,536 bytes per call.
  for (let at = 0; at < bytes.length; at += 65_536) crypto.getRandomValues(bytes.subarray(at, at + 65_536));
  return { name: "nota-fiscal.pdf", contentType: "application/pdf", bytes };
}

export function benchRaw(m: BenchMail): string {
  const date = new Date((m.timestamp ?? Date.now() / 1000) * 1000);
  return rawMail({ from: { address: m.from, name: m.name }, to: BENCH_MAIL_ADDRESS, subject: `Pedido — ${m.name}`, text: m.body, attachment: m.large ? largeFile() : null, messageId: m.id, inReplyTo: null, references: [], date });
}

export async function postMail(baseUrl: string, m: BenchMail): Promise<number> {
  const url = new URL("/cdn-cgi/handler/email", baseUrl);
  url.searchParams.set("from", m.from);
  url.searchParams.set("to", BENCH_MAIL_ADDRESS);
  const res = await fetch(url, { method: "POST", body: benchRaw(m), headers: { "Content-Type": "message/rfc822" }, signal: AbortSignal.timeout(30_000) });
  await res.arrayBuffer();
  return res.status;
}

export const emailChannel = {
  key: "email" as const,
  name: "E-mail (Email Routing)",
  signing: "none (Cloudflare hands the Worker its mail; no webhook to sign)",
  batches: false,
  floorVars: {},
  message: (run: string, s: MessageSpec): BenchMessage => benchMail(run, s),
  async open(baseUrl: string, cookie: string): Promise<OpenedInbox> {
    const created = await api(baseUrl, "/api/v1/inboxes", { cookie, json: { kind: "email", name: `Bench e-mail ${new Date().toISOString()}`, settings: { addresses: [BENCH_MAIL_ADDRESS] } } });
    if (created.status !== 201) throw new Error(`create inbox failed: ${created.status} ${JSON.stringify(created.body)}`);
    return { inboxId: created.body.id as string, post: ([m]) => postMail(baseUrl, m as BenchMail) };
  },
};
