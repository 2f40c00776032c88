/**
 * @module The room's delivery queue: agents' messages handed to the conversation's
 * provider, one at a time in seq order (a message waiting for a retry holds back the
 * later ones: customers must read replies in the order they were written). Drained by the
 * room right after a write and by its alarm; separate from the projection outbox, so a
 * provider outage never holds back D1 and a D1 outage never holds back sends (the inbox's
 * configuration is cached, ./channel-config-cache.ts).
 *
 * Each outcome is written in one synchronous step with its delivery event. `sent`: the
 * provider's id is mapped, the row deleted, receipts that waited for that id applied; the
 * message is never sent again. `retry`: backoff (and Retry-After), giving up after a day.
 * `failed`: the provider's reason on the message.
 *
 * The idempotency key is our event id (`OutboundMessage.messageId`); adapters pass it
 * where the provider takes one. If the process dies after the provider accepted a send
 * but before the outcome is written, the row is still queued and the alarm sends again:
 * where the provider has no idempotency key (WhatsApp, Messenger) the customer may get
 * the message twice. The receipts and echoes that carry our id (WhatsApp's
 * biz_opaque_callback_data, Messenger's metadata) then map the provider's id to the
 * message and take it out of the queue, which ends further resends.
 */
import { networkError } from "../channels/send-outcome";
import { fileLink } from "../channels/webchat/file-links";
import { database } from "../db/client";
import { providerBaseUrl, sendingAdapterFor } from "../channels/registry";
import type { ChannelConfig, OutboundMessage, SendingAdapter, SendResult } from "../channels/types";
import type { Env } from "../env";
import type { EmailSettings, MessageEvent } from "../protocol";
import { mailerOf } from "../channels/email/mailer";
import { outboundEmailOf } from "./email-envelope";
import type { ChannelConfigCache } from "./channel-config-cache";
import type { RoomState } from "./commands";
import type { DeliveryLog, QueueRow } from "./delivery-log";
import { goesOut } from "./delivery-rule";
import { unreachableMessage, windowVerdict } from "./service-window";
import { consentStillHolds } from "./consent-gate";
import type { EventLog } from "./event-log";
import { advanceDelivery, applyPending, mapAccepted, type WriteStep } from "./message-changes";

/** Backoff between attempts: 1 s, 2 s, 4 s … (with jitter), at most 10 minutes. */
const FIRST_RETRY_MS = 1_000;
const MAX_RETRY_MS = 10 * 60_000;
/** A message still not accepted a day after it was written is failed: it would reach the
 * customer out of context, and later replies wait behind it. */
export const GIVE_UP_MS = 24 * 60 * 60_000;
/** How long one provider call may take before it counts as a network failure (retried).
 * The queue is head-of-line (later replies wait behind the one in flight), so a provider
 * that never answers must not hold it for long; 20 s is far beyond a healthy Send API or
 * Cloud API answer, yet short enough that a stalled call costs the customer little. */
export const SEND_TIMEOUT_MS = 20_000;
let sendTimeoutMs = SEND_TIMEOUT_MS;

/** Tests only: a shorter send timeout, so a test can wait one out (null: back to
 * SEND_TIMEOUT_MS). Module state, shared by every room in the isolate. */
export function setSendTimeoutForTests(ms: number | null): void {
  sendTimeoutMs = ms ?? SEND_TIMEOUT_MS;
}

/** The delay before attempt `attempts + 1`: exponential, jittered over its upper half so
 * rooms retrying after one outage do not all call the provider at the same instant. */
export function backoffMs(attempts: number, random = Math.random()): number {
  const ceiling = Math.min(MAX_RETRY_MS, FIRST_RETRY_MS * 2 ** Math.max(0, attempts - 1));
  return Math.round(ceiling / 2 + (ceiling / 2) * random);
}

export interface DeliveryQueueDeps {
  env: Env;
  log: EventLog;
  deliveries: DeliveryLog;
  config: ChannelConfigCache;
  state: () => RoomState;
  /** Runs `body` as one synchronous room write (stored, then broadcast and projected). */
  write: (body: (step: WriteStep) => void) => void;
}

