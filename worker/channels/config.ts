/**
 * @module An inbox as its channel adapter needs it: kind, parsed settings and opened
 * credentials. Read by the webhook routes (to verify and parse) and by the room's delivery
 * queue (to send); the credentials never leave this process and are never logged.
 */
import type { Db } from "../db/client";
import { findInbox, type InboxRow } from "../db/inboxes";
import type { Env } from "../env";
import { openCredentials } from "./credentials";
import { adapterFor } from "./registry";
import type { ChannelConfig } from "./types";

/** Why an inbox has no usable configuration, for the caller's error and log line. */
export type ConfigProblem = "no_inbox" | "no_adapter" | "bad_settings" | "no_credentials";

export async function channelConfigOf(env: Env, inbox: InboxRow): Promise<ChannelConfig | ConfigProblem> {
  const adapter = adapterFor(inbox.kind);
  if (!adapter) return "no_adapter";
  const settings = adapter.settings.safeParse(inbox.settings);
  if (!settings.success) return "bad_settings";
  // Web chat and e-mail have no credentials (Cloudflare hands e-mail over by binding).
  const opened = adapter.kind === "webchat" || adapter.kind === "email" ? {} : await openCredentials(env, inbox.id, inbox.credentials);
  const credentials = opened ? adapter.credentials.safeParse(opened) : null;
  if (!credentials?.success) return "no_credentials";
  return { inboxId: inbox.id, kind: adapter.kind, settings: settings.data, credentials: credentials.data } as ChannelConfig;
}

export async function loadChannelConfig(env: Env, db: Db, inboxId: string): Promise<ChannelConfig | ConfigProblem> {
  const inbox = await findInbox(db, inboxId);
  return inbox ? channelConfigOf(env, inbox) : "no_inbox";
}
