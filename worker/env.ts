/**
 * @module The Worker's bindings (wrangler.toml) and per-request context variables.
 */
import type { ConversationRoom } from "./conversation/room";
import type { TeamQueue } from "./queue/team-queue";
import type { Projector } from "./pipeline/projector";
import type { WebhookOutbox } from "./webhooks/outbox";
import type { CampaignRunner } from "./campaigns/runner";
import type { SessionAgent } from "./auth/session";
import type { Principal } from "./auth/principal";
import type { PortalCaller } from "./auth/portal-session";
import type { Db } from "./db/client";

export interface Env {
  DB: D1Database;
  FILES: R2Bucket;
  ASSETS: Fetcher;
  CONVERSATION_ROOM: DurableObjectNamespace<ConversationRoom>;
  TEAM_QUEUE: DurableObjectNamespace<TeamQueue>;
  PROJECTOR: DurableObjectNamespace<Projector>;
  /** One per outbound webhook endpoint: its durable delivery queue (worker/webhooks/outbox.ts). */
  WEBHOOK_OUTBOX: DurableObjectNamespace<WebhookOutbox>;
  /** One per campaign: sends it at the channel's pace (worker/campaigns/runner.ts). */
  CAMPAIGN_RUNNER: DurableObjectNamespace<CampaignRunner>;
  /** Cloudflare Email Service's `send_email` binding: e-mail inboxes' replies leave
   * through it (wrangler.toml `[[send_email]]`). Optional: a deployment without it sends
   * no mail, and e-mail replies wait, then fail with the reason. */
  EMAIL?: SendEmail;
  /** AES-GCM key for channel credentials, 32 bytes base64 (a Worker secret). */
  CREDENTIALS_KEY?: string;
  /** Provider base URL overrides (tests, the local simulator); unset: the real ones.
   * Each adapter names its own (SendingAdapter.baseUrl.env). */
  WHATSAPP_API_URL?: string;
  META_API_URL?: string;
  TWILIO_API_URL?: string;
  TELEGRAM_API_URL?: string;
  /** "1" turns on the local channel simulator (worker/simulator/) — set only in
   * `.dev.vars`, which `wrangler deploy` never reads; never in wrangler.toml. */
  DEV_SIMULATOR?: string;
  /** "1" lets outbound webhooks reach loopback receivers (http://localhost…): set by
   * `npm run dev` (.dev.vars) and the tests, never in wrangler.toml (worker/webhooks/url-guard.ts). */
  DEV_WEBHOOKS_LOCAL?: string;
}

export interface AppVariables {
  /** Set for every /api request by `withDatabase` (http/database.ts). */
  db: Db;
  /** Set by `requireAgent` once the session cookie checks out. */
  agent: SessionAgent;
  /** Set by `authorize` (auth/principal.ts) on every route with an access rule: the
   * session's agent or the API token. Routes a token may call read this, never `agent`. */
  principal: Principal;
  /** Set by `requireCustomer` (auth/portal-session.ts): the signed-in portal customer. */
  customer: PortalCaller;
}

export type AppEnv = { Bindings: Env; Variables: AppVariables };
