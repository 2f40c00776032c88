/**
 * @module Settings → Agents' HTTP calls, each answer parsed with the protocol's schema.
 */
import { DeactivateResult, Invite, ManagedAgent, ManagedAgentList, type CreateInviteBody, type PatchAgentBody } from "../../worker/protocol";
import { call } from "../api";

const agentPath = (id: string, rest = "") => `/api/v1/agents/${encodeURIComponent(id)}${rest}`;

export const agentApi = {
  list: async () => (await call(ManagedAgentList, "/api/v1/agents/all")).agents,
  invite: (body: CreateInviteBody) => call(Invite, "/api/v1/agents/invites", { method: "POST", body }),
  update: (id: string, body: PatchAgentBody) => call(ManagedAgent, agentPath(id), { method: "PATCH", body }),
  deactivate: (id: string) => call(DeactivateResult, agentPath(id, "/deactivate"), { method: "POST" }),
  reactivate: (id: string) => call(ManagedAgent, agentPath(id, "/reactivate"), { method: "POST" }),
};
