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

/** A team distributing automatically, with these members and default capacity. */
export async function autoTeam(client: Client, memberIds: string[], defaultCapacity: number): Promise<string> {
  const teamId = await newTeam(client);
  for (const id of memberIds) await addMember(client, teamId, id);
  const res = await call(`/api/v1/teams/${teamId}`, { method: "PATCH", json: { distributionMode: "auto", defaultCapacity }, client });
  if (res.status !== 200) throw new Error(`team settings failed: ${JSON.stringify(res.body)}`);
  return teamId;
}

/** Each conversation's assignee as D1 holds it (in the order given). */
export async function assigneesOf(ids: string[]): Promise<Array<string | null>> {
  const out: Array<string | null> = [];
  for (const id of ids) out.push((await env.DB.prepare("SELECT assignee_id FROM conversations WHERE id = ?").bind(id).first<{ assignee_id: string | null }>())?.assignee_id ?? null);
  return out;
}

/** Open conversations each agent carries, from D1. */
export async function openLoads(agentIds: string[]): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const id of agentIds) {
    out[id] = (await env.DB.prepare("SELECT COUNT(*) AS n FROM conversations WHERE assignee_id = ? AND status = 'open'").bind(id).first<{ n: number }>())!.n;
  }
  return out;
}

/** The reasons of the conversation's assignment events, in log order ("" for by hand). */
export async function assignmentReasons(conversationId: string): Promise<string[]> {
  const { results } = await env.DB.prepare("SELECT event FROM messages WHERE conversation_id = ? AND kind = 'event' ORDER BY seq").bind(conversationId).all<{ event: string }>();
  return results.map((r) => JSON.parse(r.event) as { type: string; reason?: string }).filter((e) => e.type === "assignment").map((e) => e.reason ?? "");
}
