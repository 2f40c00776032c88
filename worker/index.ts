/**
 * @module Worker entry: the Hono app for HTTP, inbound mail (Email Routing's `email()`
 * handler), the cron (`scheduled()`: idle automation rules; erasure retries and retention; the
 * reports' day and month grains after a zone change), and the Durable Object
 * classes.
 */
import { app } from "./app";
import { receiveEmail } from "./channels/email/receive";
import { runIdleRules } from "./automation/idle";
import { runRightsJobs } from "./rights/cron";
import { regrainReportsIfStale } from "./reports/regrain-job";
import type { Env } from "./env";

export { ConversationRoom } from "./conversation/room";
export { TeamQueue } from "./queue/team-queue";
export { Projector } from "./pipeline/projector";
export { WebhookOutbox } from "./webhooks/outbox";
export { CampaignRunner } from "./campaigns/runner";

export default {
  fetch: app.fetch,
  async email(message, env) {
    await receiveEmail(message, env);
  },
  async scheduled(controller, env, ctx) {
    ctx.waitUntil(runIdleRules(env, controller.scheduledTime));
    ctx.waitUntil(runRightsJobs(env, controller.scheduledTime));
    ctx.waitUntil(regrainReportsIfStale(env));
  },
} satisfies ExportedHandler<Env>;
