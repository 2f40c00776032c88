/**
 * @module An inbox as the API shows it: its public fields, a hint per credential (never
 * the secret) and the absolute URL its provider delivers webhooks to; and the lookup
 * every inbox route starts with.
 */
import type { Context } from "hono";
import { findInbox, type InboxRow } from "../db/inboxes";
import { ApiError } from "../http/api-error";
import type { Inbox } from "../protocol";
import { webhookPathOf } from "../channels/registry";
import type { AppEnv } from "../env";

/** `origin`: the request's own (scheme, host, port), so the URL is the one the admin
 * reached this server at and can paste at the provider. */
export function inboxView(row: InboxRow, origin: string): Inbox {
  // Where the provider delivers (the adapter's path); web chat has none: its widget calls
  // the API itself.
  const path = webhookPathOf(row.kind, row.id);
  return {
    id: row.id,
    kind: row.kind,
    name: row.name,
    teamId: row.teamId,
    priority: row.priority,
    settings: row.settings,
    publicKey: row.publicKey,
    hasIdentitySecret: row.identitySecret !== null,
    credentials: row.credentialHints,
    webhookUrl: path ? origin + path : null,
    createdAt: row.createdAt,
  };
}

export function requestOrigin(c: Context<AppEnv>): string {
  return new URL(c.req.url).origin;
}

export async function loadInbox(c: Context<AppEnv>, id: string): Promise<InboxRow> {
  const inbox = await findInbox(c.var.db, id);
  if (!inbox) throw new ApiError(404, "inbox_not_found", "No inbox with that id.");
  return inbox;
}
