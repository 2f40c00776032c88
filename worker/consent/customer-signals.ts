/**
 * @module What a pipeline batch's customer messages say about consent (pure; the
 * consent-ledger listener acts on it): an opt-out (the whole text is an opt-out keyword,
 * or Twilio marked the message as one with `OptOutType`, which shows as an `opted_out`
 * reachability event stored right after it) and opt-in taps on a template button
 * (`sb-consent:<key>`, ./template-button.ts). Each signal carries what a record derived
 * from it needs to be the same on every delivery of the batch: the message's seq, id and
 * time.
 */
import type { ConversationEvent, Locale, MessageEvent } from "../protocol";
import type { RoomEvents } from "../pipeline/types";
import { optOutKeyword } from "./keywords";
import { optInPurposeKey } from "./template-button";

interface Signal {
  conversationId: string;
  contactId: string;
  channel: RoomEvents["state"]["channel"];
  /** The customer's message the signal rests on. */
  seq: number;
  messageId: string;
  at: number;
}

export interface OptOutSignal extends Signal {
  type: "opt_out";
  /** The language to acknowledge in: the keyword's. */
  locale: Locale;
}

export interface OptInSignal extends Signal {
  type: "opt_in";
  purposeKey: string;
}

export type ConsentSignal = OptOutSignal | OptInSignal;

const isCustomerMessage = (e: ConversationEvent): e is MessageEvent => e.type === "message" && e.actor.type === "contact" && e.kind !== "note";

/** Twilio's `OptOutType` opt-out: the reachability event the same delivery stored right
 * after the message (../channels/twilio/parse.ts). A conversation that starts unreachable
 * stores a standing one first, before any message, so it never follows one. */
function carrierOptOutAfter(events: readonly ConversationEvent[], i: number): boolean {
  const next = events[i + 1];
  return next?.type === "reachability" && !next.reachable && next.reason === "opted_out" && next.seq === events[i]!.seq + 1;
}

/** The batch's consent signals for one conversation, in seq order. */
export function consentSignals({ state, events }: RoomEvents): ConsentSignal[] {
  const out: ConsentSignal[] = [];
  events.forEach((e, i) => {
    if (!isCustomerMessage(e)) return;
    const base: Signal = { conversationId: state.id, contactId: state.contactId, channel: state.channel, seq: e.seq, messageId: e.id, at: e.at };
    const purposeKey = optInPurposeKey(e.content);
    if (purposeKey) return void out.push({ ...base, type: "opt_in", purposeKey });
    const keyword = optOutKeyword(e.body);
    if (keyword) return void out.push({ ...base, type: "opt_out", locale: keyword });
    // Twilio recognized a keyword of its own (a Messaging Service's custom list).
    if (carrierOptOutAfter(events, i)) out.push({ ...base, type: "opt_out", locale: "pt-BR" });
  });
  return out;
}
