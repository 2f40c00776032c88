/**
 * @module TeamQueue: one Durable Object per team (its name is the team id). It keeps the
 * team's waiting list in order (./waiting-list.ts, ./order.ts), knows who has each open
 * conversation (./assigned-book.ts) and which agents are present (./presence.ts), hands
 * conversations out when the team distributes automatically (./distribution.ts), takes
 * them back when their agent leaves or does not answer (./returns.ts), tells web chat
 * visitors their place in line (./line-positions.ts), and pushes every conversation
 * change to the agents' consoles over hibernatable sockets.
 *
 * The event pipeline publishes here once per batch, after the D1 commit, with the rows as
 * D1 then holds them (worker/pipeline/listeners/team-queue-publish.ts), so the list an
 * agent sees live never runs ahead of what `GET /conversations` would return.
 *
 * Everything slow (D1, rooms) runs in the alarm, never in a publish: a publish only
 * updates SQLite and asks the clock (./wake-clock.ts) to wake the queue.
 */
import { DurableObject } from "cloudflare:workers";
import { Availability, HEARTBEAT_PING, HEARTBEAT_PONG } from "../protocol";
import type { ConversationSummary, EffectiveStatus, QueueFrame } from "../protocol";
import type { Env } from "../env";
import { checkedTags, closeQuietly, sendText } from "../durable/hibernatable-sockets";
import { participantKey } from "../conversation/sockets";
import { agentLoads, teamDistribution, type TeamDistribution } from "../db/capacity";
import { WaitingList, type WaitingRow } from "./waiting-list";
import { isPriorityKey } from "./order";
import { PresenceBook } from "./presence";
import { AssignedBook } from "./assigned-book";
import { WakeClock } from "./wake-clock";
import { distribute } from "./distribution";
import { settleReturns } from "./returns";
import { LinePositions } from "./line-positions";
import { tellPositions } from "./tell-positions";

export const AGENT_HEADER = "X-Switchboard-Agent";
/** The availability D1 holds for the connecting agent (set by the queue socket route). */
export const AVAILABILITY_HEADER = "X-Switchboard-Availability";

/** How long the team's settings are trusted before reading D1 again; a change made in
 * the console is also pushed at once (`settingsChanged`). */
const SETTINGS_TTL_MS = 30_000;
/** While work waits that no one here can take, look again this often: an agent's
 * capacity can free up in another team, which does not publish here. */
const RECHECK_MS = 15_000;
/** A room that failed to answer a return is asked again after this long. */
const RETRY_MS = 5_000;

