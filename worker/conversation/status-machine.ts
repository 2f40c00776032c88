/**
 * @module The conversation status machine, as pure functions: `plan` turns a command
 * into the events to store, `reduce` folds a stored event into the state. The room's
 * state is always the fold of its log, so replaying the log rebuilds it.
 *
 *   bot ──(assign · agent message · handoff)──▶ open ──(resolve)──▶ resolved
 *   resolved ──(customer message · agent message · assign · reopen)──▶ open
 *   resolved ──(customer message, the inbox's menu bot on)──▶ bot
 *   any ──(snooze until t)──▶ snoozed ──(t passes · customer or agent message)──▶ open
 *   (new) ──(a campaign's first message)──▶ snoozed until the customer answers
 */
import { truncateText, type Actor, type Attachment, type ConversationEvent, type MessageContent } from "../protocol";
import type { MessageCommand, RoomCommand, RoomState } from "./commands";
import { goesOut } from "./delivery-rule";

/** An event before the log gives it seq, id and conversation. */
export type DraftEvent = ConversationEvent extends infer E
  ? E extends ConversationEvent
    ? Omit<E, "seq" | "id" | "conversationId">
    : never
  : never;

const PREVIEW_CHARS = 140;

/** A message's line in the conversation list. */
export function previewOf(body: string, attachments: Attachment[] | undefined): string {
  return truncateText(body || (attachments ?? []).map((a) => `📎 ${a.name}`).join(", "), PREVIEW_CHARS);
}

/** What a message carries beyond text: a template to send, or what a channel gave. */
function contentOf(cmd: MessageCommand): MessageContent | undefined {
  return cmd.template ? { type: "template", ...cmd.template } : cmd.content;
}

function statusDraft(state: RoomState, to: RoomState["status"], actor: Actor, at: number, snoozedUntil: number | null = null): DraftEvent {
  return { type: "status", from: state.status, to, snoozedUntil, actor, at };
}

export function plan(state: RoomState, cmd: RoomCommand, at: number): DraftEvent[] {
  switch (cmd.type) {
    case "message": {
      const attachments = cmd.attachments ?? [];
      const content = contentOf(cmd);
      const kind = cmd.kind === "text" && attachments.length > 0 && cmd.body === "" ? "attachment" : cmd.kind;
      const providerMessageId = cmd.providerMessageId ?? null;
      const message: DraftEvent = {
        type: "message",
        kind,
        // A template's text is the provider's to render; the log keeps a readable line.
        body: cmd.body === "" && cmd.template ? `[template: ${cmd.template.name}]` : cmd.body,
        clientId: cmd.clientId ?? null,
        providerMessageId,
        // A message the room must hand to a provider waits in its delivery queue.
        delivery:
          cmd.actor.type === "contact" || cmd.kind === "note" ? null : goesOut({ actor: cmd.actor, kind, providerMessageId }, state.channel) ? "pending" : "sent",
        ...(attachments.length > 0 ? { attachments } : {}),
        ...(cmd.providerAt !== undefined ? { providerAt: cmd.providerAt } : {}),
        ...(cmd.replyTo ? { replyTo: cmd.replyTo } : {}),
        ...(content ? { content } : {}),
        ...(cmd.consent ? { consentPurposeId: cmd.consent.purposeId } : {}),
        actor: cmd.actor,
        at,
      };
      // Notes are the team talking to itself; they never move the conversation.
      if (cmd.kind === "note") return [message];
      const fromContact = cmd.actor.type === "contact";
      // Automatic mail (an out-of-office, a bounce) is no one asking for anything.
      if (cmd.keepsStatus) return [message];
      const reopens = fromContact
        ? state.status === "resolved" || state.status === "snoozed"
        : cmd.actor.type === "agent" && state.status !== "open";
      // With the inbox's menu bot on, the customer's next conversation starts with it again.
      const to = fromContact && state.status === "resolved" && state.botInbox ? "bot" : "open";
      if (reopens) return [message, statusDraft(state, to, cmd.actor, at)];
      // A campaign's first message: nobody needs to answer until the customer does.
      if (cmd.snoozeUntilReply && state.lastSeq === 0 && state.status === "open" && state.assigneeId === null) return [message, statusDraft(state, "snoozed", cmd.actor, at)];
      return [message];
    }
    case "assign": {
      if (cmd.onlyIfWaiting && (state.status !== "open" || state.assigneeId !== null)) return [];
      if (cmd.onlyIfAssignedTo !== undefined && state.assigneeId !== cmd.onlyIfAssignedTo) return [];
      if (cmd.onlyIfUnanswered && state.firstResponseAt !== null) return [];
      const teamId = cmd.teamId === undefined ? state.teamId : cmd.teamId;
      if (cmd.assigneeId === state.assigneeId && teamId === state.teamId) return [];
      const drafts: DraftEvent[] = [
        {
          type: "assignment",
          assigneeId: cmd.assigneeId,
          assigneeName: cmd.assigneeName,
          teamId,
          // A transfer: the old team's queue must learn that its row is gone.
          ...(teamId !== state.teamId ? { fromTeamId: state.teamId } : {}),
          ...(cmd.reason ? { reason: cmd.reason } : {}),
          actor: cmd.actor,
          at,
        },
      ];
      if (cmd.assigneeId !== null && state.status !== "open" && !cmd.keepStatus) drafts.push(statusDraft(state, "open", cmd.actor, at));
      return drafts;
    }
    case "status": {
      const drafts: DraftEvent[] = [];
      if (cmd.to === "resolved" && cmd.unassign && state.assigneeId !== null) {
        drafts.push({ type: "assignment", assigneeId: null, assigneeName: null, teamId: state.teamId, actor: cmd.actor, at });
      }
      if (cmd.to === "snoozed") drafts.push(statusDraft(state, "snoozed", cmd.actor, at, cmd.until ?? null));
      else if (state.status !== cmd.to) drafts.push(statusDraft(state, cmd.to, cmd.actor, at));
      return drafts;
    }
    case "callback": {
      if (cmd.at === null) return (state.callbackAt ?? null) === null ? [] : [{ type: "callback", callbackAt: null, actor: cmd.actor, at }];
      // The callback is the team's to keep: the conversation waits in the queue, open.
      const drafts: DraftEvent[] = [{ type: "callback", callbackAt: cmd.at, actor: cmd.actor, at }];
      if (state.assigneeId !== null) drafts.push({ type: "assignment", assigneeId: null, assigneeName: null, teamId: state.teamId, reason: "callback", actor: cmd.actor, at });
      if (state.status !== "open") drafts.push(statusDraft(state, "open", cmd.actor, at));
      return drafts;
    }
    case "handoff":
      return state.status === "bot" ? [statusDraft(state, "open", cmd.actor, at)] : [];
    case "csat":
      return [{ type: "csat", rating: cmd.rating, comment: cmd.comment, actor: cmd.actor, at }];
    case "automation":
      return [
        {
          type: "automation",
          ruleId: cmd.ruleId,
          ruleName: cmd.ruleName,
          trigger: cmd.trigger,
          actions: cmd.actions,
          ...(cmd.error !== undefined ? { error: cmd.error } : {}),
          actor: cmd.actor,
          at,
        },
      ];
  }
}

