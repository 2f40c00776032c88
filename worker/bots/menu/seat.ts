/**
 * @module The menu bot's seat in a ConversationRoom: it keeps the inbox's bot at hand
 * (read through the room's channel configuration cache) and, inside the same synchronous
 * write that stores a customer's message, stores the bot's answer as events (messages
 * with the bot as actor, a captured field, a move to a team, the handoff). So the bot's
 * turn is ordered with the conversation, survives eviction (its place is in the room's
 * state, saved in that write), and is visible in the timeline.
 *
 * An inbox with an agent bot instead (../agent) also has its seat here, with less to do:
 * the bot answers from outside (its calls go out from the pipeline, not from the room),
 * so the seat only keeps `botInbox` on and hands over on a handoff word.
 */
import type { Actor, AgentBot, ConversationEvent, MenuBot, MessageEvent } from "../../protocol";
import type { RoomCommand, RoomState } from "../../conversation/commands";
import type { WriteStep } from "../../conversation/message-changes";
import { plan } from "../../conversation/status-machine";
import { menuTurn, timeoutTurn, type MenuTurn } from "./turn";
import { asksForHuman } from "./match";

/** The id of the menu bot's actor; its name is the inbox bot's. */
export const MENU_BOT_ID = "menu";
/** The id of an agent bot's actor when Switchboard speaks for it (its handoff text); its
 * own replies come with its API token's bot actor. */
export const AGENT_BOT_ID = "agent-bot";
const SYSTEM: Actor = { type: "system", id: null, name: null };
const MINUTE_MS = 60_000;

/** Where the room's inbox bot comes from (the channel config cache). Throws when it
 * cannot be read and no copy was read before. */
export type MenuBotSource = () => Promise<{ menu: MenuBot | null; agent: AgentBot | null }>;

export class MenuSeat {
  private bot: MenuBot | null = null;
  private agent: AgentBot | null = null;
  /** Whether the bot was read at least once (null then means: the inbox has none). */
  private known = false;

  constructor(
    private readonly source: MenuBotSource,
    private readonly state: () => RoomState,
    private readonly saveState: (patch: Partial<RoomState>) => void,
  ) {}

  /** Before a customer's message is stored (and before the alarm's timeout check): reads
   * the inbox's bot when it may act, and keeps `botInbox` (whether a resolved
   * conversation goes back to the bot) in step with it. */
  async prepare(): Promise<void> {
    const status = this.state().status;
    if (status !== "bot" && status !== "resolved") return;
    try {
      const bots = await this.source();
      this.bot = bots.menu;
      this.agent = bots.agent;
      this.known = true;
    } catch (err) {
      // D1 unreadable and nothing read before: `follow` hands over rather than leave the
      // customer with no one (see there).
      console.warn(JSON.stringify({ msg: "menu bot unreadable", conversationId: this.state().id, error: String(err) }));
    }
    const on = this.known && (this.bot?.enabled === true || this.agent?.enabled === true);
    if (this.known && (this.state().botInbox ?? false) !== on) this.saveState({ botInbox: on });
  }

  /** Inside a write, after its events: the bot's turn for each customer message the
   * write stored while the conversation is the bot's. With no bot to answer (switched
   * off, deleted, unreadable) the conversation goes to the team, so no one waits on a
   * bot that is not there. */
  follow(step: WriteStep, stored: readonly ConversationEvent[]): void {
    const messages = stored.filter((e): e is MessageEvent => e.type === "message" && e.actor.type === "contact" && e.kind !== "note");
    for (const message of messages) {
      if (step.state().status !== "bot") return;
      const agent = this.agent?.enabled ? this.agent : null;
      if (agent) {
        // The bot hears the message from the pipeline; only a person-word is ours to act on.
        if (asksForHuman(agent, message.body)) this.handOverFromAgent(step, agent);
        continue;
      }
      const bot = this.active();
      if (!bot) return this.store(step, null, { say: [], capture: null, teamId: null, handoff: true, next: null });
      const choiceId = message.content?.type === "choice" ? message.content.id : null;
      this.store(step, bot, menuTurn(bot, step.state().menu, { text: message.body, choiceId }, step.now));
    }
  }

  /** When the bot stops waiting for the customer's answer (null: it is not waiting). */
  deadline(state: RoomState | null): number | null {
    const bot = this.active();
    if (!bot || state?.status !== "bot" || !state.menu) return null;
    return state.menu.since + bot.timeoutMinutes * MINUTE_MS;
  }

  /** From the room's alarm: past the deadline, a person takes over. */
  timeout(step: WriteStep): void {
    const deadline = this.deadline(step.state());
    const bot = this.active();
    if (bot && deadline !== null && deadline <= step.now) this.store(step, bot, timeoutTurn(bot));
  }

  private handOverFromAgent(step: WriteStep, agent: AgentBot): void {
    const actor: Actor = { type: "bot", id: AGENT_BOT_ID, name: agent.name };
    const run = (cmd: RoomCommand) => {
      for (const draft of plan(step.state(), cmd, step.now)) step.emit(draft);
    };
    if (agent.handoffText) run({ type: "message", actor, kind: "text", body: agent.handoffText });
    run({ type: "handoff", actor });
  }

  private active(): MenuBot | null {
    return this.bot?.enabled ? this.bot : null;
  }

  private store(step: WriteStep, bot: MenuBot | null, turn: MenuTurn): void {
    const actor: Actor = bot ? { type: "bot", id: MENU_BOT_ID, name: bot.name } : SYSTEM;
    const run = (cmd: RoomCommand) => {
      for (const draft of plan(step.state(), cmd, step.now)) step.emit(draft);
    };
    if (turn.capture) step.emit({ type: "field", field: turn.capture.field, value: turn.capture.value, actor, at: step.now });
    for (const line of turn.say) run({ type: "message", actor, kind: "text", body: line.body, ...(line.content ? { content: line.content } : {}) });
    if (turn.teamId !== null) run({ type: "assign", actor, assigneeId: null, assigneeName: null, teamId: turn.teamId });
    // The handoff's status event clears the bot's place (status-machine.ts reduce).
    if (turn.handoff) run({ type: "handoff", actor });
    else step.setState({ menu: turn.next });
  }
}
