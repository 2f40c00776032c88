/**
 * @module A customer's website for the browser tests and the benchmark: a static page on
 * its own origin (`http://localhost:PORT`, while the Worker is `http://127.0.0.1:PORT2`),
 * so widget.js runs cross-origin exactly as it does on a real site. The default page is
 * deliberately hostile: its CSS restyles every element the widget could use.
 */
import { createServer, type Server } from "node:http";

export interface HostPage {
  /** `http://localhost:PORT/`. */
  readonly url: string;
  close: () => Promise<void>;
}

/** Rules a careless theme or a CSS reset might ship; none may reach the widget. */
export const HOSTILE_CSS = `
  html { font-size: 8px !important; }
  * { box-sizing: content-box !important; font-family: "Comic Sans MS", cursive !important; letter-spacing: 3px !important; }
  div, button, iframe, span, b, svg { display: none !important; }
  button { background: #ff00ff !important; width: 3px !important; height: 3px !important; }
  iframe { visibility: hidden !important; width: 1px !important; height: 1px !important; border: 20px solid red !important; }
  body > *, html > * { transform: scale(0.1) rotate(30deg) !important; opacity: 0.2 !important; filter: blur(8px) !important; position: relative !important; z-index: -1 !important; }
  [style] { all: unset !important; }
`;

export function hostPageHtml(workerUrl: string, publicKey: string, options: { css?: string; head?: string } = {}): string {
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>Loja da Bia</title>
    <style>${options.css ?? HOSTILE_CSS}</style>
    ${options.head ?? ""}
    <script src="${workerUrl}/widget.js" data-inbox="${publicKey}" async></script>
  </head>
  <body>
    <h1>Loja da Bia</h1>
    <p>Camisetas, canecas e adesivos.</p>
  </body>
</html>`;
}

/** Serves `html` at `/` on a free loopback port under the name `localhost`. */
export async function serveHostPage(html: string | (() => string)): Promise<HostPage> {
  const server: Server = createServer((req, res) => {
    if (req.url !== "/" && !req.url?.startsWith("/?")) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store" });
    res.end(typeof html === "string" ? html : html());
  });
  await new Promise<void>((ready) => server.listen(0, "127.0.0.1", ready));
  const address = server.address();
  if (typeof address !== "object" || !address) throw new Error("host page server has no port");
  return {
    url: `http://localhost:${address.port}/`,
    close: () => new Promise((done) => server.close(() => done())),
  };
}
