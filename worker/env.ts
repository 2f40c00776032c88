/**
 * @module The Worker's bindings (wrangler.toml) and per-request context variables.
 */
import type { ConversationRoom } from "./conversation/room";
import type { TeamQueue } from "./queue/team-queue";
import type { Projector } from "./pipeline/projector";
import type { SessionAgent } from "./auth/session";
import type { Db } from "./db/client";

export interface Env {
  DB: D1Database;
  FILES: R2Bucket;
  ASSETS: Fetcher;
  CONVERSATION_ROOM: DurableObjectNamespace<ConversationRoom>;
  TEAM_QUEUE: DurableObjectNamespace<TeamQueue>;
  PROJECTOR: DurableObjectNamespace<Projector>;
}

export interface AppVariables {
  /** Set for every /api request by `withDatabase` (http/database.ts). */
  db: Db;
  /** Set by `requireAgent` once the session cookie checks out. */
  agent: SessionAgent;
}

export type AppEnv = { Bindings: Env; Variables: AppVariables };
