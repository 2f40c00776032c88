/**
 * @module When the channel simulator exists at all: only with `DEV_SIMULATOR=1` (set in
 * `.dev.vars`, which `wrangler dev` reads and `wrangler deploy` never uploads) AND on a
 * loopback hostname. Anywhere else its paths answer exactly as a path that does not
 * exist: the app's own not-found handling, so a deployed Worker reveals nothing.
 */
import type { MiddlewareHandler } from "hono";
import type { AppEnv, Env } from "../env";

/** The hostnames `wrangler dev` answers on. A deployed Worker never sees these: Cloudflare
 * routes by the real hostname, so the check backs up the env flag rather than replacing it. */
const LOOPBACK = new Set(["localhost", "127.0.0.1", "[::1]"]);

export function simulatorEnabled(env: Pick<Env, "DEV_SIMULATOR">, url: URL): boolean {
  return env.DEV_SIMULATOR === "1" && LOOPBACK.has(url.hostname);
}

/** Lets the simulator's routes run only where it is enabled; elsewhere, not found. */
export const simulatorGuard: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (!simulatorEnabled(c.env, new URL(c.req.url))) return c.notFound();
  await next();
};
