/**
 * @module How fast a campaign hands messages to conversations, per channel, under the
 * provider's throughput. Each handoff queues one message in its conversation's room, whose
 * delivery queue calls the provider at once; so the runner's pace is the provider's rate.
 * A provider that still throttles (429) is retried by each room with backoff and
 * Retry-After (../conversation/delivery-queue.ts); the pace keeps that the exception.
 */
import type { InboxRow } from "../db/inboxes";

export interface Pace {
  /** Messages handed off per tick. */
  perTick: number;
  /** Between ticks (the runner's alarm). */
  tickMs: number;
}

const TICK_MS = 1_000;

/** One tick's handoffs cost ~10 D1 queries and two Durable Object calls each; the cap
 * keeps a tick far under a Worker invocation's subrequest limit
 * (https://developers.cloudflare.com/workers/platform/limits/#subrequests) and short
 * enough that an eviction mid-tick loses little work. */
export const MAX_PER_TICK = 25;

/** Messages per second, per sender:
 * - WhatsApp Cloud API: 80 messages per second per business phone number by default,
 *   inbound and outbound together, all types
 *   (https://developers.facebook.com/documentation/business-messaging/whatsapp/throughput);
 *   a campaign takes a quarter, leaving the rest to the replies it provokes and to agents.
 * - Twilio SMS: a long code sends 1 segment per second, the rest queues at Twilio for at
 *   most 10 hours and then fails (https://www.twilio.com/docs/api/errors/30001);
 *   WhatsApp through Twilio: 10 MPS of text per sender by default
 *   (https://www.twilio.com/docs/whatsapp/best-practices-and-faqs).
 * - Cloudflare Email Service: no per-second rate is published, only a daily quota per
 *   account that grows with reputation (https://developers.cloudflare.com/email-service/platform/limits/);
 *   5 per second spreads a campaign so a quota refusal fails few sends, not all. */
export function perSecond(inbox: Pick<InboxRow, "kind" | "settings">): number {
  switch (inbox.kind) {
    case "whatsapp":
      return 20;
    case "sms":
      return (inbox.settings as { medium?: string }).medium === "whatsapp" ? 10 : 1;
    case "email":
      return 5;
    default:
      return 1;
  }
}

export function paceFor(inbox: Pick<InboxRow, "kind" | "settings">): Pace {
  return { perTick: Math.min(MAX_PER_TICK, Math.max(1, Math.floor((perSecond(inbox) * TICK_MS) / 1000))), tickMs: TICK_MS };
}
