/**
 * Where the visitor is, from the chat's side: the loader's reading of the host page is
 * trimmed to what the server takes, sent with the session (with the browser's time zone
 * and the chat's language), and a single-page navigation is reported once the visitor
 * stays, not on every hop.
 */
import { act } from "preact/test-utils";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { ChatNotice, HostCommand, HostPage } from "../../widget/bridge";
import type { HostLink, InitCommand } from "../../widget/host-link";
import { PAGE_REPORT_DELAY_MS, PageTracker, toVisitorPage } from "../../widget/visitor-page";
import { WidgetApp } from "../../widget/ui/widget-app";
import { MAX_PAGE_TITLE_CHARS, MAX_PAGE_URL_CHARS, type WidgetConfig, type WidgetSession } from "../../worker/protocol";
import { history, installFakeSocket, installFetch, mount, settle } from "./fakes";

const settings = { color: "#0a7d48", position: "left" as const, greeting: "", avatarUrl: null, awayMessage: "", preChatForm: { enabled: false, requireEmail: false }, csat: true, requireIdentity: false };
const config: WidgetConfig = { name: "Loja", settings, online: true, withinBusinessHours: true };
const session: WidgetSession = {
  token: "token-1",
  tokenExpiresAt: Date.now() + 3_600_000,
  contactId: "v1",
  conversationId: "c1",
  contact: { id: "v1", name: null, email: null, phone: null, verified: false },
  status: "open",
  inbox: { name: "Loja", settings },
};

describe("toVisitorPage", () => {
  it("drops our unread prefix, blank titles and an empty referrer", () => {
    expect(toVisitorPage(["https://shop.example/p", "(3) Shoes ", ""])).toEqual({ url: "https://shop.example/p", title: "Shoes" });
    expect(toVisitorPage(["https://shop.example/p", "  ", "https://www.google.com/"])).toEqual({ url: "https://shop.example/p", referrer: "https://www.google.com/" });
  });

  it("cuts a long title to the server's limit and leaves out what the server would refuse", () => {
    expect(toVisitorPage(["https://shop.example/", "t".repeat(MAX_PAGE_TITLE_CHARS + 50), ""])!.title).toHaveLength(MAX_PAGE_TITLE_CHARS);
    expect(toVisitorPage(["file:///C:/shop.html", "Local", ""])).toBeNull();
    expect(toVisitorPage([`https://shop.example/${"x".repeat(MAX_PAGE_URL_CHARS)}`, "Long", ""])).toBeNull();
    expect(toVisitorPage(["https://shop.example/", "", "android-app://com.google.android.gm/"])).toEqual({ url: "https://shop.example/" });
  });
});

describe("PageTracker", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("reports a page change once the visitor stays, and not a page they came back to", () => {
    const sent: string[] = [];
    const tracker = new PageTracker(["https://shop.example/", "Home", ""], (page) => sent.push(page.url));
    tracker.moved(["https://shop.example/a", "A", ""]);
    tracker.moved(["https://shop.example/b", "B", ""]);
    vi.advanceTimersByTime(PAGE_REPORT_DELAY_MS - 1);
    expect(sent).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(sent).toEqual(["https://shop.example/b"]);
    tracker.moved(["https://shop.example/c", "C", ""]);
    tracker.moved(["https://shop.example/b", "B", ""]);
    vi.advanceTimersByTime(PAGE_REPORT_DELAY_MS);
    expect(sent).toEqual(["https://shop.example/b"]);
  });

  it("gives a session start the current page and the browser's time zone", () => {
    const tracker = new PageTracker(null, () => {});
    tracker.moved(["https://shop.example/cart", "Cart", ""]);
    expect(tracker.context()).toEqual({ page: { url: "https://shop.example/cart", title: "Cart" }, timezone: Intl.DateTimeFormat().resolvedOptions().timeZone });
  });
});

