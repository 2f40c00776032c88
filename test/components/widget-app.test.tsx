/**
 * The chat UI's lifecycle through the bridge: lazy session, the host page's commands
 * (open, identify, setAttributes, setLocale, reset), and what it tells the host.
 */
import { act } from "preact/test-utils";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { ChatNotice, HostCommand } from "../../widget/bridge";
import type { HostLink, InitCommand } from "../../widget/host-link";
import type { WidgetConfig, WidgetSession } from "../../worker/protocol";
import { WidgetApp } from "../../widget/ui/widget-app";
import { FakeSocket, history, installFakeSocket, installFetch, message, mount, settle } from "./fakes";

const settings = { color: "#0a7d48", position: "left" as const, greeting: "Oi!", avatarUrl: null, awayMessage: "", preChatForm: { enabled: false, requireEmail: false }, csat: true, requireIdentity: false };
const config: WidgetConfig = { name: "Loja", settings, online: true, withinBusinessHours: true };
const sessionFor = (n: number): WidgetSession => ({
  token: `token-${n}`,
  tokenExpiresAt: Date.now() + 86_400_000,
  contactId: `v${n}`,
  conversationId: `c${n}`,
  contact: { id: `v${n}`, name: null, email: null, phone: null, verified: n === 2 },
  status: "open",
  inbox: { name: "Loja", settings },
});

/** A HostLink the test drives as the loader would. */
function fakeLink(init: Partial<InitCommand> = {}) {
  const notices: ChatNotice[] = [];
  let handler: ((c: Exclude<HostCommand, InitCommand>) => void) | null = null;
  const link: HostLink = {
    embedded: true,
    init: Promise.resolve({ type: "init", token: null, locale: null, open: false, config, ...init }),
    onCommand: (h) => (handler = h),
    notify: (n) => notices.push(n),
  };
  const command = async (c: Exclude<HostCommand, InitCommand>) => {
    await act(() => handler!(c));
    await settle();
  };
  return { link, notices, command, tokens: () => notices.filter((n) => n.type === "token").map((n) => (n as { token: string | null }).token) };
}

function fakeServer() {
  return installFetch([
    ({ url }) => (url.pathname === "/api/v1/widget/config" ? { body: config } : undefined),
    ({ url, body }) => (url.pathname === "/api/v1/widget/sessions" ? { body: sessionFor((body as { token?: string }).token === "token-2" ? 2 : 1) } : undefined),
    ({ url, headers }) =>
      url.pathname === "/api/v1/widget/messages"
        ? { body: history(headers.get("Authorization") === "Bearer token-2" ? [message({ seq: 1, body: "do outro aparelho" })] : []) }
        : undefined,
    ({ url }) => (url.pathname === "/api/v1/widget/identify" ? { body: sessionFor(2) } : undefined),
    ({ url, headers }) =>
      url.pathname === "/api/v1/widget/socket-tickets" ? { body: { ticket: `ticket-of-${headers.get("Authorization")!.slice(-1)}`, expiresAt: Date.now() + 60_000 } } : undefined,
    ({ url, body }) => (url.pathname === "/api/v1/widget/contact" ? { body: { contact: { ...sessionFor(1).contact, ...(body as object) } } } : undefined),
  ]);
}

beforeEach(() => {
  localStorage.clear();
  installFakeSocket();
});
afterEach(() => {
  document.body.innerHTML = "";
});

