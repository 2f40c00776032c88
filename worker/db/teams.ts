/**
 * @module Team names in D1: the seeded team's name per setup language, and renames.
 */
import { eq } from "drizzle-orm";
import type { Db } from "./client";
import { teams } from "./schema";
import type { Locale, Team } from "../protocol";

/** The seeded team's name in the owner's setup language. */
export const DEFAULT_TEAM_NAME: Record<Locale, string> = { en: "General", "pt-BR": "Geral", es: "General" };

export async function renameTeam(db: Db, id: string, name: string): Promise<Team | undefined> {
  const [row] = await db.update(teams).set({ name }).where(eq(teams.id, id)).returning({ id: teams.id, name: teams.name });
  return row;
}
