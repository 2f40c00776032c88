/**
 * @module What the chat shows, derived from the conversation's events: its status, whether
 * a rating is due, how far the team has read, who is typing, whether to ask for the
 * visitor's name first. Pure functions: the log is the truth, these are views of it.
 */
import type { Actor, ConversationEvent, ConversationStatus, WidgetContact, WidgetSession } from "../worker/protocol";
import type { ReadMark } from "../client/feed";

const isTeam = (actor: Actor) => actor.type === "agent" || actor.type === "bot";

/** The status after the last status event, or the session's when there is none yet. */
export function currentStatus(events: readonly ConversationEvent[], initial: ConversationStatus): ConversationStatus {
  const last = events.findLast((e) => e.type === "status");
  return last?.type === "status" ? last.to : initial;
}

/** `due` once the conversation is resolved and not rated since; `done` once rated. */
export function csatState(events: readonly ConversationEvent[], enabled: boolean): "none" | "due" | "done" {
  if (!enabled) return "none";
  const lastStatus = events.findLastIndex((e) => e.type === "status");
  const status = events[lastStatus];
  if (status?.type !== "status" || status.to !== "resolved") return "none";
  return events.slice(lastStatus + 1).some((e) => e.type === "csat") ? "done" : "due";
}

/** The furthest any team member has read: the visitor's messages up to it are "Read". */
export function teamReadSeq(reads: readonly ReadMark[]): number {
  let seq = 0;
  for (const r of reads) if (isTeam(r.actor) && r.seq > seq) seq = r.seq;
  return seq;
}

/** The team member typing now, if any (the visitor's own other tabs do not count). */
export function teamTyping(typing: readonly Actor[]): Actor | null {
  return typing.find(isTeam) ?? null;
}

/** The pre-chat form comes before the first message, for visitors the inbox does not
 * know well enough yet. */
export function needsPrechat(settings: WidgetSession["inbox"]["settings"], contact: WidgetContact, events: readonly ConversationEvent[], pendingCount: number): boolean {
  const form = settings.preChatForm;
  if (!form.enabled || pendingCount > 0 || events.some((e) => e.type === "message")) return false;
  return contact.name === null || (form.requireEmail && contact.email === null);
}
