/**
 * The widget's delivery guarantee through a real network hiccup: a message whose `ack`
 * never reached the browser is resent after the reconnect with the same clientId, the
 * server answers with the original seq, and the conversation holds it exactly once.
 * The socket is routed through Playwright, which drops the ack (and the echoed event)
 * and then cuts the connection, exactly where a flaky mobile link would.
 */
import type { BrowserContext, WebSocketRoute } from "playwright-core";
import { describe, expect, it } from "vitest";
import { findChromium } from "./browser";
import { openWidget, useBrowserHarness } from "./harness";
import { seedOwnerAndInbox } from "./seed";

const TEXT = "Mensagem enviada num túnel";

type Frame = { type?: string; clientId?: string; seq?: number; event?: { type?: string; clientId?: string | null } };

/** Every JSON frame seen on the widget's sockets, per connection, in both directions. */
class SocketTap {
  readonly connections: { sent: Frame[]; received: Frame[] }[] = [];

  /** Routes the widget socket; on the first connection, swallows the server's answers to
   * the first `send` and then drops the connection. */
  async install(context: BrowserContext): Promise<void> {
    await context.routeWebSocket(/\/api\/v1\/widget\/ws/, (page) => this.handle(page));
  }

  private handle(page: WebSocketRoute): void {
    const log = { sent: [] as Frame[], received: [] as Frame[] };
    const first = this.connections.push(log) === 1;
    const server = page.connectToServer();
    page.onMessage((m) => {
      const frame = parse(m);
      if (frame) log.sent.push(frame);
      server.send(m);
    });
    server.onMessage((m) => {
      const frame = parse(m);
      if (frame) log.received.push(frame);
      const sentId = log.sent.find((f) => f.type === "send")?.clientId;
      const answersSend = sentId !== undefined && (frame?.clientId === sentId || frame?.event?.clientId === sentId);
      if (!first || !answersSend) return page.send(m);
      // The ack comes after the echoed event: once it is swallowed, cut the line.
      if (frame?.type === "ack") void page.close({ code: 4001, reason: "test: link lost" });
    });
  }
}

function parse(message: string | Buffer): Frame | null {
  const text = message.toString();
  if (text === "ping" || text === "pong") return null;
  return JSON.parse(text) as Frame;
}

const chromePath = findChromium();

describe.skipIf(chromePath === null)("widget delivery across a reconnect", () => {
  const h = useBrowserHarness(chromePath!);

  it("resends an unacknowledged message with its clientId and stores it once", async () => {
    await seedOwnerAndInbox(h.url);
    const tap = new SocketTap();
    const visitor = await h.openPage("/", (context) => tap.install(context));
    const chat = await openWidget(visitor);

    await chat.getByRole("textbox", { name: "Message" }).fill(TEXT);
    await chat.getByRole("textbox", { name: "Message" }).press("Enter");
    const log = chat.getByRole("log", { name: "Messages" });
    // Pending until the second connection's replay proves it stored.
    await log.getByText("Sending…").waitFor({ state: "detached" });
    await h.screenshot(visitor, "10-resent-after-reconnect");

    const [first, second] = tap.connections;
    const original = first!.sent.find((f) => f.type === "send")!;
    const originalAck = first!.received.find((f) => f.type === "ack")!;
    expect(originalAck.clientId).toBe(original.clientId);
    expect(second!.sent).toContainEqual(expect.objectContaining({ type: "send", clientId: original.clientId }));
    expect(second!.received).toContainEqual({ type: "ack", clientId: original.clientId, seq: originalAck.seq });

    // Stored once: after a reload the history (from the server) holds it exactly once,
    // and nothing is left in the outbox to resend.
    await visitor.reload();
    const reloaded = (await openWidget(visitor)).getByRole("log", { name: "Messages" });
    await reloaded.getByText(TEXT).waitFor();
    expect(await reloaded.getByText(TEXT).count()).toBe(1);
    const widgetFrame = visitor.frames().find((f) => f.url().includes("/widget/"))!;
    const outboxes = await widgetFrame.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith("switchboard:outbox:")));
    expect(outboxes).toEqual([]);

    expect(h.pageErrors).toEqual([]);
  });
});
