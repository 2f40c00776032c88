/**
 * identify() with a valid hash revokes the anonymous token on the server. A call that was
 * in flight with that token is then refused; it must retry with the verified token, never
 * renew the revoked one (the server would start a new visitor and move the chat away from
 * the verified user: seen in Chromium as a history reloaded from nothing).
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { WidgetSession } from "../../worker/protocol";
import { VisitorSession } from "../../widget/visitor";
import { FakeSocket, history, installFakeSocket, installFetch } from "./fakes";

const settings = { color: "#0a7d48", position: "left" as const, greeting: "", avatarUrl: null, awayMessage: "", preChatForm: { enabled: false, requireEmail: false }, csat: true, requireIdentity: false };
const session = (token: string, verified: boolean): WidgetSession => ({
  token,
  tokenExpiresAt: Date.now() + 86_400_000,
  contactId: "v1",
  conversationId: "c1",
  contact: { id: "v1", name: null, email: null, phone: null, verified },
  status: "open",
  inbox: { name: "Loja", settings },
});

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

const refused = () => new Response(JSON.stringify({ error: { code: "invalid_token", message: "revoked" } }), { status: 401, headers: { "Content-Type": "application/json" } });

beforeEach(() => installFakeSocket());
afterEach(() => localStorage.clear());

describe("a call in flight while identify() replaces the token", () => {
  it("waits for the verified token and retries with it, without renewing the revoked one", async () => {
    const calls = installFetch([
      ({ url }) => (url.pathname === "/api/v1/widget/sessions" ? { body: session("anon", false) } : undefined),
      ({ url }) => (url.pathname === "/api/v1/widget/messages" ? { body: history([]) } : undefined),
      ({ url }) => (url.pathname === "/api/v1/widget/socket-tickets" ? { body: { ticket: "t", expiresAt: Date.now() + 60_000 } } : undefined),
      ({ url }) => (url.pathname === "/api/v1/widget/identify" ? { body: session("verified", true) } : undefined),
      ({ url }) => (url.pathname === "/api/v1/widget/page" ? { body: { ok: true } } : undefined),
    ]);
    const fake = globalThis.fetch;
    const identifyAnswer = deferred();
    // The server has verified (the anonymous token is revoked) but its answer to identify()
    // is still on the way when the page report with the old token is refused.
    globalThis.fetch = (async (input: RequestInfo | URL, init: RequestInit = {}) => {
      const path = new URL(String(input), "http://widget.test").pathname;
      const auth = new Headers(init.headers).get("Authorization");
      if (path === "/api/v1/widget/identify") {
        const answer = await fake(input, init);
        await identifyAnswer.promise;
        return answer;
      }
      if (path === "/api/v1/widget/page" && auth === "Bearer anon") {
        await fake(input, init);
        return refused();
      }
      return fake(input, init);
    }) as typeof fetch;

    const tokens: Array<string | null> = [];
    const visitor = new VisitorSession("pk_1", null, { onToken: (t) => tokens.push(t), onLiveEvent: () => {} });
    await visitor.ensure();
    const identified = visitor.identify({ id: "user-42", hash: "a".repeat(64) });
    await new Promise((r) => setTimeout(r, 0));
    visitor.reportPage({ url: "https://shop.example/cart" });
    await new Promise((r) => setTimeout(r, 10));
    identifyAnswer.resolve();
    await identified;
    await new Promise((r) => setTimeout(r, 10));

    const pages = calls.filter((c) => c.path === "/api/v1/widget/page").map((c) => c.headers.get("Authorization"));
    expect(pages).toEqual(["Bearer anon", "Bearer verified"]);
    // One session start, no renewal with the revoked token.
    expect(calls.filter((c) => c.path === "/api/v1/widget/sessions")).toHaveLength(1);
    expect(tokens).toEqual(["anon", "verified"]);
    expect(visitor.current).toMatchObject({ phase: "ready", session: { conversationId: "c1", token: "verified" } });
    visitor.stop();
  });

  it("keeps the chat on the old feed until the new one is live, and hands over what was sent meanwhile", async () => {
    installFetch([
      ({ url }) => (url.pathname === "/api/v1/widget/sessions" ? { body: session("anon", false) } : undefined),
      ({ url }) => (url.pathname === "/api/v1/widget/messages" ? { body: history([]) } : undefined),
      ({ url }) => (url.pathname === "/api/v1/widget/socket-tickets" ? { body: { ticket: "t", expiresAt: Date.now() + 60_000 } } : undefined),
      ({ url }) => (url.pathname === "/api/v1/widget/identify" ? { body: session("verified", true) } : undefined),
    ]);
    const fake = globalThis.fetch;
    const newHistory = deferred();
    // The verified session's history is slow to load: the chat must stay usable meanwhile.
    globalThis.fetch = (async (input: RequestInfo | URL, init: RequestInit = {}) => {
      const path = new URL(String(input), "http://widget.test").pathname;
      if (path === "/api/v1/widget/messages" && new Headers(init.headers).get("Authorization") === "Bearer verified") await newHistory.promise;
      return fake(input, init);
    }) as typeof fetch;

    const visitor = new VisitorSession("pk_1", null, { onToken: () => {}, onLiveEvent: () => {} });
    await visitor.ensure();
    await new Promise((r) => setTimeout(r, 0));
    const oldSocket = FakeSocket.last;
    oldSocket.open();
    const identified = visitor.identify({ id: "user-42", hash: "a".repeat(64) });
    await new Promise((r) => setTimeout(r, 10));

    const ready = visitor.current;
    if (ready.phase !== "ready") throw new Error("the chat should stay ready while the new feed loads");
    expect(ready.feed.send("Escrevo do notebook")).toBe(true);
    const [sent] = oldSocket.sentOfType("send");
    expect(sent).toMatchObject({ body: "Escrevo do notebook" });

    newHistory.resolve();
    await identified;
    await new Promise((r) => setTimeout(r, 10));
    const newSocket = FakeSocket.last;
    expect(newSocket).not.toBe(oldSocket);
    newSocket.open();
    // The same clientId again: the room acknowledges a resend with the original seq.
    expect(newSocket.sentOfType("send")).toEqual([expect.objectContaining({ clientId: sent!.clientId, body: "Escrevo do notebook" })]);
    visitor.stop();
  });
});
