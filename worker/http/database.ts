/**
 * @module Puts the drizzle handle on the request context (`c.var.db`), once per request,
 * so no handler restates `database(c.env.DB)`
 * (https://hono.dev/docs/api/context#set-get).
 */
import { createMiddleware } from "hono/factory";
import { database } from "../db/client";
import type { AppEnv } from "../env";

export const withDatabase = createMiddleware<AppEnv>(async (c, next) => {
  c.set("db", database(c.env.DB));
  await next();
});