export class TeamQueue extends DurableObject<Env> {
  private readonly list: WaitingList;
  private readonly presenceBook: PresenceBook;
  private readonly book: AssignedBook;
  private readonly clock: WakeClock;
  private readonly line: LinePositions;
  private settingsCache: { value: TeamDistribution | null; at: number } | null = null;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.list = new WaitingList(ctx.storage.sql);
    this.presenceBook = new PresenceBook(ctx.storage.sql);
    this.book = new AssignedBook(ctx.storage.sql);
    this.clock = new WakeClock(ctx.storage.sql, ctx.storage);
    this.line = new LinePositions(ctx.storage.sql);
    ctx.setWebSocketAutoResponse(new WebSocketRequestResponsePair(HEARTBEAT_PING, HEARTBEAT_PONG));
  }

  private get teamId(): string {
    return this.ctx.id.name ?? "";
  }

  /** Conversations of this team changed (one pipeline batch): update the list and the
   * book, tell every console, and wake the queue if there is work. `reopened`: ids a
   * customer reopened in this batch (they go back to their agent only if that agent can
   * take them). */
  async publishMany(rows: ConversationSummary[], carriedReceivedAt: Record<string, number> = {}, reopened: string[] = []): Promise<void> {
    const now = Date.now();
    let work = false;
    for (const row of rows) {
      const known = this.list.lookup(row.id);
      const waitingSince = WaitingList.receivedAtIn(known);
      const back = this.book.update(row, waitingSince ?? carriedReceivedAt[row.id] ?? row.lastActivityAt, now);
      if (waitingSince !== null && row.assigneeId !== null && row.status === "open") this.line.recordPickup(now);
      const { stored, moved } = this.list.upsert(row, now, carriedReceivedAt[row.id] ?? back?.receivedAt, known);
      if (back?.skipAgent) this.list.skip(row.id, back.skipAgent);
      if (stored) this.broadcast({ type: "conversation", conversation: row });
      // Anything entering, leaving or moving in the list, or an agent's load moving, is
      // work. A waiting row's new preview is not: it woke the distribution and walked the
      // line on every customer message (issue 10's bench: a third of the flush's time).
      work ||= moved || (stored && back !== null);
    }
    const reopenedRows = rows.filter((r) => reopened.includes(r.id) && r.assigneeId !== null && r.status === "open");
    if (reopenedRows.length > 0) await this.checkReopened(reopenedRows, now);
    if (work || reopenedRows.length > 0) await this.clock.wakeBy(now);
  }

  /** These conversations moved to another team: their rows leave this list (the consoles
   * see the row with its new team). Answers when each one's customer started waiting, so
   * the new team keeps their place in time. */
  async leaveMany(rows: ConversationSummary[]): Promise<Record<string, number>> {
    const receivedAt: Record<string, number> = {};
    for (const row of rows) {
      const fromBook = this.book.forget(row.id);
      const at = this.list.leave(row) ?? fromBook;
      if (at !== null) receivedAt[row.id] = at;
      this.broadcast({ type: "conversation", conversation: row });
    }
    await this.clock.wakeBy(Date.now());
    return receivedAt;
  }

  /** The head of the list (Next compares the heads of an agent's teams). */
  async head(): Promise<WaitingRow | null> {
    return this.list.head(Date.now());
  }

  /** Take one row out for Next; null when it is no longer here (someone took it first). */
  async claim(conversationId: string): Promise<WaitingRow | null> {
    return this.list.claim(conversationId, Date.now());
  }

  /** Next could not assign it: back to its place. */
  async unclaim(conversationId: string): Promise<void> {
    this.list.unclaim(conversationId);
  }

  async stats(): Promise<{ waiting: number; oldestReceivedAt: number | null; priorityWaiting: boolean; scheduled: number }> {
    const s = this.list.stats(Date.now());
    return { waiting: s.waiting, oldestReceivedAt: s.oldestReceivedAt, priorityWaiting: s.head !== null && isPriorityKey(s.head.key), scheduled: this.list.scheduledCount() };
  }

  /** Open conversations per agent in this team, as the queue knows them. */
  async assignedCounts(): Promise<Record<string, number>> {
    return this.book.countsByAgent();
  }

  /** Agents connected right now, from the sockets themselves (they survive hibernation). */
  async presence(): Promise<string[]> {
    return this.connectedAgents();
  }

  /** Each agent's effective status here; agents this queue never saw are offline. */
  async statuses(agentIds: string[]): Promise<Record<string, EffectiveStatus>> {
    return Object.fromEntries(agentIds.map((id) => [id, this.presenceBook.statusOf(id)]));
  }

  /** Agents who may be given a new conversation: present and online (away agents keep
   * what they have but get nothing new). */
  async availableAgents(): Promise<string[]> {
    return this.presenceBook.available();
  }

  /** The agent chose online or away (already stored in D1 by the route). */
  async setAvailability(agentId: string, availability: Availability): Promise<void> {
    const before = this.presenceBook.statusOf(agentId);
    this.presenceBook.setAvailability(agentId, availability);
    this.announce(agentId, before);
    if (availability === "online") await this.clock.wakeBy(Date.now());
  }

  /** The team's settings changed (the teams route): read them again, and maybe start
   * distributing now. */
  async settingsChanged(): Promise<void> {
    this.settingsCache = null;
    await this.clock.wakeBy(Date.now());
  }

  /** The agent was deactivated: their consoles are cut off here at once, and they are
   * offline without a grace (the route returns their conversations itself). */
  async dropAgent(agentId: string): Promise<void> {
    const before = this.presenceBook.statusOf(agentId);
    for (const ws of this.ctx.getWebSockets(participantKey({ type: "agent", id: agentId }))) closeQuietly(ws, 4003, "deactivated");
    this.presenceBook.forceOffline(agentId);
    this.announce(agentId, before);
  }

  override async fetch(request: Request): Promise<Response> {
    const agentId = request.headers.get(AGENT_HEADER);
    if (request.headers.get("Upgrade") !== "websocket" || !agentId) return new Response("expected an agent websocket", { status: 426 });
    const { 0: client, 1: server } = new WebSocketPair();
    this.ctx.acceptWebSocket(server, checkedTags([participantKey({ type: "agent", id: agentId })]));
    server.serializeAttachment({ agentId });
    const before = this.presenceBook.statusOf(agentId);
    const chosen = Availability.safeParse(request.headers.get(AVAILABILITY_HEADER));
    this.presenceBook.connected(agentId, chosen.success ? chosen.data : "online");
    this.broadcast({ type: "presence", agentIds: this.connectedAgents() });
    this.announce(agentId, before);
    // Someone who can take work arrived.
    await this.clock.wakeBy(Date.now());
    return new Response(null, { status: 101, webSocket: client });
  }

  override async webSocketClose(ws: WebSocket, code: number, reason: string): Promise<void> {
    closeQuietly(ws, code, reason);
    await this.socketGone(ws);
  }

  override async webSocketError(ws: WebSocket): Promise<void> {
    await this.socketGone(ws);
  }

  /** Everything due by the time the alarm was set for, in order: presence graces,
   * callbacks, no-answer deadlines, returns, distribution, visitors' positions. */
  override async alarm(): Promise<void> {
    const at = this.clock.fired(Date.now());
    const connected = new Set(this.connectedAgents());
    for (const agentId of this.presenceBook.expire(at, (id) => connected.has(id))) {
      this.broadcast({ type: "agentStatus", agentId, status: "offline" });
      this.book.markReturn(this.book.unansweredOf(agentId).map((r) => r.conversationId), "offline");
    }
    this.list.releaseDueCallbacks(at);
    const settings = await this.settings();
    const timeoutMs = settings?.unansweredTimeoutS ? settings.unansweredTimeoutS * 1000 : null;
    if (timeoutMs !== null) this.book.markReturn(this.book.timedOut(at, timeoutMs).map((r) => r.conversationId), "timeout");
    const wakeAt: Array<number | null> = [this.presenceBook.nextDeadline(), this.list.nextCallbackDue(), timeoutMs === null ? null : this.book.nextTimeout(timeoutMs)];

    const pending = this.book.pendingReturns();
    if (pending.length > 0) {
      const { declined, failed } = await settleReturns(this.env, pending);
      for (const id of declined) this.book.declined(id, Date.now());
      if (failed > 0) wakeAt.push(Date.now() + RETRY_MS);
    }

    if (settings?.mode === "auto") {
      const run = await distribute({
        env: this.env,
        list: this.list,
        available: this.presenceBook.available(),
        defaultCapacity: settings.defaultCapacity,
        now: Date.now,
      });
      if (run.more) wakeAt.push(Date.now());
      else if (this.list.head(Date.now()) !== null && this.presenceBook.available().length > 0) wakeAt.push(Date.now() + RECHECK_MS);
    }

    // Only a real team's queue has a line to stand in (not the no-team feed).
    if (settings && (await tellPositions(this.env, this.line, this.list))) wakeAt.push(Date.now() + 1000);

    const next = wakeAt.filter((t): t is number => t !== null);
    if (next.length > 0) await this.clock.wakeBy(Math.min(...next));
  }

  /** A reopened conversation stays with its agent only if they are online here with
   * room for it (it already counts in their load); otherwise it goes back to the queue. */
  private async checkReopened(rows: ConversationSummary[], now: number): Promise<void> {
    const available = new Set(this.presenceBook.available());
    const settings = await this.settings();
    const agents = [...new Set(rows.map((r) => r.assigneeId!))].filter((id) => available.has(id));
    const loads = new Map((agents.length > 0 ? await agentLoads(this.env.DB, agents, settings?.defaultCapacity ?? 0, now) : []).map((l) => [l.agentId, l]));
    const back = rows.filter((r) => {
      const load = loads.get(r.assigneeId!);
      return !load || load.load > load.capacity;
    });
    this.book.markReturn(back.map((r) => r.id), "reopened");
  }

  private async settings(): Promise<TeamDistribution | null> {
    const now = Date.now();
    if (this.settingsCache && now - this.settingsCache.at < SETTINGS_TTL_MS) return this.settingsCache.value;
    // A missing team (the no-team feed) is cached too: it has nothing to distribute.
    const value = await teamDistribution(this.env.DB, this.teamId);
    this.settingsCache = { value, at: now };
    return value;
  }

  private async socketGone(ws: WebSocket): Promise<void> {
    const connected = this.connectedAgents(ws);
    this.broadcast({ type: "presence", agentIds: connected });
    const agentId = (ws.deserializeAttachment() as { agentId?: string } | null)?.agentId;
    // Another console of the same agent (a second tab) keeps them present.
    if (!agentId || connected.includes(agentId)) return;
    await this.clock.wakeBy(this.presenceBook.lastSocketGone(agentId, Date.now()));
  }

  /** Publishes the agent's effective status if it changed since `before`. */
  private announce(agentId: string, before: EffectiveStatus): void {
    const now = this.presenceBook.statusOf(agentId);
    if (now !== before) this.broadcast({ type: "agentStatus", agentId, status: now });
  }

  override async webSocketMessage(): Promise<void> {
    // Consoles only listen here; heartbeats are answered by the auto-response.
  }

  private connectedAgents(except?: WebSocket): string[] {
    const ids = new Set<string>();
    for (const ws of this.ctx.getWebSockets()) {
      if (ws === except) continue;
      const a = ws.deserializeAttachment() as { agentId?: string } | null;
      if (a?.agentId) ids.add(a.agentId);
    }
    return [...ids].sort();
  }

  private broadcast(frame: QueueFrame): void {
    const text = JSON.stringify(frame);
    // A closing socket is skipped quietly; its close handler updates presence.
    for (const ws of this.ctx.getWebSockets()) sendText(ws, text);
  }
}