describe("the chat UI inside the loader", () => {
  it("creates no visitor until the chat opens, then keeps the token first-party through the loader", async () => {
    const calls = fakeServer();
    const host = fakeLink();
    const { container } = await mount(<WidgetApp inbox="pk_1" link={host.link} />);
    await settle();
    expect(calls.some((c) => c.path.startsWith("/api/v1/widget/sessions"))).toBe(false);
    expect(host.notices).toContainEqual({ type: "event", name: "ready", detail: {} });
    expect(container.querySelector("h1")?.textContent).toBe("Loja");

    await host.command({ type: "open", value: true });
    expect(calls.filter((c) => c.path === "/api/v1/widget/sessions")).toHaveLength(1);
    expect(host.tokens()).toEqual(["token-1"]);
    expect(container.querySelector("textarea")).not.toBeNull();
    expect(document.activeElement).toBe(container.querySelector("textarea"));
  });

  it("resumes a returning visitor at once, so replies can light up the badge", async () => {
    const calls = fakeServer();
    const host = fakeLink({ token: "token-1" });
    await mount(<WidgetApp inbox="pk_1" link={host.link} />);
    await settle();
    expect(calls.find((c) => c.path === "/api/v1/widget/sessions")?.body).toEqual({ inbox: "pk_1", token: "token-1" });
    await act(() => FakeSocket.last.open());
    await act(() => FakeSocket.last.push({ type: "event", event: message({ seq: 1, body: "Temos novidades" }) }));
    expect(host.notices).toContainEqual({ type: "event", name: "unread", detail: { count: 1 } });
    expect(host.notices).toContainEqual({ type: "event", name: "message", detail: expect.objectContaining({ from: "agent", body: "Temos novidades" }) });
  });

  it("moves to the verified user's conversation when identify() proves who they are", async () => {
    const calls = fakeServer();
    const host = fakeLink({ open: true });
    const { container } = await mount(<WidgetApp inbox="pk_1" link={host.link} />);
    await settle();
    await host.command({ type: "identify", value: { id: "user-42", hash: "a".repeat(64) } });
    expect(calls.find((c) => c.path === "/api/v1/widget/identify")?.headers.get("Authorization")).toBe("Bearer token-1");
    expect(host.tokens()).toEqual(["token-1", "token-2"]);
    expect(container.querySelector('[role="log"]')?.textContent).toContain("do outro aparelho");
    expect(FakeSocket.last.url).toContain("ticket=ticket-of-2");
    expect(FakeSocket.all.map((s) => s.url).join(" ")).not.toContain("token");
  });

  it("renews a token about to expire before using it, and once more when the server says it has expired", async () => {
    const soon: WidgetSession = { ...sessionFor(1), tokenExpiresAt: Date.now() + 1_000 };
    const renewed: WidgetSession = { ...sessionFor(1), token: "token-1r" };
    const calls = installFetch([
      ({ url }) => (url.pathname === "/api/v1/widget/config" ? { body: config } : undefined),
      ({ url, body }) => (url.pathname === "/api/v1/widget/sessions" ? { body: (body as { token?: string }).token ? renewed : soon } : undefined),
      ({ url, headers }) =>
        url.pathname === "/api/v1/widget/messages"
          ? headers.get("Authorization") === "Bearer token-1r"
            ? { body: history([]) }
            : { status: 401, body: { error: { code: "token_expired", message: "expired" } } }
          : undefined,
      ({ url }) => (url.pathname === "/api/v1/widget/socket-tickets" ? { body: { ticket: "t", expiresAt: Date.now() + 60_000 } } : undefined),
    ]);
    const host = fakeLink({ open: true });
    const { container } = await mount(<WidgetApp inbox="pk_1" link={host.link} />);
    await settle();
    expect(calls.filter((c) => c.path === "/api/v1/widget/sessions").map((c) => c.body)).toEqual([{ inbox: "pk_1" }, { inbox: "pk_1", token: "token-1" }]);
    expect(calls.filter((c) => c.path.startsWith("/api/v1/widget/messages")).map((c) => c.headers.get("Authorization"))).toEqual(["Bearer token-1r"]);
    expect(host.tokens()).toEqual(["token-1", "token-1r"]);
    expect(container.querySelector("textarea")).not.toBeNull();
  });

  it("tells an unverified visitor to sign in where the inbox requires identity, instead of a message box", async () => {
    const strict = { ...settings, requireIdentity: true };
    installFetch([
      ({ url }) => (url.pathname === "/api/v1/widget/config" ? { body: { ...config, settings: strict } } : undefined),
      ({ url }) => (url.pathname === "/api/v1/widget/sessions" ? { body: { ...sessionFor(1), inbox: { name: "Loja", settings: strict } } } : undefined),
      ({ url }) => (url.pathname === "/api/v1/widget/messages" ? { body: history([]) } : undefined),
      ({ url }) => (url.pathname === "/api/v1/widget/socket-tickets" ? { body: { ticket: "t", expiresAt: Date.now() + 60_000 } } : undefined),
    ]);
    const host = fakeLink({ open: true, locale: "es" });
    const { container } = await mount(<WidgetApp inbox="pk_1" link={host.link} />);
    await settle();
    expect(container.querySelector("textarea")).toBeNull();
    expect(container.textContent).toContain("Inicia sesión en este sitio para chatear con nosotros.");
  });

  it("sends setAttributes to the contact, and forgets the visitor on reset()", async () => {
    const calls = fakeServer();
    const host = fakeLink({ open: true });
    await mount(<WidgetApp inbox="pk_1" link={host.link} />);
    await settle();
    await host.command({ type: "setAttributes", value: { plan: "pro", seats: 3 } });
    expect(calls.find((c) => c.path === "/api/v1/widget/contact")).toMatchObject({ method: "PATCH", body: { attributes: { plan: "pro", seats: 3 } } });

    await host.command({ type: "reset" });
    expect(host.tokens().at(-1)).toBeNull();
    expect(FakeSocket.last.readyState).toBe(FakeSocket.CLOSED);
  });

  it("switches language on setLocale() and follows the browser by default", async () => {
    fakeServer();
    const host = fakeLink({ open: true, locale: "pt-BR" });
    const { container } = await mount(<WidgetApp inbox="pk_1" link={host.link} />);
    await settle();
    expect(container.querySelector("textarea")?.getAttribute("placeholder")).toBe("Escreva uma mensagem…");
    expect(document.documentElement.lang).toBe("pt-BR");
    await host.command({ type: "setLocale", value: "es" });
    expect(container.querySelector("textarea")?.getAttribute("placeholder")).toBe("Escribe un mensaje…");
  });

  it("asks the loader to close on Escape and from the close button", async () => {
    fakeServer();
    const host = fakeLink({ open: true });
    const { container } = await mount(<WidgetApp inbox="pk_1" link={host.link} />);
    await settle();
    await act(() => void document.dispatchEvent(new KeyboardEvent("keydown", { key: "Escape" })));
    await act(() => container.querySelector<HTMLButtonElement>('button[aria-label="Close chat"]')!.click());
    expect(host.notices.filter((n) => n.type === "close")).toHaveLength(2);
  });

  it("says clearly when the network opened too many chats", async () => {
    installFetch([
      ({ url }) => (url.pathname === "/api/v1/widget/config" ? { body: config } : undefined),
      ({ url }) => (url.pathname === "/api/v1/widget/sessions" ? { status: 429, body: { error: { code: "rate_limited", message: "Too many" } } } : undefined),
    ]);
    const host = fakeLink({ open: true });
    const { container } = await mount(<WidgetApp inbox="pk_1" link={host.link} />);
    await settle();
    expect(container.querySelector('[role="alert"]')?.textContent).toContain("Too many new chats from your network");
  });
});

