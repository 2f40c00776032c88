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
 */
import { DurableObject } from "cloudflare:workers";
import { HEARTBEAT_PING, HEARTBEAT_PONG } from "../protocol";
import type { ConversationSummary, QueueFrame } from "../protocol";
import type { Env } from "../env";
import { checkedTags, closeQuietly, sendText } from "../durable/hibernatable-sockets";
import { participantKey } from "../conversation/sockets";
import { WaitingList, type WaitingRow } from "./waiting-list";
import { isPriorityKey } from "./order";

export const AGENT_HEADER = "X-Switchboard-Agent";

export class TeamQueue extends DurableObject<Env> {
  private readonly list: WaitingList;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.list = new WaitingList(ctx.storage.sql);
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

  override async fetch(request: Request): Promise<Response> {
    const agentId = request.headers.get(AGENT_HEADER);
    if (request.headers.get("Upgrade") !== "websocket" || !agentId) return new Response("expected an agent websocket", { status: 426 });
    const { 0: client, 1: server } = new WebSocketPair();
    this.ctx.acceptWebSocket(server, checkedTags([participantKey({ type: "agent", id: agentId })]));
    server.serializeAttachment({ agentId });
    this.broadcast({ type: "presence", agentIds: this.connectedAgents() });
    return new Response(null, { status: 101, webSocket: client });
  }

  override async webSocketClose(ws: WebSocket, code: number, reason: string): Promise<void> {
    closeQuietly(ws, code, reason);
    this.broadcast({ type: "presence", agentIds: this.connectedAgents(ws) });
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
