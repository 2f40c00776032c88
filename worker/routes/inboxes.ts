/**
 * @module Inboxes: agents list them; admins create them. A web chat inbox gets a public
 * key, the one value its embed snippet carries.
 */
import { createRoute } from "@hono/zod-openapi";
import { z } from "zod";
import { database, newId } from "../db/client";
import { findDefaultTeam, listTeams } from "../db/agents";
import { insertInbox, listInboxes, toInbox } from "../db/inboxes";
import { cookieAuth, errors, jsonBody, jsonResponse, router } from "../http/openapi";
import { ApiError } from "../http/api-error";
import { CreateInboxBody, Inbox } from "../protocol";
import { randomToken } from "../auth/encoding";
import { requireAgent } from "../auth/session";
import { requireRole } from "../auth/roles";

const list = createRoute({
  method: "get",
  path: "/api/v1/inboxes",
  security: cookieAuth,
  middleware: [requireAgent],
  responses: { 200: jsonResponse(z.object({ inboxes: z.array(Inbox) }), "Inboxes"), 401: errors[401] },
});

const create = createRoute({
  method: "post",
  path: "/api/v1/inboxes",
  security: cookieAuth,
  middleware: [requireAgent, requireRole("admin")],
  request: jsonBody(CreateInboxBody),
  responses: { 201: jsonResponse(Inbox, "Inbox created"), 400: errors[400], 401: errors[401], 403: errors[403], 404: errors[404] },
});

export const inboxRoutes = router()
  .openapi(list, async (c) => c.json({ inboxes: (await listInboxes(database(c.env.DB))).map(toInbox) }, 200))
  .openapi(create, async (c) => {
    const body = c.req.valid("json");
    const db = database(c.env.DB);
    let teamId: string | null;
    if (body.teamId) {
      if (!(await listTeams(db)).some((t) => t.id === body.teamId)) throw new ApiError(404, "team_not_found", "No team with that id.");
      teamId = body.teamId;
    } else {
      teamId = (await findDefaultTeam(db))?.id ?? null;
    }
    const row = await insertInbox(db, {
      id: newId(),
      kind: body.kind,
      name: body.name,
      teamId,
      priority: body.priority,
      settings: body.settings,
      publicKey: `pk_${randomToken(18)}`,
      createdAt: Date.now(),
    });
    return c.json(toInbox(row), 201);
  });
