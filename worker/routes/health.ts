/**
 * @module `GET /api/health`: liveness for load balancers and the dev script.
 */
import { createRoute } from "@hono/zod-openapi";
import { z } from "zod";
import { jsonResponse, router } from "../http/openapi";

const route = createRoute({
  method: "get",
  path: "/api/health",
  responses: { 200: jsonResponse(z.object({ ok: z.literal(true) }), "The Worker is up") },
});

export const healthRoutes = router().openapi(route, (c) => c.json({ ok: true as const }, 200));
