/**
 * @module The channel benchmark's stand-in for Meta's Graph API: a Node HTTP server on
 * loopback in the bench process, which WHATSAPP_API_URL points the Worker at. Inbound
 * text messages need no Graph call (nothing to download, no receipt to send), so it
 * should see none during the run; it answers whatever comes with a bland success and
 * counts it, so a call that does happen shows up in the report instead of going to the
 * real Graph API or failing on a dead address.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

/** The Graph API version in the adapters' real base URL (vitest.config.ts uses the same). */
const GRAPH_VERSION = "v23.0";

export interface GraphStandIn {
  /** What WHATSAPP_API_URL should be: `http://127.0.0.1:PORT/v23.0`. */
  readonly baseUrl: string;
  /** Requests received so far, as `METHOD /path`. */
  calls(): string[];
  close(): Promise<void>;
}

export async function startGraphStandIn(): Promise<GraphStandIn> {
  const seen: string[] = [];
  const server: Server = createServer((req, res) => {
    seen.push(`${req.method} ${req.url?.split("?")[0]}`);
    req.resume();
    req.on("end", () => {
      res.writeHead(200, { "Content-Type": "application/json" });
      // Enough for a send (messages[0].id) and a connection test (display_phone_number).
      res.end(JSON.stringify({ messaging_product: "whatsapp", messages: [{ id: `wamid.standin.${seen.length}` }], display_phone_number: "5511940000000", verified_name: "Bench", success: true }));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/${GRAPH_VERSION}`,
    calls: () => [...seen],
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
