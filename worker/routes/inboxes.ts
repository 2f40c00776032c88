/**
 * @module Inboxes: agents list them; admins create and configure them. A web chat inbox
 * gets a public key (the one value its embed snippet carries) and, on request, an
 * identity secret, shown once.
 */
import { createRoute } from "@hono/zod-openapi";
import type { Context } from "hono";
import { z } from "zod";
import { newId, type Db } from "../db/client";
import { findDefaultTeam, findTeam } from "../db/agents";
import { findInbox, insertInbox, listInboxes, toInbox, updateInbox } from "../db/inboxes";
import { errors, jsonBody, jsonResponse, router } from "../http/openapi";
import { agentOnly, adminOnly, writeErrors } from "./access";
import { ApiError } from "../http/api-error";
import { CreateInboxBody, IdentitySecret, Inbox, UpdateInboxBody, InboxList } from "../protocol";
import { randomToken } from "../auth/encoding";
import { newIdentitySecret } from "../webchat/identity";
import { rotateIdentitySecret } from "../db/visitor-tokens";
import type { AppEnv } from "../env";
import { IdParam } from "./params";

const list = createRoute({
  method: "get",
  path: "/api/v1/inboxes",
  ...agentOnly,
  responses: { 200: jsonResponse(InboxList, "Inboxes"), 401: errors[401] },
});
const create = createRoute({
  method: "post",
  path: "/api/v1/inboxes",
  ...adminOnly,
  request: jsonBody(CreateInboxBody),
  responses: { 201: jsonResponse(Inbox, "Inbox created"), ...writeErrors },
});
const update = createRoute({
  method: "patch",
  path: "/api/v1/inboxes/{id}",
  ...adminOnly,
  request: { params: IdParam, ...jsonBody(UpdateInboxBody) },
  responses: { 200: jsonResponse(Inbox, "Inbox updated"), ...writeErrors },
});
const rotateSecret = createRoute({
  method: "post",
  path: "/api/v1/inboxes/{id}/identity-secret",
  ...adminOnly,
  request: { params: IdParam },
  responses: { 201: jsonResponse(IdentitySecret, "The new secret; it is not shown again"), 401: errors[401], 403: errors[403], 404: errors[404] },
});

async function teamOrDefault(db: Db, teamId: string | null | undefined): Promise<string | null> {
  if (teamId === null) return null;
  if (teamId === undefined) return (await findDefaultTeam(db))?.id ?? null;
  if (!(await findTeam(db, teamId))) throw new ApiError(404, "team_not_found", "No team with that id.");
  return teamId;
}

async function loadInbox(c: Context<AppEnv>, id: string) {
  const inbox = await findInbox(c.var.db, id);
  if (!inbox) throw new ApiError(404, "inbox_not_found", "No inbox with that id.");
  return inbox;
}

export const inboxRoutes = router()
  .openapi(list, async (c) => c.json({ inboxes: (await listInboxes(c.var.db)).map(toInbox) }, 200))
  .openapi(create, async (c) => {
    const body = c.req.valid("json");
    const db = c.var.db;
    const row = await insertInbox(db, {
      id: newId(),
      kind: body.kind,
      name: body.name,
      teamId: await teamOrDefault(db, body.teamId),
      priority: body.priority,
      settings: body.settings,
      publicKey: `pk_${randomToken(18)}`,
      createdAt: Date.now(),
    });
    return c.json(toInbox(row), 201);
  })
  .openapi(update, async (c) => {
    const { id } = c.req.valid("param");
    const body = c.req.valid("json");
    const db = c.var.db;
    await loadInbox(c, id);
    const row = await updateInbox(db, id, {
      name: body.name,
      priority: body.priority,
      settings: body.settings,
      ...(body.teamId !== undefined ? { teamId: await teamOrDefault(db, body.teamId) } : {}),
    });
    return c.json(toInbox(row!), 200);
  })
  .openapi(rotateSecret, async (c) => {
    const { id } = c.req.valid("param");
    await loadInbox(c, id);
    const secret = newIdentitySecret();
    // Also revokes the tokens of the verified visitors the old secret vouched for.
    await rotateIdentitySecret(c.var.db, id, secret);
    return c.json({ secret }, 201);
  });