describe("the header's online indicator", () => {
  const presence = (root: HTMLElement) => root.querySelector(".sb-presence");

  it("does not say Online while the visitor's own connection is down", async () => {
    fakeServer();
    const host = fakeLink({ open: true });
    const { container } = await mount(<WidgetApp inbox="pk_1" link={host.link} />);
    await settle();
    await act(() => FakeSocket.last.open());
    expect(presence(container)?.textContent).toBe("Online");
    expect(presence(container)?.classList.contains("sb-presence--online")).toBe(true);

    // The socket drops (and the retry is still connecting): the team may be online, but
    // the visitor cannot reach them.
    await act(() => FakeSocket.last.close());
    await settle();
    expect(presence(container)?.textContent).toBe("You are offline");
    expect(presence(container)?.classList.contains("sb-presence--online")).toBe(false);

    await act(() => FakeSocket.last.open());
    await settle();
    expect(presence(container)?.textContent).toBe("Online");

    // The browser says it is offline (the socket may not have noticed yet).
    const onLine = vi.spyOn(navigator, "onLine", "get").mockReturnValue(false);
    try {
      await act(() => void dispatchEvent(new Event("offline")));
      expect(presence(container)?.textContent).toBe("You are offline");
    } finally {
      onLine.mockRestore();
    }
  });
});
