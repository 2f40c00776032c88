/**
 * @module The console's HTTP client: one function per API call the frame and the list
 * make (the conversation pane and the settings keep their own, built on `call`), each
 * response parsed with the protocol's zod schema, each failure an ApiError with the
 * server's code.
 * The session is the HttpOnly `sb_session` cookie; writes pass the server's CSRF check
 * because the browser sends `Origin` on every same-origin fetch POST. While the console
 * boots, GETs go through shell/boot-requests.ts (sent early, each path once).
 */
import { z } from "zod";
import {
  Agent,
  CannedResponse,
  ConversationDetail,
  ConversationList,
  ConversationType,
  ErrorBody,
  Inbox,
  Me,
  Ok,
  SearchResults,
  SetupState,
  Tag,
  Team,
  InboxList,
  CannedResponseList,
  TagList,
  AgentList,
  TeamList,
  ConversationTypeList,
} from "../worker/protocol";
import type { ConversationListQuery } from "../worker/protocol";
import { bootFetch } from "./shell/boot-requests";

/** One of the server's complaints about a request body, e.g. `{ path: ["name"], … }`. */
export type ApiIssue = NonNullable<ErrorBody["error"]["issues"]>[number];

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** Per field, so a form can show each beside its input; empty when the server sent none. */
    readonly issues: readonly ApiIssue[] = [],
  ) {
    super(message);
  }
}

export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** Fired when any call finds the session gone, so the app can show the login form. */
export const SESSION_LOST_EVENT = "switchboard:session-lost";

export async function call<S extends z.ZodType>(schema: S, path: string, init: { method?: string; body?: unknown } = {}): Promise<z.output<S>> {
  const method = init.method ?? "GET";
  const send = () =>
    fetch(path, {
      method,
      credentials: "same-origin",
      headers: init.body === undefined ? {} : { "Content-Type": "application/json" },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
  const res = await (method === "GET" ? bootFetch(path, send) : send());
  const json: unknown = await res.json().catch(() => null);
  if (!res.ok) {
    const error = ErrorBody.safeParse(json);
    const { code, message, issues } = error.success ? error.data.error : { code: "http_error", message: `HTTP ${res.status}`, issues: [] };
    if (code === "unauthenticated") dispatchEvent(new Event(SESSION_LOST_EVENT));
    throw new ApiError(res.status, code, message, issues);
  }
  return schema.parse(json);
}

const conversationUrl = (id: string, rest = "") => `/api/v1/conversations/${encodeURIComponent(id)}${rest}`;

/** A query string of the parameters that are set; unset filters are left out, not sent empty. */
export function queryString(params: Record<string, string | number | undefined>): string {
  const defined = Object.entries(params).filter((e): e is [string, string | number] => e[1] !== undefined && e[1] !== "");
  return new URLSearchParams(defined.map(([k, v]) => [k, String(v)])).toString();
}

/** The list's query parameters, with the page size as the number the console sends. */
export type ListParams = Omit<ConversationListQuery, "limit"> & { limit?: number };

export const conversationsPath = (query: ListParams) => `/api/v1/conversations?${queryString(query)}`;

export const api = {
  setupState: () => call(SetupState, "/api/v1/setup"),
  /** `locale`: the language the owner sets up in; the seeded team is named in it. */
  setup: (body: { name: string; email: string; password: string; locale?: string }) =>
    call(z.object({ agent: Agent }), "/api/v1/setup", { method: "POST", body }),
  login: (body: { email: string; password: string }) => call(Me, "/api/v1/auth/login", { method: "POST", body }),
  logout: () => call(z.unknown(), "/api/v1/auth/logout", { method: "POST", body: {} }),
  me: () => call(Me, "/api/v1/me"),

  inboxes: () => call(InboxList, "/api/v1/inboxes"),
  createWebchatInbox: (name: string) => call(Inbox, "/api/v1/inboxes", { method: "POST", body: { kind: "webchat", name } }),

  agents: () => call(AgentList, "/api/v1/agents"),
  teams: () => call(TeamList, "/api/v1/teams"),
  tags: () => call(TagList, "/api/v1/tags"),
  types: () => call(ConversationTypeList, "/api/v1/conversation-types"),
  /** Shortcode matches first; an empty `q` lists them all. */
  canned: (q = "") => call(CannedResponseList, `/api/v1/canned-responses?${queryString({ q: q.trim() })}`),

  conversations: (query: ListParams) => call(ConversationList, conversationsPath(query)),
  conversation: (id: string) => call(ConversationDetail, conversationUrl(id)),
  star: (id: string, starred: boolean) => call(Ok, conversationUrl(id, "/star"), { method: "POST", body: { starred } }),

  search: (q: string, cursor?: string) => call(SearchResults, `/api/v1/search?${queryString({ q, cursor })}`),
};

/** Same origin as the page; cookies ride along with the upgrade request. */
export function socketUrl(path: string, params: Record<string, string> = {}): string {
  const url = new URL(path, location.href);
  url.protocol = url.protocol === "https:" ? "wss:" : "ws:";
  url.search = new URLSearchParams(params).toString();
  return url.href;
}
