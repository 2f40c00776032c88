/**
 * @module The agent's side of the browser tests, over the API the console uses (session
 * cookie + Origin): find the visitor's conversation, reply, resolve, read its log, change
 * inbox settings, and a live socket for typing and read marks.
 */
import WebSocket from "ws";
import type { ConversationEvent, ConversationSummary, WebchatSettings } from "../../worker/protocol";

export class Agent {
  constructor(
    readonly baseUrl: string,
    readonly cookie: string,
  ) {}

  async call<T>(path: string, init: { method?: string; json?: unknown } = {}): Promise<T> {
    const res = await fetch(this.baseUrl + path, {
      method: init.method ?? (init.json === undefined ? "GET" : "POST"),
      headers: { Cookie: this.cookie, Origin: this.baseUrl, ...(init.json === undefined ? {} : { "Content-Type": "application/json" }) },
      body: init.json === undefined ? undefined : JSON.stringify(init.json),
    });
    const body = (await res.json().catch(() => null)) as T;
    if (!res.ok) throw new Error(`${init.method ?? "GET"} ${path}: ${res.status} ${JSON.stringify(body)}`);
    return body;
  }

  /** The conversation whose last message preview contains `text` (polls: the list is a
   * projection that trails the room by a moment). */
  async conversationWith(text: string): Promise<ConversationSummary> {
    for (let i = 0; i < 100; i++) {
      const { conversations } = await this.call<{ conversations: ConversationSummary[] }>("/api/v1/conversations");
      const found = conversations.find((c) => c.lastMessagePreview?.includes(text));
      if (found) return found;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`no conversation shows "${text}"`);
  }

  async events(conversationId: string): Promise<ConversationEvent[]> {
    return (await this.call<{ events: ConversationEvent[] }>(`/api/v1/conversations/${conversationId}/messages?after=0`)).events;
  }

  reply(conversationId: string, body: string) {
    return this.call(`/api/v1/conversations/${conversationId}/messages`, { json: { body } });
  }

  resolve(conversationId: string) {
    return this.call(`/api/v1/conversations/${conversationId}/status`, { json: { status: "resolved" } });
  }

  setSettings(inboxId: string, settings: Partial<WebchatSettings>) {
    return this.call(`/api/v1/inboxes/${inboxId}`, { method: "PATCH", json: { settings } });
  }

  async identitySecret(inboxId: string): Promise<string> {
    return (await this.call<{ secret: string }>(`/api/v1/inboxes/${inboxId}/identity-secret`, { method: "POST" })).secret;
  }

  /** The room's socket as an agent: for `typing` and `read` frames. */
  async socket(conversationId: string): Promise<WebSocket> {
    const url = `${this.baseUrl.replace(/^http/, "ws")}/api/v1/conversations/${conversationId}/ws`;
    const ws = new WebSocket(url, { headers: { Cookie: this.cookie, Origin: this.baseUrl } });
    await new Promise<void>((open, fail) => {
      ws.once("open", () => open());
      ws.once("error", fail);
    });
    return ws;
  }
}
