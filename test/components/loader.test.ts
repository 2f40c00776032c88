/**
 * widget.js on a host page (happy-dom): the launcher, window.Switchboard, the bridge to
 * the chat iframe, the unread badge and title, first-party token and config storage, and
 * the host page the visitor is on.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { WidgetConfig } from "../../worker/protocol";
import type { SwitchboardApi } from "../../widget/loader/host-api";
import { installFetch } from "./fakes";

const ORIGIN = "https://sb.example";
const config: WidgetConfig = {
  name: "Loja",
  online: true,
  withinBusinessHours: true,
  settings: { color: "#0a7d48", position: "left", greeting: "", avatarUrl: null, awayMessage: "", preChatForm: { enabled: false, requireEmail: false }, csat: true, requireIdentity: false },
};
const win = window as unknown as { Switchboard?: SwitchboardApi | unknown[]; __switchboard?: boolean };

async function loadWidget(attrs: Record<string, string> = {}) {
  const script = document.createElement("script");
  script.setAttribute("src", `${ORIGIN}/widget.js`);
  script.dataset.inbox = "pk_1";
  for (const [k, v] of Object.entries(attrs)) script.setAttribute(k, v);
  // Not appended to <head>: happy-dom would try to fetch it. The loader finds it anyway.
  Object.defineProperty(document, "currentScript", { value: script, configurable: true });
  vi.resetModules();
  await import("../../widget/loader");
  await vi.waitFor(() => expect(document.querySelector("switchboard-widget")).not.toBeNull());
  const root = document.querySelector("switchboard-widget")!.shadowRoot!;
  const button = root.querySelector("button")!;
  const frame = () => root.querySelector<HTMLIFrameElement>("test-iframe");
  return { root, button, frame, api: win.Switchboard as SwitchboardApi };
}

/** Stands in for the chat's window (happy-dom loads no cross-origin iframe pages) and
 * records what the loader posts to it. */
function spyOnFrame(frame: HTMLIFrameElement) {
  const posted: Array<{ message: Record<string, unknown>; origin: string }> = [];
  const chatWindow = { postMessage: (message: Record<string, unknown>, origin: string) => posted.push({ message, origin }) };
  Object.defineProperty(frame, "contentWindow", { value: chatWindow, configurable: true });
  return posted;
}

function fromChat(frame: HTMLIFrameElement, data: unknown) {
  window.dispatchEvent(new MessageEvent("message", { data, source: frame.contentWindow as never, origin: ORIGIN }));
}

// happy-dom would try to load the chat's cross-origin page (and log that it may not), so
// the loader gets a stand-in element with the iframe properties it uses.
const createElement = document.createElement.bind(document);
vi.spyOn(document, "createElement").mockImplementation(((tag: string) =>
  tag === "iframe" ? Object.assign(createElement("test-iframe"), { src: "", allow: "", contentWindow: null }) : createElement(tag)) as typeof document.createElement);

beforeEach(() => {
  localStorage.clear();
  document.title = "Minha loja";
  delete win.Switchboard;
  delete win.__switchboard;
  installFetch([({ url }) => (url.pathname === "/api/v1/widget/config" ? { body: config } : undefined)]);
});
afterEach(() => {
  document.querySelector("switchboard-widget")?.remove();
});

