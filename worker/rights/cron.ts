/**
 * @module The contact's-rights work on the Worker's every-minute cron (wrangler.toml
 * `[triggers]`, worker/index.ts `scheduled()`): erasures left incomplete (a run that failed
 * halfway) are run again, then the retention job. Each part is bounded and logs its
 * failure without stopping the other.
 */
import type { Env } from "../env";
import { database } from "../db/client";
import { pendingErasures, runErasure } from "./erase-contact";
import { runRetention } from "./retention";

/** A request's own run gets this long before the cron takes over. */
const ERASURE_GRACE_MS = 60_000;
/** Erasures retried per run (each may touch many rooms). */
const ERASURES_PER_RUN = 3;

export async function runRightsJobs(env: Env, now: number): Promise<void> {
  const db = database(env.DB);
  try {
    for (const contactId of await pendingErasures(db, now, ERASURE_GRACE_MS, ERASURES_PER_RUN)) {
      await runErasure(env, db, contactId, now).catch((err) => console.warn(JSON.stringify({ msg: "erasure retry failed", contactId, error: String(err) })));
    }
  } catch (err) {
    console.warn(JSON.stringify({ msg: "pending erasures not read", error: String(err) }));
  }
  await runRetention(env, now, db).catch((err) => console.warn(JSON.stringify({ msg: "retention run failed", error: String(err) })));
}
