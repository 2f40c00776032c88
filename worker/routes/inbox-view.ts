/**
 * @module An inbox as the API shows it: its public fields, a hint per credential (never
 * the secret) and the absolute URL its provider delivers webhooks to; and the lookup
 * every inbox route starts with.
 */
import type { Context } from "hono";
import { findInbox, type InboxRow } from "../db/inboxes";
import { ApiError } from "../http/api-error";
import type { ChannelKind, Inbox } from "../protocol";
import type { AppEnv } from "../env";

/** Where each provider channel's webhooks arrive (the channels' webhook routes). One Meta
 * app's Messenger and Instagram subscriptions share a path: Meta names the object in the
 * body. Web chat has none: its widget calls the API itself. */
const WEBHOOK_PATHS: Partial<Record<ChannelKind, (inboxId: string) => string>> = {
  whatsapp: (id) => `/webhooks/whatsapp/${encodeURIComponent(id)}`,
  messenger: (id) => `/webhooks/meta/${encodeURIComponent(id)}`,
  instagram: (id) => `/webhooks/meta/${encodeURIComponent(id)}`,
};

/** `origin`: the request's own (scheme, host, port), so the URL is the one the admin
 * reached this server at and can paste at the provider. */
export function inboxView(row: InboxRow, origin: string): Inbox {
  const path = WEBHOOK_PATHS[row.kind];
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
    webhookUrl: path ? origin + path(row.id) : null,
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
