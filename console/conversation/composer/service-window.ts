/**
 * @module Whether a channel still takes a free reply, as the composer warns about it.
 * The room enforces the windows (it refuses with `outside_service_window`); this only
 * tells the agent before they write, from the last customer message in the loaded log,
 * and after a refusal until the customer writes again. Pure, for tests.
 */
import type { ChannelKind } from "../../../worker/protocol";
import type { FeedEvent } from "../../../client/feed";

const HOUR_MS = 3_600_000;

/** WhatsApp's customer service window: 24 hours from the user's last message; after it
 * only template messages may be sent.
 * https://developers.facebook.com/documentation/business-messaging/whatsapp/messages/send-messages#customer-service-windows */
export const WHATSAPP_WINDOW_MS = 24 * HOUR_MS;

/** Messenger and Instagram: the standard messaging window is 24 hours; a human agent's
 * reply may go out with the HUMAN_AGENT tag up to 7 days after the user's last message
 * (where the page has that feature), then nothing until the user writes again.
 * https://developers.facebook.com/documentation/business-messaging/messenger-platform/policy/ */
export const META_STANDARD_MS = 24 * HOUR_MS;
export const META_HUMAN_AGENT_MS = 7 * 24 * HOUR_MS;

/** `whatsapp-closed`: only a template may go out. `meta-late`: past the standard window,
 * replies may be refused. `meta-closed`: past every window. */
export type WindowNotice = "whatsapp-closed" | "meta-late" | "meta-closed";

/** The customer's last message in the log: null when the whole log is loaded and has
 * none; undefined when it may be on an earlier page not loaded (then the composer says
 * nothing until the room refuses a send). */
export function lastInbound(events: readonly FeedEvent[], hasOlder: boolean): { seq: number; at: number } | null | undefined {
  const last = events.findLast((e) => e.type === "message" && e.actor.type === "contact");
  if (last && last.at !== null) return { seq: last.seq, at: last.at };
  return hasOlder ? undefined : null;
}

export interface WindowInput {
  channel: ChannelKind;
  inbound: { seq: number; at: number } | null | undefined;
  now: number;
  /** The room refused a send as outside the window, and the customer has not written since. */
  refused: boolean;
}

/** The notice to show now, and when it would next change on its own (to re-render then). */
export function serviceWindow(input: WindowInput): { notice: WindowNotice | null; changesAt: number | null } {
  const { inbound, now, refused } = input;
  if (input.channel === "whatsapp") {
    if (refused || inbound === null) return { notice: "whatsapp-closed", changesAt: null };
    if (inbound === undefined) return { notice: null, changesAt: null };
    const closesAt = inbound.at + WHATSAPP_WINDOW_MS;
    return now >= closesAt ? { notice: "whatsapp-closed", changesAt: null } : { notice: null, changesAt: closesAt };
  }
  if (input.channel === "messenger" || input.channel === "instagram") {
    if (refused || inbound === null) return { notice: "meta-closed", changesAt: null };
    if (inbound === undefined) return { notice: null, changesAt: null };
    const lateAt = inbound.at + META_STANDARD_MS;
    const closedAt = inbound.at + META_HUMAN_AGENT_MS;
    if (now >= closedAt) return { notice: "meta-closed", changesAt: null };
    if (now >= lateAt) return { notice: "meta-late", changesAt: closedAt };
    return { notice: null, changesAt: lateAt };
  }
  // Web chat, and channels without a window the console knows of.
  return { notice: null, changesAt: null };
}
