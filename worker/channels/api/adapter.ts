/**
 * @module The API channel as an adapter: nothing to verify or parse (customers' messages
 * come through the REST API, worker/routes/inbox-api-messages.ts), and replies sent as
 * signed JSON POSTs to the inbox's URL by the room's delivery queue, which gives them its
 * retries and its never-twice. 2xx is sent; 408, 429 and 5xx are retried; any other 4xx
 * fails the message with the receiver's answer as the reason.
 */
import { ApiChannelCredentials, ApiChannelSettings } from "../../protocol";
import type { ConnectionCheck, ProviderContext, SendingAdapter } from "../types";
import { checkWebhookUrl } from "../../webhooks/url-guard";
import { sendApiReply } from "./send";

/** No call is made: a receiver would see a message that is none. The check is the URL. */
async function checkUrl(ctx: ProviderContext<"api">): Promise<ConnectionCheck> {
  const verdict = checkWebhookUrl(ctx.config.settings.url, false);
  return verdict.ok ? { ok: true, status: 200, detail: `Replies go to ${verdict.url.origin}.` } : { ok: false, status: 0, detail: `This URL cannot receive replies: ${verdict.reason}.` };
}

export const apiChannelAdapter: SendingAdapter<"api"> = {
  kind: "api",
  reuse: { mode: "reopen-window" },
  settings: ApiChannelSettings,
  credentials: ApiChannelCredentials,
  generatedCredentials: () => ({ secret: `whsec_${crypto.randomUUID().replaceAll("-", "")}${crypto.randomUUID().replaceAll("-", "")}` }),
  send: sendApiReply,
  testConnection: checkUrl,
};
