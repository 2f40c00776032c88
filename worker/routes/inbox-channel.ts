/**
 * @module A provider channel inbox's calls to its provider, made with the saved
 * credentials: an admin's "test connection" and the approved templates the composer
 * offers. Each goes through the kind's adapter (worker/channels/registry.ts) with the
 * provider's base URL from configuration, so tests and the local simulator stand in for
 * the provider. Answers carry the provider's status and a short, secret-free detail.
 */
import { createRoute } from "@hono/zod-openapi";
import type { Context } from "hono";
import { channelConfigOf } from "../channels/config";
import { providerBaseUrl, sendingAdapterFor } from "../channels/registry";
import type { ChannelConfig, SendingAdapter, ProviderContext } from "../channels/types";
import type { InboxRow } from "../db/inboxes";
import { ApiError } from "../http/api-error";
import { errors, jsonResponse, router } from "../http/openapi";
import { ChannelTemplateList, ConnectionTest, ErrorBody } from "../protocol";
import type { AppEnv } from "../env";
import { agentOr, adminOrToken } from "./access";
import { requireCredentialsKey } from "./inbox-credentials";
import { loadInbox } from "./inbox-view";
import { mayUseInbox } from "../auth/principal";
import { IdParam } from "./params";

const testConnection = createRoute({
  method: "post",
  path: "/api/v1/inboxes/{id}/test-connection",
  ...adminOrToken,
  request: { params: IdParam },
  responses: {
    200: jsonResponse(ConnectionTest, "What the provider answered a call made with the saved credentials (ok false: its error)"),
    400: errors[400],
    401: errors[401],
    403: errors[403],
    404: errors[404],
    409: errors[409],
    503: jsonResponse(ErrorBody, "The saved credentials cannot be opened: the server has no CREDENTIALS_KEY"),
  },
});
const templates = createRoute({
  method: "get",
  path: "/api/v1/inboxes/{id}/templates",
  ...agentOr("conversations:read"),
  request: { params: IdParam },
  responses: {
    200: jsonResponse(ChannelTemplateList, "The approved templates (empty for kinds without templates)"),
    400: errors[400],
    401: errors[401],
    404: errors[404],
    409: errors[409],
    502: jsonResponse(ErrorBody, "The provider refused or could not be reached"),
    503: jsonResponse(ErrorBody, "The saved credentials cannot be opened: the server has no CREDENTIALS_KEY"),
  },
});

/** The inbox's adapter and its provider context, or the error an admin can act on. */
async function providerCall(c: Context<AppEnv>, inbox: InboxRow): Promise<{ adapter: SendingAdapter; ctx: ProviderContext }> {
  const adapter = sendingAdapterFor(inbox.kind);
  if (!adapter) {
    throw inbox.kind === "webchat"
      ? new ApiError(400, "bad_request", "A web chat inbox has no provider to call: its widget talks to this server directly.")
      : new ApiError(400, "bad_request", `This server cannot reach the provider of ${inbox.kind} inboxes yet.`);
  }
  await requireCredentialsKey(c.env);
  const config = await channelConfigOf(c.env, inbox);
  if (typeof config === "string") {
    throw config === "bad_settings"
      ? new ApiError(409, "conflict", "This inbox's saved settings are not valid for its kind: save them again in its settings.")
      : new ApiError(409, "conflict", "This inbox has no usable credentials: they were never saved, or CREDENTIALS_KEY changed since. Enter them again in its settings.");
  }
  // A closure, not the global itself: fetch called unbound from a property throws
  // "Illegal invocation" in workerd.
  const ctx: ProviderContext = { config: config as ChannelConfig, baseUrl: providerBaseUrl(c.env, adapter), files: c.env.FILES, fetch: (input, init) => fetch(input, init), mail: c.env.EMAIL };
  return { adapter, ctx };
}

/** A provider call that threw instead of answering (a network error the adapter did not
 * turn into a check): reported as unreachable, with no detail that could hold a secret.
 * The log line names the error's type only: its message could quote a request. */
function unreachable(inbox: InboxRow, what: string) {
  return (err: unknown): ConnectionTest => {
    console.warn(JSON.stringify({ msg: "provider call failed", call: what, kind: inbox.kind, inboxId: inbox.id, error: err instanceof Error ? err.name : typeof err }));
    return { ok: false, status: 0, detail: "The provider could not be reached." };
  };
}

export const inboxChannelRoutes = router()
  .openapi(testConnection, async (c) => {
    const { id } = c.req.valid("param");
    const inbox = await loadInbox(c, id);
    const { adapter, ctx } = await providerCall(c, inbox);
    // Through a promise, so an adapter that throws before its first await is caught too.
    const check = await Promise.resolve(ctx).then(adapter.testConnection.bind(adapter)).catch(unreachable(inbox, "testConnection"));
    return c.json(ConnectionTest.parse(check), 200);
  })
  .openapi(templates, async (c) => {
    const { id } = c.req.valid("param");
    const inbox = await loadInbox(c, id);
    // A token limited to other inboxes sees this one as absent.
    if (!mayUseInbox(c, inbox.id)) throw new ApiError(404, "inbox_not_found", "No inbox with that id.");
    const adapter = sendingAdapterFor(inbox.kind);
    // Web chat, Messenger, Instagram: no templates (anything may be sent at any time, or
    // only within the window); the composer then offers none.
    if (!adapter?.listTemplates) return c.json({ templates: [] }, 200);
    const { ctx } = await providerCall(c, inbox);
    const listed = await Promise.resolve(ctx)
      .then(adapter.listTemplates.bind(adapter))
      .catch((err: unknown) => ({ ok: false as const, check: unreachable(inbox, "listTemplates")(err) }));
    if (!listed.ok) {
      const { status, detail } = listed.check;
      throw new ApiError(502, "unavailable", status ? `The provider answered ${status}: ${detail}` : detail);
    }
    return c.json(ChannelTemplateList.parse({ templates: listed.templates }), 200);
  });
