/**
 * @module `GET /api/v1/demo`: what the demo page at `/` needs to embed the widget — the
 * public key of the first web chat inbox (public by design: it is in every embed).
 */
import { createRoute } from "@hono/zod-openapi";
import { z } from "zod";
import { firstWebchatInbox } from "../db/inboxes";
import { jsonResponse, router } from "../http/openapi";

const demo = createRoute({
  method: "get",
  path: "/api/v1/demo",
  responses: { 200: jsonResponse(z.object({ publicKey: z.string().nullable() }), "The demo inbox's public key, if any") },
});

export const demoRoutes = router().openapi(demo, async (c) => {
  const inbox = await firstWebchatInbox(c.var.db);
  return c.json({ publicKey: inbox?.publicKey ?? null }, 200);
});
