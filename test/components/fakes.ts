/**
 * @module Test doubles at the browser's edges only — WebSocket and fetch — so the
 * widget's own code (feed, outbox, session, components) runs for real in happy-dom.
 */
import { act } from "preact/test-utils";
import { render, type ComponentChild } from "preact";
import type { ConversationEvent, MessageEvent, ServerFrame, StatusEvent } from "../../worker/protocol";

/** A WebSocket the test plays the server of. Register with `installFakeSocket()`. */
export class FakeSocket {
  static all: FakeSocket[] = [];
  static readonly CONNECTING = 0;
  static readonly OPEN = 1;
  static readonly CLOSING = 2;
  static readonly CLOSED = 3;
  readyState = FakeSocket.CONNECTING;
  readonly sent: unknown[] = [];
  onopen: (() => void) | null = null;
  onmessage: ((msg: { data: string }) => void) | null = null;
  onclose: ((event: { code: number }) => void) | null = null;

  constructor(readonly url: string) {
    FakeSocket.all.push(this);
  }

  static get last(): FakeSocket {
    const socket = FakeSocket.all.at(-1);
    if (!socket) throw new Error("no socket was opened");
    return socket;
  }

  send(data: string): void {
    if (data !== "ping") this.sent.push(JSON.parse(data));
  }

  /** Closes as a server would with `code` (1005: no status, as a dropped link reads). */
  close(code = 1005): void {
    if (this.readyState === FakeSocket.CLOSED) return;
    this.readyState = FakeSocket.CLOSED;
    this.onclose?.({ code });
  }

  // --- the server's side ---
  open(lastSeq = 0): void {
    this.readyState = FakeSocket.OPEN;
    this.onopen?.();
    this.push({ type: "hello", conversationId: "c1", lastSeq });
  }

  push(frame: ServerFrame): void {
    this.onmessage?.({ data: JSON.stringify(frame) });
  }

  sentOfType<T extends string>(type: T): Array<{ type: T } & Record<string, unknown>> {
    return this.sent.filter((f): f is { type: T } & Record<string, unknown> => (f as { type?: string }).type === type);
  }
}

export function installFakeSocket(): void {
  FakeSocket.all = [];
  (globalThis as { WebSocket: unknown }).WebSocket = FakeSocket;
}

type Route = (req: { method: string; url: URL; headers: Headers; body: unknown }) => { status?: number; body: unknown } | undefined;

/** Replaces fetch with `routes` (first answer wins); records every call. */
export function installFetch(routes: Route[]): Array<{ method: string; path: string; headers: Headers; body: unknown }> {
  const calls: Array<{ method: string; path: string; headers: Headers; body: unknown }> = [];
  globalThis.fetch = (async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = new URL(String(input), "http://widget.test");
    const headers = new Headers(init.headers);
    const raw = init.body;
    const body = typeof raw === "string" ? JSON.parse(raw) : raw;
    const method = init.method ?? "GET";
    calls.push({ method, path: url.pathname + url.search, headers, body });
    for (const route of routes) {
      const answer = route({ method, url, headers, body });
      if (answer) return new Response(JSON.stringify(answer.body), { status: answer.status ?? 200, headers: { "Content-Type": "application/json" } });
    }
    return new Response(JSON.stringify({ error: { code: "not_found", message: `no fake for ${method} ${url.pathname}` } }), { status: 404 });
  }) as typeof fetch;
  return calls;
}

let seq = 0;
export function message(overrides: Partial<MessageEvent> = {}): MessageEvent {
  seq = overrides.seq ?? seq + 1;
  return {
    type: "message",
    seq,
    id: `e${seq}`,
    conversationId: "c1",
    at: Date.UTC(2026, 10, 23, 13, 0),
    actor: { type: "agent", id: "a1", name: "Ana" },
    kind: "text",
    body: `message ${seq}`,
    clientId: null,
    providerMessageId: null,
    delivery: null,
    ...overrides,
  };
}

export function status(from: StatusEvent["from"], to: StatusEvent["to"], overrides: Partial<StatusEvent> = {}): StatusEvent {
  seq = overrides.seq ?? seq + 1;
  return { type: "status", seq, id: `e${seq}`, conversationId: "c1", at: Date.now(), actor: { type: "agent", id: "a1", name: "Ana" }, from, to, snoozedUntil: null, ...overrides };
}

export function history(events: ConversationEvent[]) {
  return { events, lastSeq: events.at(-1)?.seq ?? 0, more: false };
}

/** Renders into a fresh container and flushes effects. */
export async function mount(vnode: ComponentChild): Promise<{ container: HTMLElement; unmount: () => void }> {
  const container = document.createElement("div");
  document.body.append(container);
  await act(() => render(vnode, container));
  return {
    container,
    unmount: () => {
      render(null, container);
      container.remove();
    },
  };
}

/** Lets promises and Preact's batched renders settle. */
export async function settle(times = 3): Promise<void> {
  for (let i = 0; i < times; i++) await act(async () => await new Promise((r) => setTimeout(r, 0)));
}

/** The element whose text is `text` (trimmed), searching `root`. */
export function byText(root: ParentNode, text: string | RegExp, selector = "*"): HTMLElement | null {
  for (const el of root.querySelectorAll<HTMLElement>(selector)) {
    const own = [...el.childNodes].filter((n) => n.nodeType === 3).map((n) => n.textContent).join("").trim();
    if (typeof text === "string" ? own === text || el.textContent?.trim() === text : text.test(el.textContent ?? "")) {
      if (![...el.children].some((c) => (typeof text === "string" ? c.textContent?.trim() === text : text.test(c.textContent ?? "")))) return el;
    }
  }
  return null;
}

/** Types into an input or textarea the way a user does (value, then `input`). */
export async function type(el: HTMLInputElement | HTMLTextAreaElement, value: string): Promise<void> {
  await act(() => {
    el.value = value;
    el.dispatchEvent(new Event("input", { bubbles: true }));
  });
}

export async function click(el: Element | null): Promise<void> {
  if (!el) throw new Error("nothing to click");
  await act(() => (el as HTMLElement).click());
}

/** The form control a `<label>` with exactly `text` names (by `for`, or the one it wraps),
 * found as a person would find it. */
export function labelled<T extends HTMLElement = HTMLInputElement>(root: ParentNode, text: string): T {
  const label = [...root.querySelectorAll("label")].find((l) => l.textContent?.trim() === text);
  const control = label?.htmlFor ? root.querySelector<T>(`[id="${label.htmlFor}"]`) : label?.querySelector<T>("input, select, textarea");
  if (!control) throw new Error(`no control labelled ${text}`);
  return control;
}
