/**
 * @module Status, assignment, rating, reachability and bot-captured field events as centred one-line entries
 * ("Ana resolved the conversation", "Bruno transferred the conversation to team Vendas",
 * "The customer opted out (STOP)").
 * An assignment event carries the holder after it; whether it changed the agent, the
 * team or both comes from the holder before it, when the loaded log shows one. One the
 * queue made says why (issue 14's audit trail: Next, automatic, a return to the queue,
 * a reopen, a callback); callbacks scheduled or cancelled are lines of their own.
 */
import type { Actor, AssignmentEvent, AutomationEvent, CallbackEvent, CsatEvent, ReachabilityEvent, StatusEvent } from "../../../worker/protocol";
import type { FeedEvent } from "../../../client/feed";
import { formatDateTime, formatFullDateTime, formatMoment, formatTime } from "../format";
import type { Holder } from "./timeline-model";
import type { ChangeEvent } from "./message-changes";
import { Icon } from "../../shared/icon";
import { nameOfAgent, nameOfTeam, type Directory } from "../../shared/use-directory";
import { s } from "../strings";
import { c } from "../channel-strings";
import { q } from "../queue-strings";
import { al } from "../automation-strings";

export interface NameContext {
  myId: string;
  contactName: string | null;
  directory: Directory;
}

export function actorName(actor: Actor, ctx: NameContext): string {
  switch (actor.type) {
    case "agent":
      return actor.id === ctx.myId ? s.timeline.you : (actor.name ?? s.timeline.agent);
    case "contact":
      return ctx.contactName ?? s.pane.visitor;
    case "bot":
      return actor.name ?? s.timeline.bot;
    case "system":
      return actor.name ?? s.timeline.system;
  }
}

export function describeStatus(e: StatusEvent, ctx: NameContext): string {
  const who = actorName(e.actor, ctx);
  const t = s.timeline.system_;
  switch (e.to) {
    case "resolved":
      return t.resolved(who);
    case "snoozed":
      return t.snoozed(who, e.snoozedUntil === null ? "—" : formatDateTime(e.snoozedUntil));
    case "bot":
      return t.toBot;
    case "open":
      if (e.from === "bot") return t.handedOff;
      return e.actor.type === "agent" ? t.reopened(who) : t.autoReopened;
  }
}

/** An agent as the object of a line: "you" for the agent reading, else their name. */
function agentNamed(id: string, storedName: string | null, ctx: NameContext): string {
  if (id === ctx.myId) return s.actions.youInSentence;
  return storedName ?? nameOfAgent(ctx.directory, id) ?? s.timeline.agent;
}

/** The line for an assignment the queue made, by its reason; null when the reason does not
 * fit the event (an unassignment tagged "next"), which then reads as a plain one. The
 * agent a return took the conversation from is the holder before it, when the loaded log
 * shows one. */
function describeReason(e: AssignmentEvent, reason: NonNullable<AssignmentEvent["reason"]>, before: Holder | null, ctx: NameContext): string | null {
  const t = q.timeline;
  const previous = before?.assigneeId ? agentNamed(before.assigneeId, null, ctx) : t.theAgent;
  switch (reason) {
    case "next":
      return e.assigneeId === null ? null : t.next(actorName(e.actor, ctx));
    case "auto":
      return e.assigneeId === null ? null : t.auto(agentNamed(e.assigneeId, e.assigneeName, ctx));
    case "reopened":
      return e.assigneeId === null ? t.reopenedToQueue : t.reopenedTo(agentNamed(e.assigneeId, e.assigneeName, ctx));
    case "offline":
      return t.offline(previous);
    case "timeout":
      return t.timeout(previous);
    case "deactivated":
      return t.deactivated(previous);
    case "callback":
      return t.waitingCallback;
    case "routing":
      // A rule chose the team: the plain team-move line says where it went.
      return null;
  }
}

export function describeCallback(e: CallbackEvent, ctx: NameContext): string {
  const who = actorName(e.actor, ctx);
  return e.callbackAt === null ? q.timeline.cancelled(who) : q.timeline.scheduled(who, formatMoment(e.callbackAt));
}

