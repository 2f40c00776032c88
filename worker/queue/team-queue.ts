/**
 * @module TeamQueue: one Durable Object per team. It keeps the team's waiting list (open,
 * unassigned conversations, each with the last seq published, so a late publish cannot
 * undo a newer one), knows which agents are connected, and pushes every conversation
 * change to the agents' consoles over hibernatable sockets.
 *
 * The event pipeline publishes here once per batch, after the D1 commit, with the rows as
 * D1 then holds them (worker/pipeline/listeners/team-queue-publish.ts), so the list an
 * agent sees live never runs ahead of what `GET /conversations` would return.
 */
import { DurableObject } from "cloudflare:workers";
import { HEARTBEAT_PING, HEARTBEAT_PONG } from "../protocol";
import type { ConversationSummary, QueueFrame } from "../protocol";
import type { Env } from "../env";
import { checkedTags, closeQuietly, sendText } from "../durable/hibernatable-sockets";
import { participantKey } from "../conversation/sockets";

export const AGENT_HEADER = "X-Switchboard-Agent";

export class TeamQueue extends DurableObject<Env> {
  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    ctx.storage.sql.exec(`CREATE TABLE IF NOT EXISTS waiting (
      conversation_id TEXT PRIMARY KEY,
      summary TEXT NOT NULL,
      last_seq INTEGER NOT NULL)`);
    ctx.setWebSocketAutoResponse(new WebSocketRequestResponsePair(HEARTBEAT_PING, HEARTBEAT_PONG));
  }

  /** Conversations of this team changed (one pipeline batch): update the waiting list
   * and tell every console, one frame per row. */
  async publishMany(rows: ConversationSummary[]): Promise<void> {
    for (const row of rows) this.publishOne(row);
  }

  private publishOne(summary: ConversationSummary): void {
    const sql = this.ctx.storage.sql;
    const known = sql.exec<{ last_seq: number }>("SELECT last_seq FROM waiting WHERE conversation_id = ?", summary.id).toArray()[0];
    // Publishes can arrive out of order after retries; an older one must not win.
    if (known && known.last_seq > summary.lastSeq) return;
    if (summary.status === "open" && summary.assigneeId === null) {
      sql.exec(
        "INSERT INTO waiting (conversation_id, summary, last_seq) VALUES (?, ?, ?) ON CONFLICT(conversation_id) DO UPDATE SET summary = excluded.summary, last_seq = excluded.last_seq",
        summary.id,
        JSON.stringify(summary),
        summary.lastSeq,
      );
    } else {
      sql.exec("DELETE FROM waiting WHERE conversation_id = ?", summary.id);
    }
    this.broadcast({ type: "conversation", conversation: summary });
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