describe("the chat UI reports the visitor's page", () => {
  let handler: ((c: Exclude<HostCommand, InitCommand>) => void) | null = null;
  const link = (page: HostPage | null): HostLink => ({
    embedded: true,
    init: Promise.resolve({ type: "init", token: null, locale: "pt-BR", open: true, config, page }),
    onCommand: (h) => (handler = h),
    notify: (_: ChatNotice) => {},
  });
  const server = () =>
    installFetch([
      ({ url }) => (url.pathname === "/api/v1/widget/config" ? { body: config } : undefined),
      ({ url }) => (url.pathname === "/api/v1/widget/sessions" ? { body: session } : undefined),
      ({ url }) => (url.pathname === "/api/v1/widget/messages" ? { body: history([]) } : undefined),
      ({ url }) => (url.pathname === "/api/v1/widget/page" ? { body: { ok: true } } : undefined),
      ({ url }) => (url.pathname === "/api/v1/widget/socket-tickets" ? { body: { ticket: "t", expiresAt: Date.now() + 60_000 } } : undefined),
    ]);

  beforeEach(() => installFakeSocket());
  afterEach(() => {
    document.body.innerHTML = "";
  });

  it("sends the page, time zone and language with the session, then a navigation after a pause", async () => {
    const calls = server();
    await mount(<WidgetApp inbox="pk_1" link={link(["https://shop.example/shoes", "(1) Shoes", "https://www.google.com/"])} />);
    await settle();
    expect(calls.find((c) => c.path === "/api/v1/widget/sessions")?.body).toMatchObject({
      inbox: "pk_1",
      locale: "pt-BR",
      context: { page: { url: "https://shop.example/shoes", title: "Shoes", referrer: "https://www.google.com/" }, timezone: expect.any(String) },
    });

    await act(() => handler!({ type: "page", value: ["https://shop.example/cart", "Cart", "https://www.google.com/"] }));
    expect(calls.filter((c) => c.path === "/api/v1/widget/page")).toEqual([]);
    await vi.waitFor(() => expect(calls.filter((c) => c.path === "/api/v1/widget/page")).toHaveLength(1), { timeout: PAGE_REPORT_DELAY_MS + 1000 });
    const report = calls.find((c) => c.path === "/api/v1/widget/page")!;
    expect(report.body).toEqual({ url: "https://shop.example/cart", title: "Cart", referrer: "https://www.google.com/" });
    expect(report.headers.get("Authorization")).toBe("Bearer token-1");
    // Not mistaken for another command (setAttributes is the last branch).
    expect(calls.some((c) => c.path === "/api/v1/widget/contact")).toBe(false);
  });

  it("still starts the chat when the server refuses what the browser said about the visitor", async () => {
    const calls = installFetch([
      ({ url }) => (url.pathname === "/api/v1/widget/config" ? { body: config } : undefined),
      ({ url, body }) =>
        url.pathname === "/api/v1/widget/sessions"
          ? (body as { context?: unknown }).context
            ? { status: 400, body: { error: { code: "validation_failed", message: "bad time zone", issues: [{ path: ["context", "timezone"], message: "x" }] } } }
            : { body: session }
          : undefined,
      ({ url }) => (url.pathname === "/api/v1/widget/messages" ? { body: history([]) } : undefined),
      ({ url }) => (url.pathname === "/api/v1/widget/socket-tickets" ? { body: { ticket: "t", expiresAt: Date.now() + 60_000 } } : undefined),
    ]);
    const { container } = await mount(<WidgetApp inbox="pk_1" link={link(["https://shop.example/", "Shop", ""])} />);
    await settle(5);
    expect(calls.filter((c) => c.path === "/api/v1/widget/sessions").map((c) => Object.keys(c.body as object).sort())).toEqual([
      ["context", "inbox", "locale"],
      ["inbox"],
    ]);
    expect(container.querySelector("textarea")).not.toBeNull();
  });

  it("sends no page when the chat runs on its own (no loader, no host page)", async () => {
    const calls = server();
    await mount(<WidgetApp inbox="pk_1" link={link(null)} />);
    await settle();
    const body = calls.find((c) => c.path === "/api/v1/widget/sessions")?.body as { context: Record<string, unknown> };
    expect(body.context.page).toBeUndefined();
  });
});
