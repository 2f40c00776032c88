/**
 * @module Every channel kind's adapter, in one typed table (Chatwoot's CHANNEL_SERVICES,
 * checked by the compiler): a kind without a row here has no channel yet.
 */
import type { ChannelKind } from "../protocol";
import type { Env } from "../env";
import { isSendingAdapter, isWebhookAdapter, type ChannelAdapter, type SendingAdapter, type ShapedKind, type WebhookAdapter } from "./types";
import { webchatAdapter } from "./webchat/adapter";
import { whatsappAdapter } from "./whatsapp/adapter";
import { messengerAdapter } from "./messenger/adapter";
import { instagramAdapter } from "./instagram/adapter";
import { twilioAdapter } from "./twilio/adapter";
import { telegramAdapter } from "./telegram/adapter";
import { emailAdapter } from "./email/adapter";
import { apiChannelAdapter } from "./api/adapter";

const ADAPTERS: { [K in ShapedKind]?: ChannelAdapter<K> } = {
  webchat: webchatAdapter,
  whatsapp: whatsappAdapter,
  messenger: messengerAdapter,
  instagram: instagramAdapter,
  sms: twilioAdapter,
  telegram: telegramAdapter,
  email: emailAdapter,
  api: apiChannelAdapter,
};

export function adapterFor(kind: ChannelKind): ChannelAdapter | null {
  return (ADAPTERS as Partial<Record<ChannelKind, ChannelAdapter>>)[kind] ?? null;
}

/** The adapter of a kind we send on through a provider (an HTTP API, or e-mail's
 * binding), else null (web chat: the widget's socket gets every event). */
export function sendingAdapterFor(kind: ChannelKind): SendingAdapter | null {
  const adapter = adapterFor(kind);
  return adapter && isSendingAdapter(adapter) ? adapter : null;
}

/** The adapter of a kind a provider delivers to by webhook, else null (web chat, e-mail). */
export function webhookAdapterFor(kind: ChannelKind): WebhookAdapter | null {
  const adapter = adapterFor(kind);
  return adapter && isWebhookAdapter(adapter) ? adapter : null;
}

/** @deprecated The webhook adapter, by its name before e-mail split the seam: kept so the
 * webhook routes, ingest and code on other branches still compile. Sending code takes
 * `sendingAdapterFor` (it also finds e-mail). */
export const providerAdapterFor = webhookAdapterFor;

/** The provider's base URL: the env override (tests, the simulator) or the real one; ""
 * for a provider reached through a binding (e-mail). */
export function providerBaseUrl(env: Env, adapter: SendingAdapter): string {
  if (!adapter.baseUrl) return "";
  const override = (env as unknown as Record<string, unknown>)[adapter.baseUrl.env];
  return (typeof override === "string" && override ? override : adapter.baseUrl.default).replace(/\/+$/, "");
}

/** Every webhook path segment with the kinds delivered there and their extra hooks
 * (`/webhooks/{path}/{inbox}[/{hook}]`), from the adapters' own declarations. */
export function webhookPaths(): Map<string, { kinds: ChannelKind[]; hooks: string[] }> {
  const paths = new Map<string, { kinds: ChannelKind[]; hooks: string[] }>();
  for (const adapter of Object.values(ADAPTERS)) {
    if (!adapter || !isWebhookAdapter(adapter)) continue;
    const entry = paths.get(adapter.webhook.path) ?? { kinds: [], hooks: [] };
    entry.kinds.push(adapter.kind);
    for (const hook of adapter.webhook.hooks ?? []) if (!entry.hooks.includes(hook)) entry.hooks.push(hook);
    paths.set(adapter.webhook.path, entry);
  }
  return paths;
}

/** The path a kind's provider delivers to for `inboxId` (and `hook`), or null (web chat). */
export function webhookPathOf(kind: ChannelKind, inboxId: string, hook: string | null = null): string | null {
  const adapter = webhookAdapterFor(kind);
  if (!adapter) return null;
  return `/webhooks/${adapter.webhook.path}/${encodeURIComponent(inboxId)}${hook ? `/${hook}` : ""}`;
}
