/**
 * @module The local channel simulator, mounted at `/dev/simulator/*` by worker/app.ts:
 * the page, its JSON endpoints (api.ts) and the stand-in provider APIs — Graph API
 * (graph.ts), Telegram Bot API (telegram-api.ts), Twilio (twilio-api.ts) — all behind
 * the guard (guard.ts: DEV_SIMULATOR=1 on a loopback host, else not found). Plain Hono
 * routes, not OpenAPI ones: the simulator is not part of the product's API, so it stays
 * out of the OpenAPI document and out of the route table its tests check.
 */
import { Hono } from "hono";
import { onApiError } from "../http/api-error";
import type { AppEnv } from "../env";
import { simulatorApi } from "./api";
import type { AppFetch } from "./deliver";
import { graphRoutes } from "./graph";
import { simulatorGuard } from "./guard";
import { simulatorPage } from "./page";
import { telegramRoutes } from "./telegram-api";
import { twilioRoutes } from "./twilio-api";

/** `appFetch`: the app's own fetch, through which customer webhooks reach the worker. */
export function simulatorRoutes(appFetch: AppFetch) {
  return new Hono<AppEnv>()
    .use("/dev/simulator", simulatorGuard)
    .use("/dev/simulator/*", simulatorGuard)
    .get("/dev/simulator", () => simulatorPage())
    .get("/dev/simulator/", (c) => c.redirect("/dev/simulator", 302))
    .route("/", simulatorApi(appFetch))
    .route("/", graphRoutes)
    .route("/", telegramRoutes)
    .route("/", twilioRoutes)
    .onError(onApiError);
}
