/**
 * @module Inboxes: agents list them; admins create and configure them. A web chat inbox
 * gets a public key (the one value its embed snippet carries) and, on request, an
 * identity secret, shown once. A provider channel (WhatsApp, Messenger, Instagram) is
 * created with its credentials, which are sealed (./inbox-credentials.ts) and never
 * returned: the answer shows a hint per credential and the webhook URL to paste at the
 * provider. The provider calls themselves are in ./inbox-channel.ts.
 */
import { createRoute } from "@hono/zod-openapi";
import { newId, type Db } from "../db/client";
import { findDefaultTeam, findTeam } from "../db/agents";
import { insertInbox, listInboxes, updateInbox, type InboxRow } from "../db/inboxes";
import { errors, jsonBody, jsonResponse, router } from "../http/openapi";
import { agentOr, adminOrToken, writeErrors } from "./access";
import { ApiError, validationError } from "../http/api-error";
import { CreateInboxBody, ErrorBody, IdentitySecret, Inbox, INBOX_KINDS, UpdateInboxBody, InboxList, type CreatableKind } from "../protocol";
import { randomToken } from "../auth/encoding";
import { newIdentitySecret } from "../channels/webchat/identity";
import { rotateIdentitySecret } from "../db/visitor-tokens";
import { IdParam } from "./params";
import { sealNew, sealPatch, type SealedCredentials } from "./inbox-credentials";
import { connectChannel } from "./inbox-connect";
import { openCredentials } from "../channels/credentials";
import { sendingAdapterFor } from "../channels/registry";
import type { Context } from "hono";
import type { AppEnv } from "../env";
import { inboxView, loadInbox, requestOrigin } from "./inbox-view";
import { mayUseInbox } from "../auth/principal";
import { inboxChannelRoutes } from "./inbox-channel";
import { checkConsentCheckbox } from "../consent/checkbox-purpose";
import { inboxDeleteRoutes } from "./inbox-delete";
import { audited, settingsChanged } from "../audit/entry";

/** Saving credentials needs CREDENTIALS_KEY (503 credentials_unavailable without it);
 * replacing some needs the saved others to open (409 otherwise). */
const credentialErrors = { 409: errors[409], 503: jsonResponse(ErrorBody, "Credentials cannot be saved: the server has no CREDENTIALS_KEY") };

const list = createRoute({
  method: "get",
  path: "/api/v1/inboxes",
  ...agentOr("conversations:read"),
  responses: { 200: jsonResponse(InboxList, "Inboxes"), 401: errors[401] },
});
const create = createRoute({
  method: "post",
  path: "/api/v1/inboxes",
  ...adminOrToken,
  request: jsonBody(CreateInboxBody),
  responses: { 201: jsonResponse(Inbox, "Inbox created"), ...writeErrors, 422: errors[422], 503: credentialErrors[503] },
});
const update = createRoute({
  method: "patch",
  path: "/api/v1/inboxes/{id}",
  ...adminOrToken,
  request: { params: IdParam, ...jsonBody(UpdateInboxBody) },
  responses: { 200: jsonResponse(Inbox, "Inbox updated"), ...writeErrors, 422: errors[422], ...credentialErrors },
});
const rotateSecret = createRoute({
  method: "post",
  path: "/api/v1/inboxes/{id}/identity-secret",
  ...adminOrToken,
  request: { params: IdParam },
  responses: { 201: jsonResponse(IdentitySecret, "The new secret; it is not shown again"), 400: errors[400], 401: errors[401], 403: errors[403], 404: errors[404] },
});

async function teamOrDefault(db: Db, teamId: string | null | undefined): Promise<string | null> {
  if (teamId === null) return null;
  if (teamId === undefined) return (await findDefaultTeam(db))?.id ?? null;
  if (!(await findTeam(db, teamId))) throw new ApiError(404, "team_not_found", "No team with that id.");
  return teamId;
}

/** The settings and credentials shapes of an inbox's own kind (its kind never changes). */
function shapesOf(inbox: InboxRow) {
  const shapes = (INBOX_KINDS as Partial<Record<string, (typeof INBOX_KINDS)[CreatableKind]>>)[inbox.kind];
  if (!shapes) throw new ApiError(409, "conflict", `Inboxes of kind ${inbox.kind} cannot be configured here yet.`);
  return shapes;
}

/** `settings` checked against the inbox's kind; issues point inside `settings`. */
function settingsFor(inbox: InboxRow, settings: Record<string, unknown>): Record<string, unknown> {
  const parsed = shapesOf(inbox).settings.safeParse(settings);
  if (parsed.success) return parsed.data;
  const error = validationError(parsed.error, "body");
  throw new ApiError(400, error.code, error.message, error.issues?.map((i) => ({ ...i, path: ["settings", ...i.path] })));
}

