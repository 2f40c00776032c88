/**
 * @module The channel benchmark's stand-in for the providers' APIs: a Node HTTP server on
 * loopback in the bench process, which WHATSAPP_API_URL, TELEGRAM_API_URL and
 * TWILIO_API_URL point the Worker at. Inbound text messages need no provider call
 * (nothing to download, no receipt to send); creating an inbox does: Telegram's getMe
 * and setWebhook (https://core.telegram.org/bots/api#setwebhook: the secret_token it is
 * given is kept, and the bench signs its updates with it, as Telegram would) and
 * Twilio's account check (`GET /2010-04-01/Accounts/{sid}.json`). Anything else gets a
 * bland success and is counted, so a call that does happen shows up in the report
 * instead of going to a real provider or failing on a dead address.
 */
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";

/** The Graph API version in the adapters' real base URL (vitest.config.ts uses the same). */
const GRAPH_VERSION = "v23.0";

export interface ProviderStandIn {
  /** The Worker's `--var`s that point each provider's API here. */
  readonly vars: Record<"WHATSAPP_API_URL" | "TELEGRAM_API_URL" | "TWILIO_API_URL", string>;
  /** Requests received so far, as `METHOD /path` (a bot token shown as `<token>`). */
  calls(): string[];
  /** The secret_token setWebhook registered for `webhookUrl`, or null. */
  telegramSecret(webhookUrl: string): string | null;
  close(): Promise<void>;
}

const BOT_PATH = /^\/bot[^/]+\/(\w+)$/;
const TWILIO_ACCOUNT = /^\/2010-04-01\/Accounts\/[^/]+\.json$/;

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

/** The answer to `path`, by provider. */
function answerOf(path: string, body: string, secrets: Map<string, string>): unknown {
  const bot = BOT_PATH.exec(path);
  if (bot) {
    if (bot[1] === "getMe") return { ok: true, result: { id: 7000000001, is_bot: true, first_name: "Bench Bot", username: "bench_bot" } };
    if (bot[1] === "setWebhook") {
      const params = JSON.parse(body || "{}") as { url?: string; secret_token?: string };
      if (params.url && params.secret_token) secrets.set(params.url, params.secret_token);
    }
    return { ok: true, result: true };
  }
  if (TWILIO_ACCOUNT.test(path)) return { sid: "AC0123456789abcdef0123456789abcdef", friendly_name: "Bench account", status: "active" };
  // Graph: enough for a send (messages[0].id) and a connection test (display_phone_number).
  return { messaging_product: "whatsapp", messages: [{ id: "wamid.standin" }], display_phone_number: "5511940000000", verified_name: "Bench", success: true };
}

export async function startProviderStandIn(): Promise<ProviderStandIn> {
  const seen: string[] = [];
  const secrets = new Map<string, string>();
  const server: Server = createServer(async (req, res) => {
    const path = req.url?.split("?")[0] ?? "/";
    seen.push(`${req.method} ${path.replace(/^\/bot[^/]+/, "/bot<token>")}`);
    const answer = answerOf(path, await readBody(req), secrets);
    res.writeHead(200, { "Content-Type": "application/json" });
    res.end(JSON.stringify(answer));
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  return {
    vars: { WHATSAPP_API_URL: `${origin}/${GRAPH_VERSION}`, TELEGRAM_API_URL: origin, TWILIO_API_URL: origin },
    calls: () => [...seen],
    telegramSecret: (webhookUrl) => secrets.get(webhookUrl) ?? null,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
