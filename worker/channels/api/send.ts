/**
 * @module One attempt at an API channel reply: the SSRF guard, the signed POST (the one
 * signing recipe, worker/webhooks/signature.ts; our message id as `Switchboard-Delivery`,
 * the same on every retry), and the receiver's answer as a SendResult.
 */
import { API_CHANNEL_REPLY_EVENT, type ApiChannelReply } from "../../protocol";
import { DELIVERY_ID_HEADER, EVENT_HEADER, SIGNATURE_HEADER, signatureHeader } from "../../webhooks/signature";
import { SEND_TIMEOUT_MS } from "../../webhooks/send";
import { checkWebhookUrl } from "../../webhooks/url-guard";
import { failedSend, networkError } from "../send-outcome";
import type { OutboundMessage, ProviderContext, SendResult } from "../types";

/** The receiver's reason is kept this long (the delivery log's reason). */
const MAX_REASON_CHARS = 300;

export async function sendApiReply(message: OutboundMessage, ctx: ProviderContext<"api">): Promise<SendResult> {
  // Checked at every send: the URL may have been saved before the guard tightened.
  const verdict = checkWebhookUrl(ctx.config.settings.url, false);
  if (!verdict.ok) return { outcome: "failed", reason: `Not sent: ${verdict.reason}.` };
  const payload: ApiChannelReply = {
    id: message.messageId,
    event: API_CHANNEL_REPLY_EVENT,
    conversationId: message.conversationId,
    contactExternalId: message.recipient,
    seq: message.seq,
    text: message.body,
    attachments: message.attachments,
  };
  const body = JSON.stringify(payload);
  let res: Response;
  try {
    res = await ctx.fetch(verdict.url.href, {
      method: "POST",
      body,
      redirect: "manual",
      signal: AbortSignal.timeout(SEND_TIMEOUT_MS),
      headers: {
        "content-type": "application/json",
        "user-agent": "Switchboard-Webhooks/1",
        [SIGNATURE_HEADER]: await signatureHeader(ctx.config.credentials.secret, body, Date.now()),
        [DELIVERY_ID_HEADER]: message.messageId,
        [EVENT_HEADER]: API_CHANNEL_REPLY_EVENT,
      },
    });
  } catch (err) {
    return networkError(err);
  }
  const text = (await res.text().catch(() => "")).slice(0, MAX_REASON_CHARS);
  if (res.status >= 200 && res.status < 300) return { outcome: "sent", providerMessageId: message.messageId };
  if (res.status >= 300 && res.status < 400) return { outcome: "failed", reason: `HTTP ${res.status}: redirects are not followed.` };
  return failedSend(res, `HTTP ${res.status}${text ? `: ${text}` : ""}`);
}
