/**
 * Queue test helpers: teams, a web chat inbox routed to a team, and what a team's
 * TeamQueue holds (read straight from its SQLite).
 */
import { runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { call, type Client } from "./http-client";
import { unique } from "./route-table";
import { ORDER_BY_SQL } from "../../worker/queue/order";

export async function newTeam(client: Client): Promise<string> {
  const res = await call("/api/v1/teams", { method: "POST", json: { name: `Team ${unique()}` }, client });
  if (res.status !== 201) throw new Error(`create team failed: ${JSON.stringify(res.body)}`);
  return res.body.id;
}

export async function addMember(client: Client, teamId: string, agentId: string): Promise<void> {
  const res = await call(`/api/v1/teams/${teamId}/members/${agentId}`, { method: "PUT", client });
  if (res.status >= 300) throw new Error(`add member failed: ${res.status} ${JSON.stringify(res.body)}`);
}

export async function teamInbox(client: Client, teamId: string, priority = 50): Promise<{ id: string; publicKey: string }> {
  const res = await call("/api/v1/inboxes", { method: "POST", json: { kind: "webchat", name: `Inbox ${unique()}`, teamId, priority }, client });
  if (res.status !== 201) throw new Error(`create inbox failed: ${JSON.stringify(res.body)}`);
  return res.body;
}

/** The rows waiting in a team's queue, in its order: id and received time. */
export async function waitingIn(teamId: string): Promise<{ id: string; receivedAt: number }[]> {
  return runInDurableObject(env.TEAM_QUEUE.getByName(teamId), (_queue, state) =>
    state.storage.sql
      .exec<{ conversation_id: string; received_at: number }>(`SELECT conversation_id, received_at FROM waiting ORDER BY ${ORDER_BY_SQL}`)
      .toArray()
      .map((r) => ({ id: r.conversation_id, receivedAt: r.received_at })),
  );
}