/** `connectChannel` for an update: the saved credentials (or the new ones) opened. */
async function reconnect(c: Context<AppEnv>, inbox: InboxRow, settings: Record<string, unknown> | undefined, sealed: SealedCredentials | null): Promise<Record<string, unknown> | null> {
  if (!sendingAdapterFor(inbox.kind)?.connect) return null;
  const credentials = await openCredentials(c.env, inbox.id, sealed?.credentials ?? inbox.credentials);
  if (!credentials) return null;
  return connectChannel(c, { inboxId: inbox.id, kind: inbox.kind, settings: settings ?? inbox.settings, credentials });
}

export const inboxRoutes = router()
  .openapi(list, async (c) => {
    const origin = requestOrigin(c);
    const rows = (await listInboxes(c.var.db)).filter((row) => mayUseInbox(c, row.id));
    return c.json({ inboxes: rows.map((row) => inboxView(row, origin)) }, 200);
  })
  .openapi(create, async (c) => {
    const body = c.req.valid("json");
    const db = c.var.db;
    const id = newId();
    const teamId = await teamOrDefault(db, body.teamId);
    if (body.kind === "webchat") await checkConsentCheckbox(db, body.settings);
    // Sealed before the insert: without CREDENTIALS_KEY this refuses and nothing is written.
    // Credentials the server makes up (a webhook secret) go under what the admin entered.
    const credentials = "credentials" in body ? { ...sendingAdapterFor(body.kind)?.generatedCredentials?.(), ...body.credentials } : null;
    const sealed = credentials ? await sealNew(c.env, id, credentials) : null;
    // The provider's webhook registered before the insert: refused, nothing is written.
    // What the connection learned (Twilio: the origin its callbacks reach) is saved with it.
    const learned = credentials ? await connectChannel(c, { inboxId: id, kind: body.kind, settings: body.settings, credentials }) : null;
    const audit = settingsChanged(c, "inboxes", "created", { type: "inbox", id }, { name: body.name, kind: body.kind, ...(credentials ? { credentials: Object.keys(credentials).sort() } : {}) });
    const row = await insertInbox(db, {
      id,
      kind: body.kind,
      name: body.name,
      teamId,
      priority: body.priority,
      settings: learned ? { ...body.settings, ...learned } : body.settings,
      publicKey: body.kind === "webchat" ? `pk_${randomToken(18)}` : null,
      createdAt: Date.now(),
      ...sealed,
    }, audit);
    return c.json(inboxView(row, requestOrigin(c)), 201);
  })
  .openapi(update, async (c) => {
    const { id } = c.req.valid("param");
    const body = c.req.valid("json");
    const db = c.var.db;
    const inbox = await loadInbox(c, id);
    // Everything is checked (and sealed) before the one write, so a refusal changes nothing.
    const settings = body.settings === undefined ? undefined : settingsFor(inbox, body.settings);
    if (inbox.kind === "webchat") await checkConsentCheckbox(db, settings);
    const sealed = body.credentials === undefined ? null : await sealPatch(c.env, inbox, shapesOf(inbox).credentials, body.credentials);
    const team = body.teamId !== undefined ? { teamId: await teamOrDefault(db, body.teamId) } : {};
    // New credentials (or settings) of a kind that registers its webhook: registered
    // again with what is about to be saved, before the write.
    const learned = sealed || settings ? await reconnect(c, inbox, settings, sealed) : null;
    const changes = {
      name: body.name,
      priority: body.priority,
      settings: learned ? { ...(settings ?? inbox.settings), ...learned } : settings,
      ...team,
      ...sealed,
    };
    const hasChanges = Object.values(changes).some((v) => v !== undefined);
    // New credentials are a security event of their own (which ones, never their values).
    const { credentials: sentCredentials, ...settingsFields } = body;
    const audit = sealed
      ? audited(c, "credentials.changed", { type: "inbox", id }, { name: inbox.name, kind: inbox.kind, credentials: Object.keys(sentCredentials ?? {}).sort(), fields: Object.keys(settingsFields).sort() })
      : settingsChanged(c, "inboxes", "updated", { type: "inbox", id }, { name: inbox.name, fields: body });
    const row = hasChanges ? await updateInbox(db, id, changes, audit) : inbox;
    return c.json(inboxView(row!, requestOrigin(c)), 200);
  })
  .openapi(rotateSecret, async (c) => {
    const { id } = c.req.valid("param");
    const inbox = await loadInbox(c, id);
    if (inbox.kind !== "webchat") throw new ApiError(400, "bad_request", "Only web chat inboxes have an identity secret: provider channels identify customers themselves.");
    const secret = newIdentitySecret();
    // Also revokes the tokens of the verified visitors the old secret vouched for.
    await rotateIdentitySecret(c.var.db, id, secret, audited(c, "credentials.changed", { type: "inbox", id }, { name: inbox.name, kind: inbox.kind, credentials: ["identitySecret"] }));
    return c.json({ secret }, 201);
  })
  .route("/", inboxChannelRoutes)
  .route("/", inboxDeleteRoutes);
