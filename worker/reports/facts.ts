/**
 * @module The pure core of reports: folds a conversation's events, in seq order, into
 * report facts — one row per thing a report counts (a message in, a first response of
 * 4 min, a resolution…), each keyed by (conversation, seq, metric) so a fact counted
 * once is never counted again, however often the pipeline delivers its event. The fold's
 * state between batches is plain data (stored per conversation in `report_cursors`), so
 * folding history in one go (rebuild) or batch by batch (the pipeline) gives the same
 * facts. Every rule here is a definition in docs/reports.md; keep them in step.
 */
import type { BusinessHours, ChannelKind, ConversationEvent, ConversationStatus, ReportMetric } from "../protocol";
import { businessMs } from "./business-time";

/** What does not change over a conversation's life: where it came in. */
export interface ConversationMeta {
  id: string;
  inboxId: string;
  channel: ChannelKind;
  /** The inbox asks the customer for a CSAT rating when an agent resolves (web chat with
   * its `csat` setting on): each such resolution is a survey asked. */
  asksCsat: boolean;
}

/** The fold's memory between batches. */
export interface FoldState {
  status: ConversationStatus;
  teamId: string | null;
  assigneeId: string | null;
  /** Start of the resolution clock: the first event, or the latest reopen. */
  openedAt: number;
  /** An agent has answered a customer who needed a human: later answers are replies. */
  firstResponded: boolean;
  /** Since when the customer has been waiting for a human (their oldest unanswered
   * message, or the bot's handoff); null: nobody waits. */
  waitingSince: number | null;
  /** The customer wrote while the bot had the conversation: the handoff starts the clock. */
  wroteToBot: boolean;
  /** Since when the conversation has waited in its team's queue (open, team, no agent). */
  queuedSince: number | null;
  /** Since when the current assignee has had the conversation (open, not resolved). */
  handledSince: number | null;
}

export interface ReportFact {
  conversationId: string;
  /** The event's seq; 0 is the conversation's creation. */
  seq: number;
  metric: ReportMetric;
  at: number;
  inboxId: string;
  channel: ChannelKind;
  teamId: string | null;
  agentId: string | null;
  /** Timed metrics: the duration (ms); csat: the rating; counts: null. */
  value: number | null;
  /** Timed metrics: the part of the duration inside the team's business hours. */
  businessValue: number | null;
}

/** Where the conversation stood after the events being folded (the room's state after a
 * batch, or the D1 row in a rebuild): the start is worked back from it. */
export interface StateAfter {
  status: ConversationStatus;
  teamId: string | null;
  assigneeId: string | null;
}

/** Team id → its business hours (null or absent: always open). */
export type HoursOf = (teamId: string | null) => BusinessHours | null;

/**
 * The state before the first event. Status and team come from the first event that
 * changed them (`from`, `fromTeamId`), else from the state after; the first assignee is
 * no one when an assignment event comes later (a conversation is created unassigned).
 */
export function initialState(events: readonly ConversationEvent[], after: StateAfter): FoldState {
  const firstStatus = events.find((e) => e.type === "status");
  const firstAssignment = events.find((e) => e.type === "assignment");
  const start = events[0]?.at ?? 0;
  const status = firstStatus?.type === "status" ? firstStatus.from : after.status;
  let teamId = after.teamId;
  if (firstAssignment?.type === "assignment") teamId = firstAssignment.fromTeamId !== undefined ? firstAssignment.fromTeamId : firstAssignment.teamId;
  const assigneeId = firstAssignment ? null : after.assigneeId;
  const state: FoldState = { status, teamId, assigneeId, openedAt: start, firstResponded: false, waitingSince: null, wroteToBot: false, queuedSince: null, handledSince: null };
  if (inQueue(state)) state.queuedSince = start;
  if (assigneeId !== null && status !== "resolved") state.handledSince = start;
  return state;
}

function inQueue(s: FoldState): boolean {
  return s.status === "open" && s.teamId !== null && s.assigneeId === null;
}

/** The fold of one conversation: `facts` grows as events are applied. */
class Fold {
  readonly facts: ReportFact[] = [];
  constructor(
    private readonly meta: ConversationMeta,
    readonly state: FoldState,
    private readonly hoursOf: HoursOf,
  ) {}

  private add(e: { seq: number; at: number }, metric: ReportMetric, agentId: string | null, teamId: string | null, value: number | null = null, from?: number): void {
    const timed = from !== undefined;
    this.facts.push({
      conversationId: this.meta.id,
      seq: e.seq,
      metric,
      at: e.at,
      inboxId: this.meta.inboxId,
      channel: this.meta.channel,
      teamId,
      agentId,
      value: timed ? Math.max(0, e.at - from) : value,
      businessValue: timed ? businessMs(this.hoursOf(teamId), from, e.at) : null,
    });
  }