export function reduce(state: RoomState, event: ConversationEvent): RoomState {
  const next: RoomState = { ...state, lastSeq: event.seq };
  switch (event.type) {
    case "message":
      if (event.kind === "note") return next;
      next.lastActivityAt = event.at;
      next.lastMessagePreview = previewOf(event.body, event.attachments);
      if (event.actor.type === "agent" && next.firstResponseAt === null) next.firstResponseAt = event.at;
      // The customer-service window opens when the customer writes, by their provider's
      // clock when it tells; a late redelivery of an older message never moves it back.
      if (event.actor.type === "contact") next.lastInboundAt = Math.max(state.lastInboundAt ?? 0, event.providerAt ?? event.at);
      return next;
    case "status":
      next.status = event.to;
      next.snoozedUntil = event.to === "snoozed" ? event.snoozedUntil : null;
      // Resolving ends the conversation's business, a promised callback included.
      if (event.to === "resolved") {
        next.resolvedAt = event.at;
        next.callbackAt = null;
      }
      else if (event.to === "open") next.resolvedAt = null;
      if (event.to === "bot") next.resolvedAt = null;
      // The bot's place in its menu lasts while it has the conversation: back to it later
      // (resolved, then the customer writes), it greets again.
      if (event.to !== "bot" && next.menu) next.menu = null;
      return next;
    case "assignment":
      next.assigneeId = event.assigneeId;
      next.teamId = event.teamId;
      // Someone has it now: the callback is theirs to make, no longer the queue's.
      if (event.assigneeId !== null) next.callbackAt = null;
      return next;
    case "callback":
      next.callbackAt = event.callbackAt;
      return next;
    case "reachability":
      next.unreachable = event.reachable ? null : event.reason;
      return next;
    case "csat":
    // An automation run is an audit line; what it changed has events of its own.
    case "automation":
    case "field":
    // Changes to a stored message move nothing the list orders or filters by.
    case "delivery":
    case "reaction":
    case "edit":
    case "unsend":
      return next;
  }
}
