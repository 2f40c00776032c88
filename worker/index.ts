/**
 * @module Worker entry: the Hono app for HTTP, and the Durable Object classes.
 */
import { app } from "./app";
import type { Env } from "./env";

export { ConversationRoom } from "./conversation/room";
export { TeamQueue } from "./queue/team-queue";
export { Projector } from "./pipeline/projector";

export default {
  fetch: app.fetch,
} satisfies ExportedHandler<Env>;
