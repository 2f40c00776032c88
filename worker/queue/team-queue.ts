/**
 * @module TeamQueue: one Durable Object per team. It keeps the team's waiting list (open,
 * unassigned conversations, each with the last seq published, so a late publish cannot
 * undo a newer one), knows which agents are connected, and pushes every conversation
 * change to the agents' consoles over hibernatable sockets.
 *
 * The event pipeline publishes here once per batch, after the D1 commit, with the rows as
 * D1 then holds them (worker/pipeline/listeners/team-queue-publish.ts), so the list an
 * agent sees live never runs ahead of what `GET /conversations` would return.
 * The list's order and storage live in ./waiting-list.ts and ./order.ts.
 *
 * It also keeps the agents' effective status (online/away/offline, queue/presence.ts): an
 * agent whose last socket closed stays present for a grace period, then its alarm
 * publishes "offline".
 */
import { DurableObject } from "cloudflare:workers";
import { Availability, HEARTBEAT_PING, HEARTBEAT_PONG } from "../protocol";
import type { ConversationSummary, EffectiveStatus, QueueFrame } from "../protocol";
import type { Env } from "../env";
import { checkedTags, closeQuietly, sendText } from "../durable/hibernatable-sockets";
import { participantKey } from "../conversation/sockets";
import { WaitingList, type WaitingRow } from "./waiting-list";
import { isPriorityKey } from "./order";
import { PresenceBook } from "./presence";

export const AGENT_HEADER = "X-Switchboard-Agent";
/** The availability D1 holds for the connecting agent (set by the queue socket route). */
export const AVAILABILITY_HEADER = "X-Switchboard-Availability";

export class TeamQueue extends DurableObject<Env> {
  private readonly list: WaitingList;
  private readonly presenceBook: PresenceBook;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.list = new WaitingList(ctx.storage.sql);
    this.presenceBook = new PresenceBook(ctx.storage.sql);
    ctx.setWebSocketAutoResponse(new WebSocketRequestResponsePair(HEARTBEAT_PING, HEARTBEAT_PONG));
  }

  /** Conversations of this team changed (one pipeline batch): update the waiting list
   * and tell every console, one frame per row. */
  async publishMany(rows: ConversationSummary[], carriedReceivedAt: Record<string, number> = {}): Promise<void> {
    for (const row of rows) {
      if (this.list.upsert(row, carriedReceivedAt[row.id])) this.broadcast({ type: "conversation", conversation: row });
    }
  }

  /** These conversations moved to another team: their rows leave this list (the consoles
   * see the row with its new team). Answers when each one's customer started waiting, so
   * the new team keeps their place in time. */
  async leaveMany(rows: ConversationSummary[]): Promise<Record<string, number>> {
    const receivedAt: Record<string, number> = {};
    for (const row of rows) {
      const at = this.list.leave(row);
      if (at !== null) receivedAt[row.id] = at;
      this.broadcast({ type: "conversation", conversation: row });
    }
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

  async stats(): Promise<{ waiting: number; oldestReceivedAt: number | null; priorityWaiting: boolean }> {
    const s = this.list.stats(Date.now());
    return { waiting: s.waiting, oldestReceivedAt: s.oldestReceivedAt, priorityWaiting: s.head !== null && isPriorityKey(s.head.key) };
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
   * what they have but get nothing new). For the distribution to come. */
  async availableAgents(): Promise<string[]> {
    return this.presenceBook.available();
  }

  /** The agent chose online or away (already stored in D1 by the route). */
  async setAvailability(agentId: string, availability: Availability): Promise<void> {
    const before = this.presenceBook.statusOf(agentId);
    this.presenceBook.setAvailability(agentId, availability);
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
    return new Response(null, { status: 101, webSocket: client });
  }

  override async webSocketClose(ws: WebSocket, code: number, reason: string): Promise<void> {
    closeQuietly(ws, code, reason);
    await this.socketGone(ws);
  }

  override async webSocketError(ws: WebSocket): Promise<void> {
    await this.socketGone(ws);
  }

  /** Every grace that ended by the time this alarm was set for: those agents are offline. */
  override async alarm(): Promise<void> {
    const at = Math.max(Date.now(), this.presenceBook.alarmAt() ?? 0);
    const connected = new Set(this.connectedAgents());
    for (const agentId of this.presenceBook.expire(at, (id) => connected.has(id))) {
      this.broadcast({ type: "agentStatus", agentId, status: "offline" });
    }
    this.presenceBook.rememberAlarm(null);
    const next = this.presenceBook.nextDeadline();
    if (next !== null) await this.schedule(next);
  }

  private async socketGone(ws: WebSocket): Promise<void> {
    const connected = this.connectedAgents(ws);
    this.broadcast({ type: "presence", agentIds: connected });
    const agentId = (ws.deserializeAttachment() as { agentId?: string } | null)?.agentId;
    // Another console of the same agent (a second tab) keeps them present.
    if (!agentId || connected.includes(agentId)) return;
    await this.schedule(this.presenceBook.lastSocketGone(agentId, Date.now()));
  }

  /** Graces end in the order they start (each lasts PRESENCE_GRACE_MS), so an alarm
   * already set is never later than a new deadline; the alarm sets the next one. */
  private async schedule(at: number): Promise<void> {
    if (this.presenceBook.alarmAt() !== null) return;
    this.presenceBook.rememberAlarm(at);
    await this.ctx.storage.setAlarm(at);
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
