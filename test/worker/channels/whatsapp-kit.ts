/**
 * What the WhatsApp adapter tests share: an inbox configuration as the adapter sees it,
 * a provider context pointed at the test's stand-in Graph API, files put in R2 the way
 * uploads store them, and Graph's answers (success and error bodies).
 */
import { env } from "cloudflare:workers";
import { providerBaseUrl } from "../../../worker/channels/registry";
import type { ChannelConfig, OutboundMessage, ProviderContext } from "../../../worker/channels/types";
import { whatsappAdapter } from "../../../worker/channels/whatsapp/adapter";
import type { Attachment } from "../../../worker/protocol";

export const PHONE_NUMBER_ID = "1122334455667";
export const WABA_ID = "1234567890987654321";
export const APP_SECRET = "test app secret — não é real";
export const ACCESS_TOKEN = "EAAtest-access-token-1234";
export const VERIFY_TOKEN = "verify-me-please";

/** The base URL the tests' Graph API stand-in answers (vitest.config.ts). */
export const GRAPH = providerBaseUrl(env, whatsappAdapter);

export function whatsappConfig(): ChannelConfig<"whatsapp"> {
  return {
    inboxId: "inbox-wa-1",
    kind: "whatsapp",
    settings: { reopenWindowHours: 24, phoneNumberId: PHONE_NUMBER_ID, businessAccountId: WABA_ID, displayPhone: "+55 11 4000-0000" },
    credentials: { appSecret: APP_SECRET, accessToken: ACCESS_TOKEN, verifyToken: VERIFY_TOKEN },
  };
}

export function whatsappContext(): ProviderContext<"whatsapp"> {
  // Through globalThis.fetch at call time, so the provider fake's spy answers.
  return { config: whatsappConfig(), baseUrl: GRAPH, files: env.FILES, fetch: (input, init) => fetch(input, init) };
}

export function outbound(overrides: Partial<OutboundMessage> = {}): OutboundMessage {
  return {
    messageId: crypto.randomUUID(),
    conversationId: "conv-1",
    seq: 7,
    recipient: "5511999990000",
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

/** Graph's answer to a send. */
export function sentAnswer(wamid: string) {
  return Response.json({ messaging_product: "whatsapp", contacts: [{ input: "5511999990000", wa_id: "5511999990000" }], messages: [{ id: wamid }] });
}

/** Graph's error answer (https://developers.facebook.com/docs/graph-api/guides/error-handling). */
export function graphError(status: number, code: number, message: string, details?: string, headers: Record<string, string> = {}) {
  const error = { message, type: "OAuthException", code, ...(details ? { error_data: { messaging_product: "whatsapp", details } } : {}), fbtrace_id: "Az8or2yhqkZfEZ-_4Qn_Bam" };
  return Response.json({ error }, { status, headers });
}
