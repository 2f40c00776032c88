/**
 * @module The one rule for what leaves a room for a provider (`goesOut`): used when a
 * message is stored (it joins the delivery queue) and again by the drain.
 */
import type { Actor, ChannelKind, MessageEvent } from "../protocol";
import { sendingAdapterFor } from "../channels/registry";

/** Whether a message is ours to deliver through the conversation's provider. Never: a
 * private note (the team talking to itself), anything the customer sent, an echo of what
 * the company sent outside Switchboard (it carries the provider's id from the start: the
 * provider already has it), or any message on a channel without a provider (web chat's
 * widget gets events over its socket). */
export function goesOut(message: Pick<MessageEvent, "actor" | "kind" | "providerMessageId">, channel: ChannelKind): boolean {
  return speaksForCompany(message.actor) && message.kind !== "note" && message.providerMessageId === null && sendingAdapterFor(channel) !== null;
}

/** An agent, or the company's automatic voice (a bot: routing's away message,
 * ../routing/first-message.ts): what they write is a reply the customer receives. */
export function speaksForCompany(actor: Pick<Actor, "type">): boolean {
  return actor.type === "agent" || actor.type === "bot";
}
