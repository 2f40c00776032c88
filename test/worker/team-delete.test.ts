/**
 * Deleting a team: refused while it has conversations unless a target team is named;
 * with one, every conversation moves (its room logs the move, its status stays), the
 * inboxes that defaulted to it follow, teams overflowing into it stop, its members go.
 */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { eventually, expectApiError } from "./assertions";
import { agentWithRole, customerWrites, owner, projected } from "./fixtures";
import { bearer, call, type Client } from "./http-client";
import { unique } from "./route-table";
import type { ConversationEvent } from "../../worker/protocol";

let boss: Client;
beforeAll(async () => {
  boss = await owner();
});

async function newTeam(extra: Record<string, unknown> = {}): Promise<{ id: string; name: string }> {
  const res = await call("/api/v1/teams", { method: "POST", json: { name: `Team ${unique()}`, ...extra }, client: boss });
  expect(res.status).toBe(201);
  return res.body;
}

async function inboxOf(teamId: string): Promise<{ id: string; publicKey: string }> {
  const res = await call("/api/v1/inboxes", { method: "POST", json: { kind: "webchat", name: `Inbox ${unique()}`, teamId }, client: boss });
  expect(res.status).toBe(201);
  return res.body;
}

async function teamIdInD1(conversationId: string): Promise<string | null> {
  const row = await env.DB.prepare("SELECT team_id FROM conversations WHERE id = ?").bind(conversationId).first<{ team_id: string | null }>();
  return row!.team_id;
}

async function inboxTeamInD1(inboxId: string): Promise<string | null> {
  const row = await env.DB.prepare("SELECT team_id FROM inboxes WHERE id = ?").bind(inboxId).first<{ team_id: string | null }>();
  return row!.team_id;
}

const teamNames = async () => (await call("/api/v1/teams", { client: boss })).body.teams.map((t: { id: string }) => t.id);

describe("deleting an empty team", () => {
  it("an admin deletes it: gone from the list, its members dropped, overflow and inbox defaults cleared", async () => {
    const team = await newTeam();
    const pointing = await newTeam({ overflowTeamId: team.id });
    const inbox = await inboxOf(team.id);
    const agent = await agentWithRole("agent");
    await call(`/api/v1/teams/${team.id}/members/${agent.id}`, { method: "PUT", client: boss });
    const admin = await agentWithRole("admin");
    const res = await call(`/api/v1/teams/${team.id}`, { method: "DELETE", client: admin });
    expect(res).toMatchObject({ status: 200, body: { ok: true, movedConversations: 0 } });
    expect(await teamNames()).not.toContain(team.id);
    expect((await call("/api/v1/me", { client: agent })).body.teamIds).not.toContain(team.id);
    expect((await call(`/api/v1/teams/${pointing.id}`, { client: boss })).body.overflowTeamId).toBeNull();
    expect(await inboxTeamInD1(inbox.id)).toBeNull();
  });

  it("refuses an agent (403) and keeps the team", async () => {
    const team = await newTeam();
    const agent = await agentWithRole("agent");
    expectApiError(await call(`/api/v1/teams/${team.id}`, { method: "DELETE", client: agent }), 403, "forbidden");
    expect(await teamNames()).toContain(team.id);
  });

  it("answers an unknown team with 404, a target that is the team itself with 400, an unknown target with 404", async () => {
    const team = await newTeam();
    expectApiError(await call("/api/v1/teams/no-such-team", { method: "DELETE", client: boss }), 404, "team_not_found");
    expectApiError(await call(`/api/v1/teams/${team.id}?targetTeamId=${team.id}`, { method: "DELETE", client: boss }), 400, "validation_failed");
    expectApiError(await call(`/api/v1/teams/${team.id}?targetTeamId=no-such-team`, { method: "DELETE", client: boss }), 404, "team_not_found");
    expect(await teamNames()).toContain(team.id);
  });

  it("refuses a bad query (400) and keeps the team", async () => {
    const team = await newTeam();
    for (const [query, at] of [
      [`targetTeamId=${"x".repeat(65)}`, ["targetTeamId"]],
      ["targetTeamId=", ["targetTeamId"]],
      ["force=1", []],
    ] as const) {
      const res = await call(`/api/v1/teams/${team.id}?${query}`, { method: "DELETE", client: boss });
      expectApiError(res, 400, "validation_failed");
      expect(res.body.error.issues.map((i: { path: unknown[] }) => JSON.stringify(i.path.slice(0, at.length)))).toContain(JSON.stringify(at));
    }
    expect(await teamNames()).toContain(team.id);
  });
});

