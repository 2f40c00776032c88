/**
 * @module Role checks for what the console shows. The server enforces every one of them;
 * these only keep agents from seeing screens that would refuse them.
 */
import type { Me, Role } from "../../worker/protocol";

const RANK: Record<Role, number> = { agent: 0, admin: 1, owner: 2 };

export function hasRole(me: Me, role: Role): boolean {
  return RANK[me.agent.role] >= RANK[role];
}
