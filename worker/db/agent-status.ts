/**
 * @module Agent availability (online/away) in D1, and a team's active members by name.
 */
import { and, eq, isNull } from "drizzle-orm";
import type { Db } from "./client";
import { agents, teamMembers } from "./schema";
import type { Availability } from "../protocol";

export async function storeAvailability(db: Db, agentId: string, availability: Availability): Promise<void> {
  await db.update(agents).set({ availability }).where(eq(agents.id, agentId));
}

export async function availabilityOf(db: Db, agentId: string): Promise<Availability> {
  const row = await db.select({ availability: agents.availability }).from(agents).where(eq(agents.id, agentId)).get();
  return row?.availability ?? "online";
}

/** The team's active members (deactivated agents are left out), ordered by name. */
export async function activeMembers(db: Db, teamId: string): Promise<Array<{ id: string; name: string }>> {
  return db
    .select({ id: agents.id, name: agents.name })
    .from(teamMembers)
    .innerJoin(agents, eq(agents.id, teamMembers.agentId))
    .where(and(eq(teamMembers.teamId, teamId), isNull(agents.disabledAt)))
    .orderBy(agents.name, agents.id);
}