describe("deleting a team with conversations", () => {
  it("without a target: 409, and nothing moves", async () => {
    const team = await newTeam();
    const inbox = await inboxOf(team.id);
    const c = await customerWrites(inbox.publicKey, "Olá");
    expectApiError(await call(`/api/v1/teams/${team.id}`, { method: "DELETE", client: boss }), 409, "conflict");
    expect(await teamNames()).toContain(team.id);
    expect(await teamIdInD1(c.conversationId)).toBe(team.id);
  });

  it("with a target: each conversation moves, its room logs the move, a resolved one stays resolved", async () => {
    const team = await newTeam();
    const target = await newTeam();
    const inbox = await inboxOf(team.id);
    const me = (await call("/api/v1/me", { client: boss })).body.agent;
    const open = await customerWrites(inbox.publicKey, "Preciso de ajuda");
    await call(`/api/v1/conversations/${open.conversationId}/assign`, { method: "POST", json: { assigneeId: me.id }, client: boss });
    const done = await customerWrites(inbox.publicKey, "Obrigado");
    await call(`/api/v1/conversations/${done.conversationId}/assign`, { method: "POST", json: { assigneeId: me.id }, client: boss });
    await call(`/api/v1/conversations/${done.conversationId}/status`, { method: "POST", json: { status: "resolved" }, client: boss });
    await eventually(async () => expect((await env.DB.prepare("SELECT status FROM conversations WHERE id = ?").bind(done.conversationId).first<{ status: string }>())!.status).toBe("resolved"));

    const admin = await agentWithRole("admin");
    const res = await call(`/api/v1/teams/${team.id}?targetTeamId=${target.id}`, { method: "DELETE", client: admin });
    expect(res).toMatchObject({ status: 200, body: { ok: true, movedConversations: 2 } });
    expect(await teamNames()).not.toContain(team.id);

    for (const [c, status] of [
      [open, "open"],
      [done, "resolved"],
    ] as const) {
      const detail = (await call(`/api/v1/conversations/${c.conversationId}`, { client: boss })).body.conversation;
      expect(detail).toMatchObject({ teamId: target.id, assigneeId: me.id, status });
      expect(await teamIdInD1(c.conversationId)).toBe(target.id);
      const log = (await call(`/api/v1/conversations/${c.conversationId}/messages?after=0`, { client: boss })).body.events as ConversationEvent[];
      const last = log.at(-1)!;
      expect(last).toMatchObject({ type: "assignment", teamId: target.id, assigneeId: me.id, actor: { type: "agent", id: admin.id } });
    }
    // The inbox now routes to the target, and a later message of the moved conversation
    // projects cleanly (its room no longer names the deleted team).
    expect(await inboxTeamInD1(inbox.id)).toBe(target.id);
    const next = await customerWrites(inbox.publicKey, "Outra dúvida");
    expect(await teamIdInD1(next.conversationId)).toBe(target.id);
    const again = await call("/api/v1/widget/messages", { method: "POST", json: { body: "Ainda aqui", clientId: `c-${unique()}` }, headers: bearer(open.token) });
    expect(again.status).toBe(201);
    await projected(open.conversationId, again.body.seq);
    expect(await teamIdInD1(open.conversationId)).toBe(target.id);
  });
});
