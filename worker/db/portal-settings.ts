/**
 * @module The customer portal's settings row (portal_settings, one row): the inbox its
 * requests land in, the e-mail inbox its sign-in mail leaves from, its categories.
 */
import { eq } from "drizzle-orm";
import type { Db } from "./client";
import { portalSettings } from "./schema";
import type { PortalSettings } from "../protocol";

const PORTAL_SETTINGS_ID = "portal";
const OFF: PortalSettings = { inboxId: null, emailInboxId: null, categories: [] };

/** The settings; a deployment that never saved any has the portal off. */
export async function readPortalSettings(db: Db): Promise<PortalSettings> {
  const row = await db.select().from(portalSettings).where(eq(portalSettings.id, PORTAL_SETTINGS_ID)).get();
  return row ? { inboxId: row.inboxId, emailInboxId: row.emailInboxId, categories: row.categories } : OFF;
}

/** The upsert of the settings, for the caller's batch (with its audit entry). */
export function portalSettingsStatement(db: Db, settings: PortalSettings, now: number) {
  const values = { inboxId: settings.inboxId, emailInboxId: settings.emailInboxId, categories: settings.categories, updatedAt: now };
  return db
    .insert(portalSettings)
    .values({ id: PORTAL_SETTINGS_ID, ...values })
    .onConflictDoUpdate({ target: portalSettings.id, set: values });
}
