/**
 * @module A rule's run on a conversation: its actions in order (the first failure stops
 * it), then one `automation` event in the conversation's log (which rule, what set it
 * off, each action and its error) and the rule's last run and last error in D1. Runs of
 * one conversation are made one after another, in the order they were asked for.
 */
import type { Env } from "../env";
import type { Db } from "../db/client";
import { recordRuleRun } from "../db/automation-rules";
import { roomOf } from "../conversation/room-client";
import { MAX_AUTOMATION_ERROR_CHARS, truncateText, type AutomationEvent } from "../protocol";
import { ruleActor, runAction, type Run } from "./actions";

/** What a run did: its error, and the conversation's last activity after it (null: the
 * room was not reached). */
export interface RunOutcome {
  error: string | null;
  lastActivityAt: number | null;
}

function messageOf(err: unknown): string {
  return truncateText(err instanceof Error ? err.message : String(err), MAX_AUTOMATION_ERROR_CHARS);
}

export async function makeRun(env: Env, db: Db, run: Run): Promise<RunOutcome> {
  const now = Date.now();
  const actions: AutomationEvent["actions"] = [];
  let error: string | null = null;
  let lastActivityAt: number | null = null;
  for (const [i, action] of run.rule.actions.entries()) {
    try {
      const state = await runAction(env, db, run, action, i, now);
      if (state) lastActivityAt = state.lastActivityAt;
      actions.push({ type: action.type });
    } catch (err) {
      error = messageOf(err);
      actions.push({ type: action.type, error });
      break;
    }
  }
  try {
    const logged = await roomOf(env, run.conversation).command({
      type: "automation",
      actor: ruleActor(run.rule),
      key: `${run.rule.id}:${run.runKey}`,
      ruleId: run.rule.id,
      ruleName: run.rule.name,
      trigger: run.trigger,
      actions,
      ...(error !== null ? { error } : {}),
    });
    lastActivityAt = logged.state.lastActivityAt;
  } catch (err) {
    console.warn(JSON.stringify({ msg: "automation run not logged", ruleId: run.rule.id, conversationId: run.conversation.id, error: messageOf(err) }));
  }
  await recordRuleRun(db, run.rule.id, now, error);
  if (error !== null) console.warn(JSON.stringify({ msg: "automation action failed", ruleId: run.rule.id, conversationId: run.conversation.id, error }));
  return { error, lastActivityAt };
}

/** Per conversation, the end of its last run asked for (this isolate). */
const chains = new Map<string, Promise<unknown>>();

/** Makes `runs` (one conversation's, in order) after any runs of it still going. */
export function runInOrder(env: Env, db: Db, conversationId: string, runs: Run[], after?: (run: Run, outcome: RunOutcome) => Promise<void>): Promise<void> {
  const previous = chains.get(conversationId) ?? Promise.resolve();
  const next = previous.then(async () => {
    for (const run of runs) {
      try {
        const outcome = await makeRun(env, db, run);
        await after?.(run, outcome);
      } catch (err) {
        console.warn(JSON.stringify({ msg: "automation run failed", ruleId: run.rule.id, conversationId, error: messageOf(err) }));
      }
    }
  });
  chains.set(conversationId, next);
  // The map keeps only chains still running.
  void next.finally(() => {
    if (chains.get(conversationId) === next) chains.delete(conversationId);
  });
  return next;
}
