/**
 * @module The automation rules, cached briefly in the isolate that runs the pipeline, so
 * a busy system reads them once every few seconds instead of once per batch. The API
 * forgets the cache when it changes a rule; an isolate elsewhere sees the change within
 * CACHE_MS.
 */
import type { Db } from "../db/client";
import { listAutomationRules } from "../db/automation-rules";
import type { AutomationRule } from "../protocol";

/** How long a read of the rules is trusted: long enough that a busy pipeline (10 batches
 * a second) reads D1 for rules once per 50 batches, short enough that an edit made in
 * another isolate applies almost at once. */
export const CACHE_MS = 5_000;

let cached: { at: number; rules: Promise<AutomationRule[]> } | null = null;

/** The enabled rules in evaluation order. */
export function enabledRules(db: Db, now = Date.now()): Promise<AutomationRule[]> {
  if (!cached || now - cached.at >= CACHE_MS) {
    const rules = listAutomationRules(db).then((all) => all.filter((r) => r.enabled));
    cached = { at: now, rules };
    // A failed read is not remembered: the next batch asks D1 again.
    rules.catch(() => {
      if (cached?.rules === rules) cached = null;
    });
  }
  return cached.rules;
}

/** Called by the API after any change to the rules. */
export function forgetRules(): void {
  cached = null;
}
