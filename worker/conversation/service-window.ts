/**
 * @module The channel's customer-service window: whether an agent's reply may go out
 * now (`windowVerdict`, checked when the agent writes and again when the queue sends),
 * and the refusal an agent gets when it may not (`windowRefusal`).
 */
import { sendingAdapterFor } from "../channels/registry";
import type { ServiceWindow } from "../channels/types";
import type { ReachabilityReason } from "../protocol";
import type { ChannelConfigCache } from "./channel-config-cache";
import { dedupKeyOf, type Refusal, type RoomCommand, type RoomState } from "./commands";
import type { EventLog } from "./event-log";

export type WindowVerdict = { ok: true; tag: string | null } | { ok: false; message: string };

const HOUR_MS = 60 * 60 * 1000;

function hours(ms: number): string {
  const h = Math.round(ms / HOUR_MS);
  return h % 24 === 0 ? `${h / 24} day${h === 24 ? "" : "s"}` : `${h} hours`;
}

/** May a reply go out `now`, the customer having last written at `lastInboundAt`? With
 * the tag it must carry when it is past the free-reply window but within the extended
 * one (Messenger's HUMAN_AGENT). No window: always. A template, where the channel takes
 * them: always. */
export function windowVerdict(window: ServiceWindow | null, lastInboundAt: number | null | undefined, now: number, isTemplate: boolean): WindowVerdict {
  if (!window) return { ok: true, tag: null };
  if (isTemplate && window.templates) return { ok: true, tag: null };
  const elapsed = lastInboundAt === null || lastInboundAt === undefined ? Infinity : now - lastInboundAt;
  if (elapsed <= window.replyMs) return { ok: true, tag: null };
  if (window.extendedMs !== undefined && window.extendedTag && elapsed <= window.extendedMs) return { ok: true, tag: window.extendedTag };
  const limit = hours(window.extendedMs !== undefined && window.extendedTag ? window.extendedMs : window.replyMs);
  const why = elapsed === Infinity ? "The customer has not written on this channel yet" : `The customer last wrote more than ${limit} ago`;
  const what = window.templates ? "only an approved template can be sent until they write again" : "a reply can go out only after they write again";
  return { ok: false, message: `${why}: outside the channel's customer-service window, ${what}.` };
}

/** What an agent is told when the customer cannot be written to on this channel. */
export function unreachableMessage(reason: ReachabilityReason): string {
  return reason === "blocked"
    ? "The customer blocked this channel's bot: nothing can be sent until they unblock it."
    : "The customer opted out of this channel (STOP): nothing can be sent until they opt back in (START).";
}

/** Why an agent's reply may not go out now: the channel's window has closed (only a
 * template may, where the channel takes them). Checked before the write, with the inbox's
 * settings (cached); the queue checks again when it sends. */
export async function windowRefusal(state: RoomState | null, cmd: RoomCommand, log: EventLog, config: ChannelConfigCache): Promise<Refusal | null> {
  if (!state || cmd.type !== "message" || cmd.actor.type !== "agent" || cmd.kind === "note") return null;
  // A resend of a stored message is answered with its seq, whatever is true now.
  const key = dedupKeyOf(cmd);
  if (key && log.seqForKey(key) !== null) return null;
  if (state.unreachable) return { code: "recipient_unreachable", message: unreachableMessage(state.unreachable) };
  const adapter = sendingAdapterFor(state.channel);
  if (!adapter?.serviceWindow) return null;
  let settings: unknown;
  try {
    settings = (await config.get()).settings;
  } catch {
    return { code: "unavailable", message: "The channel's settings cannot be read right now; retry in a moment." };
  }
  if (settings === null) return { code: "unavailable", message: "This inbox's channel settings are not valid; an admin must fix them before replies can go out." };
  const verdict = windowVerdict(adapter.serviceWindow(settings as never), state.lastInboundAt, Date.now(), cmd.template !== undefined);
  return verdict.ok ? null : { code: "outside_service_window", message: verdict.message };
}
