/**
 * @module Listener: automation rules (worker/automation). After the D1 commit, finds the
 * runs the batch's events set off and starts them without waiting: a run calls rooms
 * and possibly a slow webhook, and the pipeline must not wait on a receiver. Best
 * effort, as every after-commit listener: a run lost to an eviction is not made again
 * (its claim is written first, so it is never made twice either).
 */
import { database } from "../../db/client";
import { findConversations } from "../../db/conversations";
import { enabledRules } from "../../automation/rule-cache";
import { runsFor } from "../../automation/match";
import { runInOrder } from "../../automation/run";
import { isAutomationActor } from "../../automation/triggers";
import type { PipelineListener } from "../types";

export const automationRules: PipelineListener = {
  name: "automation",
  stage: "after-commit",
  async handle(batch, env) {
    // Most batches hold only deliveries, receipts and the rules' own work: skip them
    // before any read.
    const live = batch.conversations.filter(({ events }) => events.some((e) => (e.type === "message" || e.type === "status") && !isAutomationActor(e.actor)));
    if (live.length === 0) return;
    const db = database(env.DB);
    const rules = await enabledRules(db);
    if (!rules.some((r) => r.trigger.type !== "idle")) return;
    const ids = live.map((c) => c.state.id);
    const rows = batch.projected?.filter((r) => ids.includes(r.id)) ?? (await findConversations(db, ids));
    const byId = new Map(rows.map((r) => [r.id, r]));
    const items = live.flatMap(({ state, events }) => {
      const conversation = byId.get(state.id);
      return conversation ? [{ conversation, events }] : [];
    });
    const runs = await runsFor(db, rules, items, Date.now());
    for (const [conversationId, list] of runs) void runInOrder(env, db, conversationId, list);
  },
};
