/**
 * What the Messenger and Instagram adapter tests share: the inboxes' configuration as the
 * adapters see it (ids matching the fixtures), provider contexts pointed at the tests'
 * stand-in Graph API, files put in R2 the way uploads store them, and Graph's answers.
 */
import { env } from "cloudflare:workers";
import { instagramAdapter } from "../../../worker/channels/instagram/adapter";
import { messengerAdapter } from "../../../worker/channels/messenger/adapter";
import { providerBaseUrl } from "../../../worker/channels/registry";
import type { ChannelConfig, OutboundMessage, ProviderContext } from "../../../worker/channels/types";
import type { Attachment } from "../../../worker/protocol";

/** The ids the fixtures use (test/fixtures/channels/{messenger,instagram}/). */
export const PAGE_ID = "234554838031189";
export const PSID = "1739141089378194";
export const APP_ID = "1517776481860111";
export const IG_PAGE_ID = "104543332331421";
export const IG_ACCOUNT_ID = "17841405309211844";
export const IGSID = "6544412345678901";

export const APP_SECRET = "segredo do app — não é real";
export const PAGE_TOKEN = "EAAtest-page-token-9876";
export const VERIFY_TOKEN = "verifica-me";

/** The base URL the tests' Graph API stand-in answers (vitest.config.ts META_API_URL). */
export const GRAPH = providerBaseUrl(env, messengerAdapter);

export function messengerConfig(settings: Partial<ChannelConfig<"messenger">["settings"]> = {}): ChannelConfig<"messenger"> {
  return {
    inboxId: "inbox-messenger-1",
    kind: "messenger",
    settings: { reopenWindowHours: 24, pageId: PAGE_ID, appId: APP_ID, keepUnsentText: false, humanAgentTag: false, ...settings },
    credentials: { appSecret: APP_SECRET, pageAccessToken: PAGE_TOKEN, verifyToken: VERIFY_TOKEN },
  };
}

export function instagramConfig(settings: Partial<ChannelConfig<"instagram">["settings"]> = {}): ChannelConfig<"instagram"> {
  return {
    inboxId: "inbox-instagram-1",
    kind: "instagram",
    settings: { reopenWindowHours: 24, pageId: IG_PAGE_ID, appId: APP_ID, instagramAccountId: IG_ACCOUNT_ID, keepUnsentText: false, humanAgentTag: false, ...settings },
    credentials: { appSecret: APP_SECRET, pageAccessToken: PAGE_TOKEN, verifyToken: VERIFY_TOKEN },
  };
}

/** Through globalThis.fetch at call time, so the provider fake's spy answers. */
const viaFetch: typeof fetch = (input, init) => fetch(input, init);

export function messengerContext(): ProviderContext<"messenger"> {
  return { config: messengerConfig(), baseUrl: GRAPH, files: env.FILES, fetch: viaFetch };
}

export function instagramContext(): ProviderContext<"instagram"> {
  return { config: instagramConfig(), baseUrl: providerBaseUrl(env, instagramAdapter), files: env.FILES, fetch: viaFetch };
}

export function outbound(overrides: Partial<OutboundMessage> = {}): OutboundMessage {
  return {
    messageId: crypto.randomUUID(),
    conversationId: "conv-1",
    seq: 3,
    recipient: PSID,
    body: "Olá! Seu pedido já saiu 🚚",
    attachments: [],
    replyTo: null,
    template: null,
    tag: null,
    ...overrides,
  };
}

/** Stores `bytes` as an uploaded attachment (R2 `files/<id>`, as worker/channels/webchat/files.ts). */
export async function storedFile(name: string, contentType: string, bytes: Uint8Array | string): Promise<Attachment> {
  const data = typeof bytes === "string" ? new TextEncoder().encode(bytes) : bytes;
  const id = crypto.randomUUID();
  await env.FILES.put(`files/${id}`, data, { httpMetadata: { contentType }, customMetadata: { name } });
  return { id, name, contentType, size: data.byteLength };
}

/** The Send API's answer to a send (https://developers.facebook.com/docs/messenger-platform/reference/send-api). */
export function sentAnswer(mid: string, recipient = PSID) {
  return Response.json({ recipient_id: recipient, message_id: mid });
}

/** Graph's error answer. */
export function graphError(status: number, message: string, code: number, headers: Record<string, string> = {}) {
  return Response.json({ error: { message, type: "OAuthException", code, fbtrace_id: "AbCdEf" } }, { status, headers });
}
