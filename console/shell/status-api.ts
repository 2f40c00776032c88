/**
 * @module Agent status' HTTP calls, each answer parsed with the protocol's schema.
 */
import { MyStatus, TeamAgentStatus, TeamList, type Availability } from "../../worker/protocol";
import { call, queryString } from "../api";

export const statusApi = {
  mine: async () => (await call(MyStatus, "/api/v1/me/status")).status,
  set: async (status: Availability) => (await call(MyStatus, "/api/v1/me/status", { method: "PUT", body: { status } })).status,
  team: (teamId: string) => call(TeamAgentStatus, `/api/v1/agents/status?${queryString({ team: teamId })}`),
  teams: async () => (await call(TeamList, "/api/v1/teams")).teams,
};
