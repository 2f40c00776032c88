/**
 * @module The console's HTTP client: one function per API call it makes, each response
 * parsed with the protocol's zod schema, each failure an ApiError with the server's code.
 * The session is the HttpOnly `sb_session` cookie; writes pass the server's CSRF check
 * because the browser sends `Origin` on every same-origin fetch POST.
 */
import { z } from "zod";
import {
  Agent,
  ConversationDetail,
  ConversationList,
  ErrorBody,
  History,
  Inbox,
  Me,
  SetupState,
} from "../worker/protocol";
import type { ConversationStatus, StatusBody } from "../worker/protocol";

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** Fired when any call finds the session gone, so the app can show the login form. */
export const SESSION_LOST_EVENT = "switchboard:session-lost";

async function call<S extends z.ZodType>(schema: S, path: string, init: { method?: string; body?: unknown } = {}): Promise<z.output<S>> {
  const res = await fetch(path, {
    method: init.method ?? "GET",
    credentials: "same-origin",
    headers: init.body === undefined ? {} : { "Content-Type": "application/json" },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  const json: unknown = await res.json().catch(() => null);
  if (!res.ok) {
    const error = ErrorBody.safeParse(json);
    const { code, message } = error.success ? error.data.error : { code: "http_error", message: `HTTP ${res.status}` };
    if (code === "unauthenticated") dispatchEvent(new Event(SESSION_LOST_EVENT));
    throw new ApiError(res.status, code, message);
  }
  return schema.parse(json);
}

export type ListFilter = { status?: ConversationStatus };

export const api = {
  setupState: () => call(SetupState, "/api/v1/setup"),
  setup: (body: { name: string; email: string; password: string }) =>
    call(z.object({ agent: Agent }), "/api/v1/setup", { method: "POST", body }),
  login: (body: { email: string; password: string }) => call(Me, "/api/v1/auth/login", { method: "POST", body }),
  logout: () => call(z.unknown(), "/api/v1/auth/logout", { method: "POST", body: {} }),
  me: () => call(Me, "/api/v1/me"),

  inboxes: () => call(z.object({ inboxes: z.array(Inbox) }), "/api/v1/inboxes"),
  createWebchatInbox: (name: string) => call(Inbox, "/api/v1/inboxes", { method: "POST", body: { kind: "webchat", name } }),

  conversations: (filter: ListFilter) =>
    call(ConversationList, `/api/v1/conversations?${new URLSearchParams(filter.status ? { status: filter.status } : {})}`),
  conversation: (id: string) => call(ConversationDetail, `/api/v1/conversations/${encodeURIComponent(id)}`),
  history: (id: string, after: number) => call(History, `/api/v1/conversations/${encodeURIComponent(id)}/messages?after=${after}`),
  assign: (id: string, assigneeId: string | null) =>
    call(ConversationDetail, `/api/v1/conversations/${encodeURIComponent(id)}/assign`, { method: "POST", body: { assigneeId } }),
  setStatus: (id: string, body: z.input<typeof StatusBody>) =>
    call(ConversationDetail, `/api/v1/conversations/${encodeURIComponent(id)}/status`, { method: "POST", body }),
};

/** Same origin as the page; cookies ride along with the upgrade request. */
export function socketUrl(path: string, params: Record<string, string> = {}): string {
  const url = new URL(path, location.href);
  url.protocol = url.protocol === "https:" ? "wss:" : "ws:";
  url.search = new URLSearchParams(params).toString();
  return url.href;
}
