/**
 * @module Wire shapes of agent administration: invites, the admins' agent list, role
 * and capacity changes, deactivation (issue 14).
 */
import { z } from "zod";
import { MAX_PASSWORD_CHARS, MIN_PASSWORD_CHARS } from "./limits";
import { UserName } from "./text";
import { Agent, Role } from "./api";

/** How long an invite link works. Long enough for a weekend; short enough that a link
 * forgotten in a chat history stops working. */
export const INVITE_TTL_MS = 7 * 24 * 60 * 60 * 1000;
/** Our own ceiling on conversations one agent takes at a time (automatic distribution
 * never exceeds an agent's capacity; an absurd number would switch the limit off). */
export const MAX_AGENT_CAPACITY = 100;

const Email = z.string().trim().toLowerCase().pipe(z.email()).pipe(z.string().max(254));
const Capacity = z.number().int().min(1).max(MAX_AGENT_CAPACITY);

/** An owner invite only by an owner; the route checks the caller. */
export const CreateInviteBody = z.strictObject({ email: Email, role: Role });
export type CreateInviteBody = z.infer<typeof CreateInviteBody>;

/** The one time the token is shown: D1 keeps only its SHA-256. `url` is the console page
 * that accepts it; the token rides in the fragment so it never reaches a server log or
 * a Referer header. */
export const Invite = z.object({ email: z.string(), role: Role, url: z.string(), token: z.string(), expiresAt: z.number().int() });
export type Invite = z.infer<typeof Invite>;

export const AcceptInviteBody = z.strictObject({
  name: UserName.trim().min(1).max(120),
  password: z.string().min(MIN_PASSWORD_CHARS).max(MAX_PASSWORD_CHARS),
});
export type AcceptInviteBody = z.infer<typeof AcceptInviteBody>;

/** The token in an invite's path: base64url of 32 random bytes (43 characters). */
export const InviteTokenParam = z.object({ token: z.string().regex(/^[A-Za-z0-9_-]{20,100}$/) });

/** `capacity` null: the team's default applies. */
export const PatchAgentBody = z.strictObject({ role: Role, capacity: Capacity.nullable().optional() });
export type PatchAgentBody = z.infer<typeof PatchAgentBody>;

export const AgentStatusKind = z.enum(["active", "deactivated"]);
export const ManagedAgent = Agent.extend({ capacity: Capacity.nullable(), status: AgentStatusKind });
export type ManagedAgent = z.infer<typeof ManagedAgent>;
export const ManagedAgentList = z.object({ agents: z.array(ManagedAgent) });
export type ManagedAgentList = z.infer<typeof ManagedAgentList>;

/** What deactivation did: the conversations it handed back to the queue. */
export const DeactivateResult = z.object({ agent: ManagedAgent, unassigned: z.array(z.string()) });
export type DeactivateResult = z.infer<typeof DeactivateResult>;
