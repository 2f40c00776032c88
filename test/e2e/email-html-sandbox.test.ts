/**
 * The e-mail HTML pass in a real browser, where DOMPurify runs as it does for agents
 * (happy-dom cannot drive it: cure53/DOMPurify#1457): console/conversation/timeline/
 * email-html.ts bundled as is, fed hostile mail, its document put in an
 * `<iframe sandbox="">` the way the console does. Asserted where it counts: no script
 * or handler runs (none may post a message out), nothing remote is requested until
 * "load images" — then only the images and CSS backgrounds, never a stylesheet, a
 * frame, a form target or the console's own API.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { resolve } from "node:path";
import { build } from "esbuild";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findChromium, launchChromium } from "./browser";

const ROOT = resolve(import.meta.dirname, "../..");
const chromiumPath = findChromium();

/** Every remote host the mail points at is this local server, so what it is asked for
 * is what loaded. (Playwright's routing does not see a sandboxed srcdoc frame's
 * requests, so they are counted where they arrive.) */
const hostile = (remote: string) => `<html><head><style>body{background:url(${remote}/tracker/bg.png)} @import url("${remote}/evil/x.css");</style>
<script>window.parent.postMessage("script ran", "*")</script><base href="${remote}/evil/"></head>
<body onload="parent.postMessage('onload ran','*')">
<p style="background-image: u\\72l(${remote}/tracker/escaped.png)">Olá, <b>preciso</b> do boleto</p>
<img src="${remote}/tracker/open.gif" onerror="parent.postMessage('onerror ran','*')">
<img src="x" onerror="parent.postMessage('onerror ran','*')">
<svg><image href="${remote}/evil/svg.png"/><script>parent.postMessage('svg ran','*')</script></svg>
<math><mtext><table><mglyph><style><img src=x onerror="parent.postMessage('mxss ran','*')"></style></mglyph></table></mtext></math>
<a href="javascript:parent.postMessage('link ran','*')">clique</a>
<iframe src="${remote}/evil/frame"></iframe>
<form action="${remote}/evil/post"><input name="senha" autofocus onfocus="parent.postMessage('focus ran','*')"></form>
<img src="/api/v1/me">
</body></html>`;

/** What must never be in the frame's document, whatever the agent clicked. */
const leftovers = (doc: string) => ["<script", "onerror", "onload", "onfocus", "javascript:", "<form", "<input", "<iframe", "<base", "/evil/", "/api/v1/me"].filter((bad) => doc.includes(bad));

describe.skipIf(chromiumPath === null)("e-mail HTML in a sandboxed frame, in Chromium", () => {
  let browser: Browser;
  let page: Page;
  let server: Server;
  let remote = "";
  const requested: string[] = [];
  const messages: string[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      // The page stands for the console; it is served from the same address so the
      // browser's mixed-content and private-network rules do not hide the remote loads.
      if (req.url === "/console") return void res.writeHead(200, { "Content-Type": "text/html" }).end("<!doctype html><title>console</title><body></body>");
      requested.push(req.url ?? "");
      res.writeHead(200, { "Content-Type": "image/gif" }).end(Buffer.from("R0lGODlhAQABAAAAACw=", "base64"));
    });
    await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
    remote = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const bundle = await build({
      entryPoints: [resolve(ROOT, "console/conversation/timeline/email-html.ts")],
      bundle: true,
      format: "iife",
      globalName: "EmailHtml",
      write: false,
      target: "es2022",
    });
    browser = await launchChromium(chromiumPath!);
    page = await browser.newPage();
    await page.exposeFunction("reportMessage", (text: string) => void messages.push(text));
    await page.goto(`${remote}/console`);
    await page.addScriptTag({ content: bundle.outputFiles[0]!.text });
    await page.evaluate(() => window.addEventListener("message", (e) => (window as unknown as { reportMessage: (t: string) => void }).reportMessage(String(e.data))));
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    server?.close();
  });

  /** Sanitizes in the page and shows the result the console's way; the document back. */
  async function show(loadImages: boolean): Promise<string> {
    requested.length = 0;
    const doc = await page.evaluate(
      ({ html, loadImages }) => {
        const api = (window as unknown as { EmailHtml: typeof import("../../console/conversation/timeline/email-html") }).EmailHtml;
        const safe = api.safeEmailHtml(html, { loadImages, inline: new Map() });
        document.body.replaceChildren();
        const frame = document.createElement("iframe");
        frame.setAttribute("sandbox", "");
        frame.srcdoc = safe.document;
        document.body.append(frame);
        return new Promise<string>((done) => frame.addEventListener("load", () => done(safe.document)));
      },
      { html: hostile(remote), loadImages },
    );
    // Anything late (a lazy image, a handler) has time to show itself.
    await page.waitForTimeout(500);
    return doc;
  }

  it("lets nothing run and nothing load remotely, and keeps the text", async () => {
    const doc = await show(false);
    expect(leftovers(doc)).toEqual([]);
    expect(doc).not.toContain("/tracker/");
    expect(doc).toContain("do boleto");
    expect(messages).toEqual([]);
    expect(requested).toEqual([]);
  });

  it("after “load images”: the images and CSS backgrounds load, still nothing runs and nothing else is fetched", async () => {
    const doc = await show(true);
    expect(leftovers(doc)).toEqual([]);
    expect(messages).toEqual([]);
    expect([...requested].sort()).toEqual(["/tracker/bg.png", "/tracker/escaped.png", "/tracker/open.gif"]);
  });
});
