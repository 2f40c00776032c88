/**
 * @module An agent's own profile and password in D1.
 */
import { and, eq, isNull, ne } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import type { Db } from "./client";
import { agents, sessions } from "./schema";
import type { AgentRow } from "./agents";
import { NotificationPrefs, type Locale, type Profile } from "../protocol";
import type { PasswordHash } from "../auth/password";

export function toProfile(row: AgentRow): Profile {
  // Stored prefs are parsed with their defaults: a row from before a preference existed
  // (or '{}' from the migration) reads as the defaults, never as an error.
  const prefs = NotificationPrefs.safeParse(row.notificationPrefs ?? {});
  return {
    avatarUrl: row.avatarUrl,
    language: row.language,
    notifications: prefs.success ? prefs.data : NotificationPrefs.parse({}),
  };
}

export interface ProfileChanges {
  name?: string;
  avatarUrl?: string | null;
  language?: Locale | null;
  notifications?: NotificationPrefs;
}

export async function updateProfile(db: Db, agentId: string, changes: ProfileChanges): Promise<AgentRow | undefined> {
  const set = {
    ...(changes.name !== undefined ? { name: changes.name } : {}),
    ...(changes.avatarUrl !== undefined ? { avatarUrl: changes.avatarUrl } : {}),
    ...(changes.language !== undefined ? { language: changes.language } : {}),
    ...(changes.notifications !== undefined ? { notificationPrefs: changes.notifications } : {}),
  };
  if (Object.keys(set).length === 0) return db.select().from(agents).where(eq(agents.id, agentId)).get();
  const [row] = await db.update(agents).set(set).where(eq(agents.id, agentId)).returning();
  return row;
}

/** Sets the new password and revokes every other live session of the agent, in one
 * batch: whoever else held a session (a shared computer, a stolen cookie) is signed out
 * the moment the password changes; the session that changed it stays. */
export async function changePassword(db: Db, agentId: string, password: PasswordHash, keepTokenHash: string, now: number, audit?: BatchItem<"sqlite">): Promise<void> {
  await db.batch([
    db.update(agents).set({ passwordHash: password.hash, passwordSalt: password.salt, passwordIterations: password.iterations }).where(eq(agents.id, agentId)),
    ...(audit ? [audit] : []),
    db
      .update(sessions)
      .set({ revokedAt: now })
      .where(and(eq(sessions.agentId, agentId), isNull(sessions.revokedAt), ne(sessions.tokenHash, keepTokenHash))),
  ]);
}
