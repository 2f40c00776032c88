/**
 * @module A stand-in for Telegram's Bot API in the test process, for browser tests that
 * run the real Worker under `wrangler dev` (TELEGRAM_API_URL points here): a Node HTTP
 * server on loopback that records every call, `POST /bot{token}/{method}`
 * (https://core.telegram.org/bots/api#making-requests), and answers the methods an inbox
 * uses as Telegram does, `{ ok: true, result }`: getMe (#getme), setWebhook (#setwebhook:
 * the URL and secret_token it was given are kept, as Telegram keeps them), getWebhookInfo
 * (#getwebhookinfo), sendMessage (#sendmessage: the sent Message, with a message_id of
 * its own) and deleteWebhook (#deletewebhook). Anything else gets Telegram's 404 error
 * shape, so an unexpected call shows up in the record rather than passing for a send.
 */
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export interface BotApiCall {
  /** The token in the path (`/bot{token}/…`). */
  token: string;
  /** The method, e.g. `sendMessage`. */
  method: string;
  /** The JSON body, `{}` when there was none, or the raw text when it is not JSON. */
  body: unknown;
  /** The message_id the stand-in answered a sendMessage with; null otherwise. */
  messageId: number | null;
}

export interface BotApiStandIn {
  /** What the Worker's TELEGRAM_API_URL should be: `http://127.0.0.1:<port>`. */
  readonly baseUrl: string;
  /** Every call so far, in arrival order. */
  readonly calls: readonly BotApiCall[];
  /** The calls to one method. */
  callsTo(method: string): BotApiCall[];
  /** What the last setWebhook registered (null before any). */
  webhook(): { url: string; secretToken: string | null } | null;
  stop(): Promise<void>;
}

/** The bot the stand-in is: getMe's answer. */
export const STAND_IN_BOT = { id: 7_700_112_233, is_bot: true, first_name: "Switchboard Suporte", username: "switchboard_e2e_bot" };

const PATH = /^\/bot(\d{1,20}:[A-Za-z0-9_-]+)\/([A-Za-z]+)$/;

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

function parsed(text: string): unknown {
  if (text === "") return {};
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

export async function startBotApiStandIn(): Promise<BotApiStandIn> {
  const calls: BotApiCall[] = [];
  let webhook: { url: string; secretToken: string | null } | null = null;
  let nextMessageId = 500;
  const server: Server = createServer(async (req, res) => {
    const body = parsed(await readBody(req));
    const match = PATH.exec((req.url ?? "/").split("?")[0]!);
    res.setHeader("Content-Type", "application/json");
    const answer = (result: unknown) => res.end(JSON.stringify({ ok: true, result }));
    if (!match || req.method !== "POST") {
      res.statusCode = 404;
      res.end(JSON.stringify({ ok: false, error_code: 404, description: "Not Found" }));
      return;
    }
    const [, token, method] = match as unknown as [string, string, string];
    const params = (body ?? {}) as Record<string, unknown>;
    const call: BotApiCall = { token, method, body, messageId: null };
    calls.push(call);
    switch (method) {
      case "getMe":
        return answer(STAND_IN_BOT);
      case "setWebhook":
        webhook = { url: String(params.url ?? ""), secretToken: typeof params.secret_token === "string" ? params.secret_token : null };
        return answer(true);
      case "getWebhookInfo":
        return answer({ url: webhook?.url ?? "", has_custom_certificate: false, pending_update_count: 0 });
      case "deleteWebhook":
        webhook = null;
        return answer(true);
      case "sendMessage": {
        call.messageId = ++nextMessageId;
        const chatId = Number(params.chat_id);
        return answer({ message_id: call.messageId, date: Math.floor(Date.now() / 1000), chat: { id: chatId, type: "private" }, from: STAND_IN_BOT, text: params.text });
      }
      default:
        res.statusCode = 404;
        res.end(JSON.stringify({ ok: false, error_code: 404, description: "Not Found: method not found" }));
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    calls,
    callsTo: (method) => calls.filter((c) => c.method === method),
    webhook: () => webhook,
    stop: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        // workerd keeps its connections alive; close() alone would wait for them.
        server.closeAllConnections();
      }),
  };
}
