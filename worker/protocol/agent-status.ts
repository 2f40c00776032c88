/**
 * @module Wire shapes of agent status (issue 14): the availability an agent sets
 * (online/away) and the effective status the team sees (offline once every console
 * socket has been gone longer than the grace period).
 */
import { z } from "zod";

/** After the last console socket closes, the agent still counts as present this long, so
 * a page reload or a short network drop never counts as leaving (issue 14: "about a
 * minute"). */
export const PRESENCE_GRACE_MS = 60_000;

/** What the agent chooses. Away agents keep their conversations but get no new ones. */
export const Availability = z.enum(["online", "away"]);
export type Availability = z.infer<typeof Availability>;

/** What the team sees: the agent's choice, or offline when no console is connected. */
export const EffectiveStatus = z.enum(["online", "away", "offline"]);
export type EffectiveStatus = z.infer<typeof EffectiveStatus>;

export const PutStatusBody = z.strictObject({ status: Availability });
export type PutStatusBody = z.infer<typeof PutStatusBody>;

export const MyStatus = z.object({ status: Availability });
export type MyStatus = z.infer<typeof MyStatus>;

export const AgentStatusEntry = z.object({ id: z.string(), name: z.string(), status: EffectiveStatus });
export type AgentStatusEntry = z.infer<typeof AgentStatusEntry>;

/** A team's members and their effective status, by name. */
export const TeamAgentStatus = z.object({ teamId: z.string(), agents: z.array(AgentStatusEntry) });
export type TeamAgentStatus = z.infer<typeof TeamAgentStatus>;

export const AgentStatusQuery = z.object({ team: z.string().min(1).max(64).optional() });
