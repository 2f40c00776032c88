/**
 * @module A stand-in for Meta's Graph API in the test process, for browser tests that
 * run the real Worker under `wrangler dev` (where test/worker/provider-fake.ts cannot
 * reach): a Node HTTP server on loopback that records every request it gets and answers
 * WhatsApp's send (`POST /v23.0/{phone-number-id}/messages`) as the Cloud API does
 * (https://developers.facebook.com/documentation/business-messaging/whatsapp/reference/whatsapp-business-phone-number/message-api).
 * The console lists a WhatsApp inbox's approved templates when a conversation opens
 * (`GET /{waba-id}/message_templates`): this account has none. Anything else gets
 * Graph's error shape with a 404, so an unexpected call shows up in the record rather
 * than passing for a send.
 */
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export const GRAPH_VERSION = "v23.0";

export interface GraphRequest {
  method: string;
  /** Path and query, e.g. `/v23.0/1122334455667/messages`. */
  path: string;
  authorization: string | null;
  /** The body parsed as JSON, or the raw text when it is not JSON. */
  body: unknown;
  /** The message id the stand-in answered a send with; null for other requests. */
  wamid: string | null;
}

export interface GraphStandIn {
  /** What the Worker's WHATSAPP_API_URL should be: `http://127.0.0.1:<port>/v23.0`. */
  readonly baseUrl: string;
  /** Every request so far, in arrival order. */
  readonly requests: readonly GraphRequest[];
  /** The sends among them (`POST …/{phone}/messages`). */
  sends(): GraphRequest[];
  /** Every request but the template listings (reads that change nothing). */
  calls(): GraphRequest[];
  stop(): Promise<void>;
}

const VERSION = GRAPH_VERSION.replace(".", "\\.");
const SEND_PATH = new RegExp(`^/${VERSION}/(\\d+)/messages$`);
const TEMPLATES_PATH = new RegExp(`^/${VERSION}/(\\d+)/message_templates$`);

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

function parsed(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** The recipient a send names: `to` (a wa_id) or `recipient` (a business-scoped id). */
function recipientOf(body: unknown): string {
  const b = (body ?? {}) as { to?: unknown; recipient?: unknown };
  return String(b.to ?? b.recipient ?? "");
}

export async function startGraphStandIn(): Promise<GraphStandIn> {
  const requests: GraphRequest[] = [];
  let sent = 0;
  const server: Server = createServer(async (req, res) => {
    const path = req.url ?? "/";
    const body = parsed(await readBody(req));
    const isSend = req.method === "POST" && SEND_PATH.test(path.split("?")[0]!);
    const wamid = isSend ? `wamid.STANDIN${String(++sent).padStart(4, "0")}` : null;
    requests.push({ method: req.method ?? "", path, authorization: req.headers.authorization ?? null, body, wamid });
    res.setHeader("Content-Type", "application/json");
    if (isSend) {
      const to = recipientOf(body);
      res.end(JSON.stringify({ messaging_product: "whatsapp", contacts: [{ input: to, wa_id: to }], messages: [{ id: wamid }] }));
      return;
    }
    if (req.method === "GET" && TEMPLATES_PATH.test(path.split("?")[0]!)) {
      res.end(JSON.stringify({ data: [] }));
      return;
    }
    res.statusCode = 404;
    res.end(JSON.stringify({ error: { message: `Unknown path components: ${path}`, type: "OAuthException", code: 2500, fbtrace_id: "AStandInTrace" } }));
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/${GRAPH_VERSION}`,
    requests,
    sends: () => requests.filter((r) => r.wamid !== null),
    calls: () => requests.filter((r) => !(r.method === "GET" && TEMPLATES_PATH.test(r.path.split("?")[0]!))),
    stop: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        // workerd keeps its connections alive; close() alone would wait for them.
        server.closeAllConnections();
      }),
  };
}
