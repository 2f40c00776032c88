/**
 * @module Settings → Teams: the admin's calls for a team's settings, members and
 * deletion. Each response is parsed with the protocol's schema (see ../api.ts `call`).
 */
import { TeamDeleted, TeamDetail, type CreateTeamBody, type UpdateTeamBody } from "../../worker/protocol";
import { call } from "../api";

const teamPath = (id: string, rest = "") => `/api/v1/teams/${encodeURIComponent(id)}${rest}`;
const memberPath = (id: string, agentId: string) => teamPath(id, `/members/${encodeURIComponent(agentId)}`);

export const teamApi = {
  create: (body: CreateTeamBody) => call(TeamDetail, "/api/v1/teams", { method: "POST", body }),
  detail: (id: string) => call(TeamDetail, teamPath(id)),
  update: (id: string, body: UpdateTeamBody) => call(TeamDetail, teamPath(id), { method: "PATCH", body }),
  addMember: (id: string, agentId: string) => call(TeamDetail, memberPath(id, agentId), { method: "PUT" }),
  removeMember: (id: string, agentId: string) => call(TeamDetail, memberPath(id, agentId), { method: "DELETE" }),
  /** With conversations the team needs a target for them (the API answers 409 without one). */
  remove: (id: string, targetTeamId: string | null) =>
    call(TeamDeleted, teamPath(id, targetTeamId ? `?targetTeamId=${encodeURIComponent(targetTeamId)}` : ""), { method: "DELETE" }),
};
