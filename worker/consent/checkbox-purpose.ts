/**
 * @module A web chat inbox's opt-in checkbox must name a purpose that exists and is not
 * archived: checked when the inbox's settings are saved, so the widget never offers a
 * box whose answer cannot be recorded (the widget's route checks again at answer time,
 * since a purpose may be archived later).
 */
import type { Db } from "../db/client";
import { findPurpose } from "../db/consent-purposes";
import { ApiError } from "../http/api-error";
import { WebchatSettings } from "../protocol";

/** Throws 400 at `settings.preChatForm.consent.purposeId` when the checkbox's purpose is
 * missing or archived; settings of other kinds, or without a checkbox, pass. */
export async function checkConsentCheckbox(db: Db, settings: Record<string, unknown> | undefined): Promise<void> {
  const parsed = WebchatSettings.safeParse(settings ?? {});
  const purposeId = parsed.success ? parsed.data.preChatForm.consent?.purposeId : undefined;
  if (purposeId === undefined) return;
  const purpose = await findPurpose(db, purposeId);
  if (purpose && purpose.archivedAt === null) return;
  throw new ApiError(400, "validation_failed", "The opt-in checkbox names no consent purpose in use.", [
    { path: ["settings", "preChatForm", "consent", "purposeId"], message: purpose ? "this purpose is archived" : "no such purpose" },
  ]);
}
