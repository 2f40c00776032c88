/**
 * @module Every channel kind's adapter, in one typed table (Chatwoot's CHANNEL_SERVICES,
 * checked by the compiler): a kind without a row here has no channel yet.
 */
import type { ChannelKind } from "../protocol";
import type { Env } from "../env";
import { isProviderAdapter, type ChannelAdapter, type ProviderAdapter, type ShapedKind } from "./types";
import { webchatAdapter } from "./webchat/adapter";
import { whatsappAdapter } from "./whatsapp/adapter";

const ADAPTERS: { [K in ShapedKind]?: ChannelAdapter<K> } = {
  webchat: webchatAdapter,
  whatsapp: whatsappAdapter,
};

export function adapterFor(kind: ChannelKind): ChannelAdapter | null {
  return (ADAPTERS as Partial<Record<ChannelKind, ChannelAdapter>>)[kind] ?? null;
}

/** The adapter of a kind a provider carries (webhooks in, send API out), else null. */
export function providerAdapterFor(kind: ChannelKind): ProviderAdapter | null {
  const adapter = adapterFor(kind);
  return adapter && isProviderAdapter(adapter) ? adapter : null;
}

/** The provider's base URL: the env override (tests, the simulator) or the real one. */
export function providerBaseUrl(env: Env, adapter: ProviderAdapter): string {
  const override = (env as unknown as Record<string, unknown>)[adapter.baseUrl.env];
  return (typeof override === "string" && override ? override : adapter.baseUrl.default).replace(/\/+$/, "");
}