  /** The conversation's first event: it counts as created then (docs: "Created"). */
  created(at: number): void {
    this.add({ seq: 0, at }, "conversations_created", this.state.assigneeId, this.state.teamId);
  }

  apply(e: ConversationEvent): void {
    const s = this.state;
    switch (e.type) {
      case "message":
        if (e.kind === "note") return; // notes never reach the customer: not a message in or out
        if (e.actor.type === "contact") {
          this.add(e, "messages_in", s.assigneeId, s.teamId);
          if (s.status === "bot") s.wroteToBot = true;
          else if (s.waitingSince === null) s.waitingSince = e.at;
        } else if (e.actor.type === "agent") {
          this.add(e, "messages_out", e.actor.id, s.teamId);
          if (s.waitingSince !== null) {
            this.add(e, s.firstResponded ? "reply" : "first_response", e.actor.id, s.teamId, null, s.waitingSince);
            s.firstResponded = true;
            s.waitingSince = null;
          }
        }
        // Bots, automation and API integrations (actor bot/system) never answer anyone.
        return;
      case "status":
        this.status(e);
        break;
      case "assignment":
        this.assignment(e);
        break;
      case "csat":
        this.add(e, "csat", s.assigneeId, s.teamId, e.rating);
        if (e.rating >= 4) this.add(e, "csat_positive", s.assigneeId, s.teamId);
        return;
      default:
        return;
    }
    // The queue: entered when the conversation becomes open, with a team and no agent.
    if (inQueue(s) && s.queuedSince === null) s.queuedSince = e.at;
    else if (!inQueue(s)) s.queuedSince = null;
  }

  private status(e: Extract<ConversationEvent, { type: "status" }>): void {
    const s = this.state;
    if (e.from === "resolved" && e.to !== "resolved") {
      this.add(e, "conversations_reopened", s.assigneeId, s.teamId);
      s.openedAt = e.at;
      if (s.assigneeId !== null) s.handledSince = e.at;
    }
    if (e.to === "bot") {
      // The bot answers from here: nobody waits for a human.
      s.waitingSince = null;
      s.wroteToBot = false;
    } else if (e.from === "bot") {
      // The handoff: a customer who wrote to the bot waits for a human from now.
      if (s.wroteToBot && s.waitingSince === null) s.waitingSince = e.at;
      s.wroteToBot = false;
    }
    if (e.to === "resolved" && e.from !== "resolved") {
      this.add(e, "conversations_resolved", s.assigneeId, s.teamId, null, s.openedAt);
      if (e.actor.type === "agent" && this.meta.asksCsat) this.add(e, "csat_asked", s.assigneeId, s.teamId);
      this.endHandling(e);
      s.waitingSince = null;
    }
    s.status = e.to;
  }

  private assignment(e: Extract<ConversationEvent, { type: "assignment" }>): void {
    const s = this.state;
    const wasQueued = s.queuedSince;
    if (e.assigneeId !== s.assigneeId) {
      this.endHandling(e);
      if (e.assigneeId !== null && s.status !== "resolved") s.handledSince = e.at;
      if (e.assigneeId !== null && wasQueued !== null) this.add(e, "queue_wait", e.assigneeId, e.teamId, null, wasQueued);
    }
    s.assigneeId = e.assigneeId;
    s.teamId = e.teamId;
  }

  /** The current assignee's span ends (resolved, unassigned, transferred). */
  private endHandling(e: { seq: number; at: number }): void {
    const s = this.state;
    if (s.assigneeId !== null && s.handledSince !== null) this.add(e, "handle", s.assigneeId, s.teamId, null, s.handledSince);
    s.handledSince = null;
  }
}

/**
 * The facts `events` (one conversation's, in seq order, every one after `state`'s) add.
 * `state` null: these are the conversation's first events (the first one is seq 1).
 * Returns the facts and the state to keep for the next batch.
 */
export function foldFacts(meta: ConversationMeta, state: FoldState | null, events: readonly ConversationEvent[], after: StateAfter, hoursOf: HoursOf): { facts: ReportFact[]; state: FoldState } {
  const fold = new Fold(meta, state ? { ...state } : initialState(events, after), hoursOf);
  if (state === null && events[0]) fold.created(events[0].at);
  for (const e of events) fold.apply(e);
  return { facts: fold.facts, state: fold.state };
}