describe("widget.js", () => {
  it("draws the launcher in the inbox's colour and corner, sealed in a shadow root", async () => {
    const { root, button } = await loadWidget();
    const css = root.querySelector("style")!.textContent!;
    expect(css).toContain("background:#0a7d48");
    expect(css).toContain("left:20px");
    expect(document.querySelector("switchboard-widget")!.getAttribute("style")).toBe("all:initial!important");
    expect(button.getAttribute("aria-label")).toBe("Chat");
    expect(button.getAttribute("aria-expanded")).toBe("false");
    expect(localStorage.getItem("switchboard:config:pk_1")).toContain("#0a7d48");
  });

  it("draws the next page's launcher from the cached config without waiting", async () => {
    localStorage.setItem("switchboard:config:pk_1", JSON.stringify({ ...config, settings: { ...config.settings, color: "#123456" } }));
    installFetch([() => new Promise(() => {}) as never]); // the network never answers
    const { root } = await loadWidget();
    expect(root.querySelector("style")!.textContent).toContain("background:#123456");
  });

  it("replays calls queued before it loaded and forwards them once the chat has loaded", async () => {
    win.Switchboard = [["identify", { id: "user-42", name: "Ana" }]];
    const { frame, api } = await loadWidget({ "data-locale": "pt-BR" });
    expect(typeof api.open).toBe("function");
    const iframe = frame()!; // identify loads the chat without waiting for idle
    expect(iframe.src).toBe(`${ORIGIN}/widget/?inbox=pk_1`);
    const posted = spyOnFrame(iframe);
    api.setAttributes({ plan: "pro" });
    expect(posted).toEqual([]); // queued until the iframe has loaded
    iframe.dispatchEvent(new Event("load"));
    expect(posted.map((p) => p.message.type)).toEqual(["init", "identify", "setAttributes"]);
    expect(posted[0]!.message).toMatchObject({ tag: "switchboard", token: null, locale: "pt-BR", open: false });
    expect(posted.every((p) => p.origin === ORIGIN)).toBe(true);
  });

  it("opens and closes the chat from the button and the API, and emits open and close", async () => {
    const { button, frame, api } = await loadWidget();
    const events: string[] = [];
    api.on("open", () => events.push("open"));
    api.on("close", () => events.push("close"));
    button.click();
    expect(frame()!.classList.contains("x")).toBe(false);
    expect(button.getAttribute("aria-expanded")).toBe("true");
    api.close();
    expect(frame()!.classList.contains("x")).toBe(true);
    api.toggle();
    expect(button.getAttribute("aria-expanded")).toBe("true");
    await new Promise((r) => setTimeout(r, 0));
    expect(events).toEqual(["open", "close", "open"]);
  });

  it("keeps the visitor token the chat hands it in the page's own storage", async () => {
    const { api, frame } = await loadWidget();
    api.open();
    const posted = spyOnFrame(frame()!);
    fromChat(frame()!, { type: "token", token: "tok-1" });
    expect(localStorage.getItem("switchboard:token:pk_1")).toBe('"tok-1"');
    frame()!.dispatchEvent(new Event("load"));
    expect(posted[0]!.message).toMatchObject({ type: "init", token: "tok-1", open: true });
    fromChat(frame()!, { type: "token", token: null });
    expect(localStorage.getItem("switchboard:token:pk_1")).toBeNull();
  });

  it("ignores messages that do not come from its own chat", async () => {
    const { api, frame } = await loadWidget();
    api.open();
    spyOnFrame(frame()!);
    window.dispatchEvent(new MessageEvent("message", { data: { type: "token", token: "forged" } }));
    expect(localStorage.getItem("switchboard:token:pk_1")).toBeNull();
  });

  it("shows unread messages on the badge, in the button's label and in the page title", async () => {
    const { root, button, frame, api } = await loadWidget();
    const counts: number[] = [];
    api.on("unread", ({ count }) => counts.push(count));
    api.open();
    api.close();
    spyOnFrame(frame()!);
    fromChat(frame()!, { type: "event", name: "unread", detail: { count: 3 } });
    expect(root.querySelector("b")!.textContent).toBe("3");
    expect(button.getAttribute("aria-label")).toBe("Chat (3)");
    expect(document.title).toBe("(3) Minha loja");
    document.title = "(3) Outra página"; // a single-page app changed its title meanwhile
    fromChat(frame()!, { type: "event", name: "unread", detail: { count: 0 } });
    expect(document.title).toBe("Outra página");
    expect(root.querySelector("b")!.textContent).toBe("");
    await new Promise((r) => setTimeout(r, 0));
    expect(counts).toEqual([3, 0]);
  });

  it("tells the chat which page the visitor is on, and when a single-page app moves them on", async () => {
    history.replaceState(null, "", "/shoes");
    const { api, frame } = await loadWidget();
    api.open();
    const posted = spyOnFrame(frame()!);
    frame()!.dispatchEvent(new Event("load"));
    expect(posted[0]!.message).toMatchObject({ type: "init", page: [`${location.origin}/shoes`, "Minha loja", document.referrer] });
    history.pushState(null, "", "/cart"); // no event fires: the loader has to look
    document.title = "Carrinho";
    const toCart = () => posted.filter((p) => p.message.type === "page" && (p.message.value as string[])[0] === `${location.origin}/cart`);
    await vi.waitFor(() => expect(toCart()).toHaveLength(1), { timeout: 2500 });
    expect(toCart()[0]!.message).toMatchObject({ type: "page", value: [`${location.origin}/cart`, "Carrinho", document.referrer] });
    await new Promise((r) => setTimeout(r, 1100));
    expect(toCart()).toHaveLength(1); // only on a change
  });

  it("tells late listeners that it is ready", async () => {
    const { api, frame } = await loadWidget();
    api.open();
    spyOnFrame(frame()!);
    fromChat(frame()!, { type: "event", name: "ready", detail: {} });
    const ready = vi.fn();
    api.on("ready", ready);
    expect(ready).toHaveBeenCalledOnce();
  });
});
