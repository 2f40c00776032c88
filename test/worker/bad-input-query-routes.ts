/**
 * The bad-input rows of the routes that read a query (and, on sockets, refuse before
 * upgrading) or a conversation id in the path, for bad-input.test.ts.
 */
import { huge, type QueryRoute } from "./bad-input-kit";
import { bearer } from "./http-client";

export const PAGE_QUERY_CASES: QueryRoute["cases"] = [
  { query: "after=-1", issueAt: ["after"] },
  { query: "after=abc", issueAt: ["after"] },
  { query: "after=1.5", issueAt: ["after"] },
  { query: "after=1e400", issueAt: ["after"] },
  { query: "after=1&after=2", issueAt: ["after"] },
  { query: "limit=0", issueAt: ["limit"] },
  { query: "limit=abc", issueAt: ["limit"] },
  { query: "limit=201", issueAt: ["limit"] },
  { query: "limit=", issueAt: ["limit"] },
  { query: "before=3", issueAt: [] },
];

export const QUERY_ROUTES: QueryRoute[] = [
  {
    name: "GET /api/v1/conversations",
    path: (_, q) => `/api/v1/conversations?${q}`,
    as: (w) => ({ client: w.boss }),
    cases: [
      { query: "limit=0", issueAt: ["limit"] },
      { query: "limit=abc", issueAt: ["limit"] },
      { query: "limit=201", issueAt: ["limit"] },
      { query: "limit=2.5", issueAt: ["limit"] },
      { query: "limit=10&limit=20", issueAt: ["limit"] },
      { query: "status=bogus", issueAt: ["status"] },
      { query: "status=", issueAt: ["status"] },
      { query: "inbox=", issueAt: ["inbox"] },
      { query: `team=${huge(65)}`, issueAt: ["team"] },
      { query: `assignee=${huge(65)}`, issueAt: ["assignee"] },
      { query: "cursor=not-a-cursor", issueAt: ["cursor"] },
      { query: `cursor=${btoa('{"lastActivityAt":1}')}`, issueAt: ["cursor"] },
      { query: `cursor=${btoa("[1]")}`, issueAt: ["cursor"] },
      { query: `cursor=${btoa('["1","x"]')}`, issueAt: ["cursor"] },
      { query: `cursor=${huge(201)}`, issueAt: ["cursor"] },
      { query: "page=2", issueAt: [] },
    ],
  },
  {
    name: "GET /api/v1/conversations/{id}/messages",
    path: (w, q) => `/api/v1/conversations/${w.conversationId}/messages?${q}`,
    as: (w) => ({ client: w.boss }),
    cases: PAGE_QUERY_CASES,
  },
  {
    name: "GET /api/v1/widget/config",
    path: (_, q) => `/api/v1/widget/config?${q}`,
    as: () => ({}),
    cases: [
      { query: "", issueAt: ["inbox"] },
      { query: "inbox=", issueAt: ["inbox"] },
      { query: `inbox=${huge(65)}`, issueAt: ["inbox"] },
      { query: "inbox=pk_nope", status: 404, code: "inbox_not_found" },
    ],
  },
  {
    name: "GET /api/v1/widget/messages",
    path: (_, q) => `/api/v1/widget/messages?${q}`,
    as: (w) => ({ headers: bearer(w.token) }),
    cases: PAGE_QUERY_CASES,
  },
  {
    name: "GET /api/v1/conversations/{id}/ws",
    path: (w, q) => `/api/v1/conversations/${w.conversationId}/ws?${q}`,
    as: (w) => ({ client: w.boss }),
    socket: true,
    cases: [
      { query: "after=-1", issueAt: ["after"] },
      { query: "after=abc", issueAt: ["after"] },
      { query: "after=0.5", issueAt: ["after"] },
    ],
  },
  {
    name: "GET /api/v1/widget/ws",
    // The query is validated before the ticket is read, so any ticket shows `after`'s issue.
    path: (_, q) => `/api/v1/widget/ws?${q}`,
    as: () => ({}),
    socket: true,
    cases: [
      { query: "after=0", issueAt: ["ticket"] },
      { query: "ticket=&after=0", issueAt: ["ticket"] },
      { query: `ticket=${huge(513)}`, issueAt: ["ticket"] },
      { query: "ticket=some-ticket&after=-1", issueAt: ["after"] },
      { query: "ticket=some-ticket&after=abc", issueAt: ["after"] },
    ],
  },
  {
    name: "GET /api/v1/queue/ws",
    path: (_, q) => `/api/v1/queue/ws?${q}`,
    as: (w) => ({ client: w.boss }),
    socket: true,
    cases: [
      { query: "team=", issueAt: ["team"] },
      { query: `team=${huge(65)}`, issueAt: ["team"] },
      { query: "team=no-such-team", status: 404, code: "team_not_found" },
    ],
  },
  {
    name: "GET /api/v1/agents/status",
    path: (_, q) => `/api/v1/agents/status?${q}`,
    as: (w) => ({ client: w.boss }),
    cases: [
      { query: "team=", issueAt: ["team"] },
      { query: `team=${huge(65)}`, issueAt: ["team"] },
      { query: "team=no-such-team", status: 404, code: "team_not_found" },
    ],
  },
];

/** Every route with a conversation id in its path. */
export const CONVERSATION_ROUTES: Array<{ name: string; method: "GET" | "POST" | "PUT" | "DELETE"; suffix: string; json?: unknown; socket?: boolean }> = [
  { name: "GET /api/v1/conversations/{id}", method: "GET", suffix: "" },
  { name: "GET /api/v1/conversations/{id}/messages", method: "GET", suffix: "/messages" },
  { name: "POST /api/v1/conversations/{id}/messages", method: "POST", suffix: "/messages", json: { body: "Hello" } },
  { name: "POST /api/v1/conversations/{id}/assign", method: "POST", suffix: "/assign", json: { assigneeId: null } },
  { name: "POST /api/v1/conversations/{id}/status", method: "POST", suffix: "/status", json: { status: "resolved" } },
  { name: "GET /api/v1/conversations/{id}/ws", method: "GET", suffix: "/ws", socket: true },
  { name: "PUT /api/v1/conversations/{id}/callback", method: "PUT", suffix: "/callback", json: { at: Date.now() + 86_400_000 } },
  { name: "DELETE /api/v1/conversations/{id}/callback", method: "DELETE", suffix: "/callback" },
];
