/**
 * @module `POST /api/v1/widget/page`: the visitor moved to another page of the site (a
 * single-page app's navigation; a full page load resumes the session, which reports the
 * page itself). The widget debounces, so quick hops write once.
 */
import { createRoute } from "@hono/zod-openapi";
import { z } from "zod";
import { errors, jsonBody, jsonResponse, router, visitorAuth } from "../../http/openapi";
import { WidgetPageBody } from "../../protocol";
import { bearer, visitorFrom } from "../../channels/webchat/visitor";
import { recordPage } from "../../channels/webchat/visitor-context";

const page = createRoute({
  method: "post",
  path: "/api/v1/widget/page",
  security: visitorAuth,
  request: jsonBody(WidgetPageBody),
  responses: { 200: jsonResponse(z.object({ ok: z.literal(true) }), "Stored for the agents' contact panel"), 400: errors[400], 401: errors[401] },
});

export const widgetPageRoutes = router().openapi(page, async (c) => {
  const { claims } = await visitorFrom(c, bearer(c));
  await recordPage(c.var.db, claims.contactId, c.req.valid("json"));
  return c.json({ ok: true as const }, 200);
});
