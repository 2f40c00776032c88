/**
 * @module The idle trigger, run by the Worker's cron (wrangler.toml `[triggers]`, every
 * minute): for each enabled idle rule, the open conversations with no message for its
 * minutes, on which it has not run in this idle period (`idle:<last activity>` claims),
 * oldest first. A run's own messages (a canned "are you still there?") move the last
 * activity; that new period is remembered as run too, so a rule does not answer itself
 * every N minutes: only someone else's message starts a new idle period.
 */
import type { Env } from "../env";
import { database } from "../db/client";
import { findConversations } from "../db/conversations";
import { listIdleRules } from "../db/automation-rules";
import { claimRuns, idleConversationIds, pruneRuns, rememberRuns, ruleFactsOf } from "../db/automation-runs";
import type { Run } from "./actions";
import { conditionsHold, needsContact, needsHours } from "./conditions";
import { factsOf } from "./match";
import { runInOrder } from "./run";

/** Conversations one rule takes per tick. Each run is a few subrequests (room RPCs, D1
 * reads and writes), and one Worker invocation may only make so many
 * (https://developers.cloudflare.com/workers/platform/limits/#subrequests); a backlog
 * drains over the next ticks, oldest first. */
export const MAX_IDLE_RUNS_PER_RULE = 50;
/** Run claims are kept this long: a pipeline batch is delivered again within minutes, and
 * an idle period older than this whose conversation is still open and untouched may
 * see its rule run once more, which is what an admin would expect after so long. */
export const RUN_MEMORY_MS = 30 * 24 * 60 * 60_000;

/** One cron tick at `now` (the scheduled time, epoch ms). */
export async function runIdleRules(env: Env, now: number): Promise<void> {
  const db = database(env.DB);
  await pruneRuns(db, now - RUN_MEMORY_MS);
  const rules = await listIdleRules(db);
  const work: Promise<void>[] = [];
  for (const rule of rules) {
    if (rule.trigger.type !== "idle") continue;
    const ids = await idleConversationIds(db, rule.id, now - rule.trigger.minutes * 60_000, MAX_IDLE_RUNS_PER_RULE);
    if (ids.length === 0) continue;
    const conversations = await findConversations(db, ids);
    const c = rule.conditions;
    const facts =
      needsContact(c) || needsHours(c)
        ? await ruleFactsOf(db, { contactIds: conversations.map((x) => x.contactId), teamIds: conversations.flatMap((x) => (x.teamId ? [x.teamId] : [])), inboxIds: conversations.map((x) => x.inboxId) })
        : null;
    const matching = conversations.filter((x) => conditionsHold(c, factsOf(x, { text: null }, facts), new Date(now)));
    const claimed = await claimRuns(db, matching.map((x) => ({ ruleId: rule.id, conversationId: x.id, runKey: `idle:${x.lastActivityAt}` })), now);
    const byId = new Map(matching.map((x) => [x.id, x]));
    for (const claim of claimed) {
      const conversation = byId.get(claim.conversationId)!;
      const run: Run = { rule, conversation, trigger: "idle", runKey: claim.runKey };
      work.push(
        runInOrder(env, db, conversation.id, [run], async (_, outcome) => {
          if (outcome.lastActivityAt !== null && outcome.lastActivityAt !== conversation.lastActivityAt) {
            await rememberRuns(db, [{ ruleId: rule.id, conversationId: conversation.id, runKey: `idle:${outcome.lastActivityAt}` }], Date.now());
          }
        }),
      );
    }
  }
  await Promise.all(work);
}