export function describeAssignment(e: AssignmentEvent, before: Holder | null, ctx: NameContext): string[] {
  const who = actorName(e.actor, ctx);
  const t = s.timeline.system_;
  const lines: string[] = [];
  // Without the holder before, the event reads as an assignment (its usual meaning).
  const agentChanged = before === null || before.assigneeId !== e.assigneeId;
  const teamChanged = before !== null && before.teamId !== e.teamId;
  const reasonLine = e.reason === undefined ? null : describeReason(e, e.reason, before, ctx);
  if (reasonLine !== null) lines.push(reasonLine);
  else if (agentChanged) {
    if (e.assigneeId === null) lines.push(t.unassigned(who));
    else if (e.assigneeId === e.actor.id) lines.push(t.selfAssigned(who));
    else lines.push(t.assigned(who, e.assigneeName ?? ctx.directory.agents.find((a) => a.id === e.assigneeId)?.name ?? s.timeline.agent));
  }
  if (teamChanged) {
    lines.push(e.teamId === null ? t.leftTeam(who) : t.transferred(who, nameOfTeam(ctx.directory, e.teamId) ?? e.teamId));
  }
  return lines;
}

/** Whether the customer may be written to changed: blocked or unblocked the bot (Telegram),
 * opted out or back in (SMS STOP / START). */
export function describeReachability(e: ReachabilityEvent): string {
  const t = c.reachability;
  if (e.reason === "blocked") return e.reachable ? t.unblocked : t.blocked;
  return e.reachable ? t.optedIn : t.optedOut;
}

/** An automation rule's run: the rule and each action, the failed one with its error
 * (all as text: the rule's name and the error are rendered, never parsed as markup). */
export function describeAutomation(e: AutomationEvent): string {
  const actions = e.actions.map((a) => (a.error ? `${al.actionNames[a.type]} (${al.failed(a.error)})` : al.actionNames[a.type])).join(", ");
  return al.ran(e.ruleName, actions);
}

function CsatLine({ e }: { e: CsatEvent }) {
  return (
    <>
      <span class="csat-stars">
        {[1, 2, 3, 4, 5].map((n) => (
          <Icon key={n} name="star" filled={n <= e.rating} />
        ))}
      </span>{" "}
      {s.timeline.system_.csat(e.rating)}
      {e.comment && <q class="csat-comment">{e.comment}</q>}
    </>
  );
}

/** What draws as a line of its own: not messages, and not the changes folded over them. */
export type SystemEvent = Exclude<FeedEvent, { type: "message" } | ChangeEvent>;

function SystemText(props: { event: SystemEvent; before: Holder | null; ctx: NameContext }) {
  const { event: e } = props;
  switch (e.type) {
    case "status":
      return <>{describeStatus(e, props.ctx)}</>;
    case "assignment":
      return <>{describeAssignment(e, props.before, props.ctx).join(" · ")}</>;
    case "csat":
      return <CsatLine e={e} />;
    case "reachability":
      return <>{describeReachability(e)}</>;
    case "callback":
      return <>{describeCallback(e, props.ctx)}</>;
    case "automation":
      return <>{describeAutomation(e)}</>;
    case "field": {
      // The menu bot's captured answer (worker/bots/menu); the value is text, never markup.
      const t = s.timeline.system_;
      const field = e.field.kind === "attribute" ? e.field.key : (t.fieldNames[e.field.kind] ?? e.field.kind);
      return <>{t.fieldSaved(actorName(e.actor, props.ctx), field, e.value)}</>;
    }
    case "unknown":
      // Shown, not skipped: the agent sees that something happened here.
      return <>{s.timeline.system_.unknown(e.storedType)}</>;
  }
}

export function SystemLine(props: { event: SystemEvent; before: Holder | null; ctx: NameContext }) {
  const { event: e } = props;
  return (
    <li class={`system-line system-line--${e.type}`} data-seq={e.seq}>
      <span class="system-text">
        <SystemText {...props} />
      </span>{" "}
      {e.at !== null && (
        <time dateTime={new Date(e.at).toISOString()} title={formatFullDateTime(e.at)}>
          {formatTime(e.at)}
        </time>
      )}
    </li>
  );
}