type Attempt = { result: SendResult; keepUnsentText: boolean };

export class DeliveryQueue {
  private running: Promise<void> | null = null;
  private again = false;

  constructor(private readonly deps: DeliveryQueueDeps) {}

  /** When the head of the line is due, or null when nothing is queued. */
  nextAt(): number | null {
    return this.deps.deliveries.head()?.nextAt ?? null;
  }

  /** Sends what is due, in order, until the line is empty or its head must wait. Calls
   * during a run share it (and make it go round once more), so one room never has two
   * sends in flight. */
  drain(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = this.run().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async run(): Promise<void> {
    do {
      this.again = false;
      while (await this.sendHead()) {
        // next in line
      }
    } while (this.again);
  }

  /** One attempt at the head of the line; true when the next one may go. */
  private async sendHead(): Promise<boolean> {
    const { deliveries, log, state } = this.deps;
    const head = deliveries.head();
    const now = Date.now();
    if (!head || head.nextAt > now) return false;
    const event = log.event(head.seq);
    const adapter = sendingAdapterFor(state().channel);
    // The one rule again, on what is actually stored: notes, customers' messages and
    // echoes never go out, whatever put them in the queue.
    if (!adapter || event?.type !== "message" || !goesOut(event, state().channel)) {
      this.deps.write((step) => step.deliveries.dequeue(head.seq));
      return true;
    }
    const attempt = await this.attempt(event, adapter, now);
    this.record(head, attempt);
    return attempt.result.outcome !== "retry";
  }

  private async attempt(event: MessageEvent, adapter: SendingAdapter, now: number): Promise<Attempt> {
    let config: ChannelConfig;
    let inboxName: string | null = null;
    try {
      const loaded = await this.deps.config.get(now);
      inboxName = loaded.inboxName ?? null;
      if (loaded.config === "no_inbox") return failed("the inbox no longer exists");
      // Settings or credentials an admin can still fix: keep trying until the day is over.
      if (typeof loaded.config === "string") return retry(`the inbox cannot send yet (${loaded.config.replace("_", " ")})`);
      config = loaded.config;
    } catch (err) {
      return retry(`the inbox's configuration could not be read: ${String(err)}`);
    }
    const keepUnsentText = (config.settings as { keepUnsentText?: boolean }).keepUnsentText === true;
    const state = this.deps.state();
    const template = event.content?.type === "template" ? event.content : null;
    // Checked again at send time: a message that waited through retries may now be past
    // the window, and the tag (HUMAN_AGENT) depends on when it actually goes.
    // The customer blocked the bot or opted out after this was written: never sent.
    if (state.unreachable) return { result: { outcome: "failed", reason: unreachableMessage(state.unreachable) }, keepUnsentText };
    const verdict = windowVerdict(adapter.serviceWindow?.(config.settings as never) ?? null, state.lastInboundAt, now, template !== null);
    if (!verdict.ok) return { result: { outcome: "failed", reason: verdict.message }, keepUnsentText };
    if (!state.recipient) return { result: { outcome: "failed", reason: "no recipient: the customer has not written on this channel" }, keepUnsentText };
    // A message the company started for a purpose: the consent it rested on is read again
    // now, so a revocation (SAIR, an unsubscribe) between queueing and sending stops it.
    if (event.consentPurposeId) {
      try {
        if (!(await consentStillHolds(database(this.deps.env.DB), state, event.consentPurposeId, now))) {
          return { result: { outcome: "failed", reason: "consent revoked before sending: the contact no longer consents to this purpose on this channel" }, keepUnsentText };
        }
      } catch (err) {
        return retry(`the consent ledger could not be read: ${String(err)}`);
      }
    }
    const message: OutboundMessage = {
      messageId: event.id,
      conversationId: state.id,
      seq: event.seq,
      recipient: state.recipient,
      body: event.body,
      attachments: event.attachments ?? [],
      replyTo: event.replyTo ? (event.replyTo.providerMessageId ?? this.providerIdOf(event.replyTo.seq)) : null,
      template,
      options: event.content?.type === "options" ? event.content : null,
      tag: verdict.tag,
    };
    // E-mail: the envelope stored with the reply and the thread it answers.
    if (config.kind === "email") {
      message.email = outboundEmailOf(event, state, this.deps.log, this.deps.deliveries, config.settings as EmailSettings, inboxName);
    }
    try {
      const env = this.deps.env;
      // Providers that fetch an outbound file by URL (Twilio) get a signed link to it.
      const link = async (fileId: string, ttlMs: number) => (await fileLink(database(env.DB), fileId, Date.now(), ttlMs)).url;
      const result = await adapter.send(message, { config, baseUrl: providerBaseUrl(env, adapter), files: env.FILES, fetch: timedFetch, fileLink: link, mail: mailerOf(env, config.inboxId) });
      return { result, keepUnsentText };
    } catch (err) {
      // An adapter that throws has not been answered: treated as a network failure.
      return { result: networkError(err), keepUnsentText };
    }
  }

  /** Writes an attempt's outcome with its delivery event, in one step. */
  private record(head: QueueRow, { result, keepUnsentText }: Attempt): void {
    const now = Date.now();
    this.deps.write((step) => {
      const row = step.deliveries.outboundBySeq(head.seq);
      if (!row) return step.deliveries.dequeue(head.seq);
      if (result.outcome === "sent") {
        const mapped = mapAccepted(step, row, result.providerMessageId, now);
        advanceDelivery(step, mapped, "sent", null);
        applyPending(step, result.providerMessageId, { contact: { type: "contact", id: step.state().contactId, name: null }, keepUnsentText });
        return;
      }
      // A receipt carrying our id settled the message while the call was out: it stands.
      if (!step.deliveries.queued(head.seq)) return;
      if (result.outcome === "failed") {
        advanceDelivery(step, row, "failed", result.reason);
        return;
      }
      const attempts = head.attempts + 1;
      if (now - head.firstAt >= GIVE_UP_MS) {
        advanceDelivery(step, row, "failed", `gave up after ${attempts} attempts: ${result.reason}`);
        return;
      }
      step.deliveries.retryLater(head.seq, attempts, now + Math.max(result.retryAfterMs ?? 0, backoffMs(attempts)), result.reason);
    });
  }

  /** The provider's id of message `seq`, ours or the customer's, if it has one. */
  private providerIdOf(seq: number | null): string | null {
    if (seq === null) return null;
    const ours = this.deps.deliveries.outboundBySeq(seq);
    if (ours) return ours.providerId;
    const stored = this.deps.log.event(seq);
    return stored?.type === "message" ? stored.providerMessageId : null;
  }
}

function retry(reason: string): Attempt {
  return { result: { outcome: "retry", reason: reason.slice(0, 500), retryAfterMs: null }, keepUnsentText: false };
}

function failed(reason: string): Attempt {
  return { result: { outcome: "failed", reason }, keepUnsentText: false };
}

/** Statuses whose answers have no body (a Response with one cannot be built). */
const NULL_BODY_STATUSES = new Set([101, 204, 205, 304]);

/** The global fetch (looked up per call, so tests' fetch boundary applies), with a
 * timeout: a provider that never answers must not stall the queue. The timeout covers
 * the whole answer, body included: a provider that sends its headers and then stalls
 * would otherwise hold the head of the line (and the room's one drain) for good. The
 * answers of sends and uploads are small JSON, so buffering them costs nothing. The
 * timer is cleared once the answer is in (AbortSignal.timeout's would keep the object
 * busy for its whole length after every send). */
const timedFetch: typeof fetch = async (input, init) => {
  const timeout = new AbortController();
  const ms = sendTimeoutMs;
  const timer = setTimeout(() => timeout.abort(new Error(`no answer within ${ms / 1000} s`)), ms);
  try {
    const res = await fetch(input, { ...init, signal: init?.signal ? AbortSignal.any([init.signal, timeout.signal]) : timeout.signal });
    const body = NULL_BODY_STATUSES.has(res.status) ? null : await res.arrayBuffer();
    return new Response(body, { status: res.status, statusText: res.statusText, headers: res.headers });
  } finally {
    clearTimeout(timer);
  }
};
