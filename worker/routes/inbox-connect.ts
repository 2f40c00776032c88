/**
 * @module Registering an inbox's webhook at its provider when the inbox is created or
 * its credentials change (the adapter's `connect`: Telegram's getMe + setWebhook), and
 * unregistering it when the inbox goes (`disconnect`). Kinds whose webhook an admin
 * pastes at the provider themselves (Meta's) have neither, and nothing is called.
 */
import type { Context } from "hono";
import { providerBaseUrl, sendingAdapterFor, webhookPathOf } from "../channels/registry";
import type { ChannelConfig, ConnectionCheck, ProviderContext } from "../channels/types";
import { ApiError } from "../http/api-error";
import type { ChannelKind } from "../protocol";
import type { AppEnv } from "../env";
import { requestOrigin } from "./inbox-view";

interface Plain {
  inboxId: string;
  kind: ChannelKind;
  settings: Record<string, unknown>;
  credentials: Record<string, string>;
}

function contextOf(c: Context<AppEnv>, inbox: Plain): ProviderContext | null {
  const adapter = sendingAdapterFor(inbox.kind);
  if (!adapter) return null;
  const config = { inboxId: inbox.inboxId, kind: inbox.kind, settings: inbox.settings, credentials: inbox.credentials } as unknown as ChannelConfig;
  // A closure, not the global itself: fetch called unbound throws "Illegal invocation".
  return { config, baseUrl: providerBaseUrl(c.env, adapter), files: c.env.FILES, fetch: (input, init) => fetch(input, init) };
}

/** Calls the adapter's `connect` with the credentials about to be saved; refuses (422
 * `provider_refused`, the provider's answer in the message) when the provider does, so
 * an inbox is never saved with a webhook that was not registered. Answers the settings
 * the connection learned (saved over the inbox's), or null. */
export async function connectChannel(c: Context<AppEnv>, inbox: Plain): Promise<Record<string, unknown> | null> {
  const adapter = sendingAdapterFor(inbox.kind);
  const ctx = contextOf(c, inbox);
  if (!adapter?.connect || !ctx) return null;
  const url = requestOrigin(c) + webhookPathOf(inbox.kind, inbox.inboxId);
  const check: ConnectionCheck = await Promise.resolve(ctx)
    .then((x) => adapter.connect!(x, url))
    .catch((err: unknown) => {
      console.warn(JSON.stringify({ msg: "provider connect failed", kind: inbox.kind, inboxId: inbox.inboxId, error: err instanceof Error ? err.name : typeof err }));
      return { ok: false, status: 0, detail: "The provider could not be reached." };
    });
  if (!check.ok) {
    const said = check.status ? `The provider answered ${check.status}: ${check.detail}` : check.detail;
    throw new ApiError(422, "provider_refused", `${said} Nothing was saved.`);
  }
  return check.settings ?? null;
}

/** Calls the adapter's `disconnect`, best effort: the inbox goes whatever the provider
 * says (its webhook then answers 404, so the provider stops on its own). */
export async function disconnectChannel(c: Context<AppEnv>, inbox: Plain): Promise<ConnectionCheck | null> {
  const adapter = sendingAdapterFor(inbox.kind);
  const ctx = contextOf(c, inbox);
  if (!adapter?.disconnect || !ctx) return null;
  return Promise.resolve(ctx)
    .then((x) => adapter.disconnect!(x))
    .catch(() => ({ ok: false, status: 0, detail: "The provider could not be reached." }));
}
