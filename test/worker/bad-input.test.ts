/**
 * Bad input: for every route that reads a body, a query or a path id, malformed JSON,
 * wrong shapes and types, missing or unknown fields, oversize bodies and bad parameters
 * get a 4xx JSON error `{ error: { code, message, issues? } }` — never a 500 — and store
 * nothing. Bad socket frames get an `error` frame and store nothing either. The console's
 * routes have their own tables in bad-input-console.test.ts; the machinery both share is
 * in bad-input-kit.ts.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { MAX_ATTRIBUTE_VALUE_CHARS, MAX_BODY_CHARS, MAX_CONTACT_ATTRIBUTES, MAX_CSAT_COMMENT_CHARS, MAX_FRAME_BYTES, MAX_INBOX_PRIORITY, MAX_PAGE_TITLE_CHARS, MAX_PAGE_URL_CHARS, MIN_INBOX_PRIORITY } from "../../worker/protocol";
import { expectApiError } from "./assertions";
import { AGENT_PASSWORD, lastSeq, OWNER, owner, projected, visitor, webchatInbox } from "./fixtures";
import { bearer, call } from "./http-client";
import { type TestSocket, upgrade, widgetSocketPath } from "./socket-harness";
import { storedRows } from "./stored-rows";
import { casesFor, describeBodyRoutes, describeQueryRoutes, expectCase, huge, sendCase, storedState, type BodyRoute, type QueryRoute, type World } from "./bad-input-kit";

const future = () => Date.now() + 3_600_000;

/** The world here also names its inbox, for the inbox's own routes. */
interface InstallWorld extends World {
  inboxId: string;
  /** The seeded team, for its rename. */
  teamId: string;
}

const SETUP: BodyRoute = {
  name: "POST /api/v1/setup",
  path: () => "/api/v1/setup",
  as: () => ({}),
  valid: () => ({ ...OWNER }),
  wrongTypes: { name: 42, email: ["owner@example.com"], password: 1234567890123 },
  required: ["name", "email", "password"],
  badValues: [
    { label: "a blank name", set: { name: "   " } },
    { label: "an e-mail that is not one", set: { email: "owner-at-example.com" } },
    { label: "a password under 10 characters", set: { password: "short" } },
    { label: "a password over 256 characters", set: { password: huge(257) } },
    { label: "a locale the console does not speak", set: { locale: "fr" } },
  ],
};

const BODY_ROUTES: BodyRoute<InstallWorld>[] = [
  SETUP,
  {
    name: "POST /api/v1/auth/login",
    path: () => "/api/v1/auth/login",
    as: () => ({}),
    valid: () => ({ email: OWNER.email, password: OWNER.password }),
    wrongTypes: { email: 42, password: { value: OWNER.password } },
    required: ["email", "password"],
    badValues: [
      { label: "an e-mail that is not one", set: { email: "owner" } },
      { label: "an empty password", set: { password: "" } },
      { label: "a password over 256 characters", set: { password: huge(257) } },
    ],
  },
  {
    name: "POST /api/v1/agents",
    path: () => "/api/v1/agents",
    as: (w) => ({ client: w.boss }),
    valid: () => ({ name: "New Agent", email: `new-${crypto.randomUUID()}@example.com`, password: AGENT_PASSWORD, role: "agent" }),
    wrongTypes: { name: ["New", "Agent"], email: 7, password: true, role: 1 },
    required: ["name", "email", "password", "role"],
    badValues: [
      { label: "role owner", set: { role: "owner" } },
      { label: "an unknown role", set: { role: "superuser" } },
      { label: "an e-mail that is not one", set: { email: "new agent@example" } },
      { label: "a password under 10 characters", set: { password: "123" } },
      { label: "a name over 120 characters", set: { name: huge(121) } },
      { label: "an e-mail already taken", set: { email: OWNER.email }, status: 409, code: "conflict" },
    ],
  },
  {
    name: "POST /api/v1/inboxes",
    path: () => "/api/v1/inboxes",
    as: (w) => ({ client: w.boss }),
    valid: () => ({ kind: "webchat", name: "Bad input inbox" }),
    wrongTypes: { kind: 1, name: 5, priority: "high", settings: "blue", teamId: 9 },
    required: ["kind", "name"],
    badValues: [
      { label: "a channel kind that cannot be created here", set: { kind: "sms" } },
      { label: "priority 0", set: { priority: 0 } },
      { label: "priority 101", set: { priority: 101 } },
      { label: "a fractional priority", set: { priority: 2.5 } },
      { label: "a blank name", set: { name: " \t " } },
      { label: "a colour that is not #rrggbb", set: { settings: { color: "red" } } },
      { label: "a javascript: avatar URL", set: { settings: { avatarUrl: "javascript:alert(1)" } } },
      { label: "an unknown settings field", set: { settings: { script: "<script>" } } },
      { label: "an unknown team", set: { teamId: "no-such-team" }, status: 404, code: "team_not_found" },
    ],
  },
  {
    name: "POST /api/v1/conversations/{id}/messages",
    path: (w) => `/api/v1/conversations/${w.conversationId}/messages`,
    as: (w) => ({ client: w.boss }),
    valid: () => ({ body: "A reply" }),
    wrongTypes: { body: ["A reply"], clientId: 12, kind: true },
    required: ["body"],
    badValues: [
      { label: "an empty body", set: { body: "" } },
      { label: "a whitespace-only body", set: { body: " \n\t " } },
      { label: `a body over ${MAX_BODY_CHARS} characters`, set: { body: huge(MAX_BODY_CHARS + 1) } },
      { label: "an attachment kind (attachments are not sent as text)", set: { kind: "attachment" } },
      { label: "an unknown kind", set: { kind: "shout" } },
      { label: "a clientId with spaces", set: { clientId: "not allowed here" } },
      { label: "a clientId over 64 characters", set: { clientId: huge(65) } },
    ],
  },
  {
    name: "POST /api/v1/conversations/{id}/assign",
    path: (w) => `/api/v1/conversations/${w.conversationId}/assign`,
    as: (w) => ({ client: w.boss }),
    valid: () => ({ assigneeId: null }),
    wrongTypes: { assigneeId: 5, teamId: true },
    required: [],
    badValues: [
      { label: "an empty assigneeId", set: { assigneeId: "" } },
      { label: "an assigneeId over 64 characters", set: { assigneeId: huge(65) } },
      { label: "an unknown agent", set: { assigneeId: "no-such-agent" }, status: 404, code: "agent_not_found" },
      { label: "an unknown team", set: { teamId: "no-such-team" }, status: 404, code: "team_not_found" },
    ],
  },
  {
    name: "POST /api/v1/conversations/{id}/status",
    path: (w) => `/api/v1/conversations/${w.conversationId}/status`,
    as: (w) => ({ client: w.boss }),
    valid: () => ({ status: "snoozed", until: future() }),
    wrongTypes: { status: 1, until: "tomorrow" },
    required: ["status", "until"],
    badValues: [
      { label: "an unknown status", set: { status: "bogus" } },
      { label: "status bot (only automation sets it)", set: { status: "bot" } },
      { label: "a snooze until a past time", set: { until: Date.now() - 60_000 } },
      { label: "a negative snooze time", set: { until: -1 } },
      { label: "a fractional snooze time", set: { until: 1.5 } },
      { label: "a field of another status (unassign on snoozed)", set: { unassign: true }, unknownKey: true },
    ],
  },
  {
    name: "POST /api/v1/widget/sessions",
    path: () => "/api/v1/widget/sessions",
    as: () => ({}),
    valid: (w) => ({ inbox: w.publicKey, locale: "pt-BR", context: { page: { url: "https://shop.example/p", title: "Shop", referrer: "https://search.example/" }, timezone: "America/Sao_Paulo" } }),
    wrongTypes: { inbox: 5, token: { v: 1 }, locale: 1, context: "https://shop.example/p" },
    required: ["inbox"],
    badValues: [
      { label: "an empty inbox key", set: { inbox: "" } },
      { label: "a token over 2048 characters", set: { token: huge(2049) } },
      { label: "an unknown locale", set: { locale: "fr" } },
      { label: "a javascript: page URL", set: { context: { page: { url: "javascript:alert(1)" } } } },
      { label: `a page URL over ${MAX_PAGE_URL_CHARS} characters`, set: { context: { page: { url: `https://shop.example/${huge(MAX_PAGE_URL_CHARS)}` } } } },
      { label: "a data: referrer", set: { context: { page: { url: "https://shop.example/", referrer: "data:text/html,hi" } } } },
      { label: "an unknown time zone", set: { context: { timezone: "Mars/Olympus_Mons" } } },
      { label: "an unknown context field", set: { context: { ip: "1.2.3.4" } } },
      { label: "an unknown inbox key", set: { inbox: "pk_nope" }, status: 404, code: "inbox_not_found" },
    ],
  },
  {
    name: "POST /api/v1/widget/messages",
    path: () => "/api/v1/widget/messages",
    as: (w) => ({ headers: bearer(w.token) }),
    valid: () => ({ body: "Hello?", clientId: "bad-input-1" }),
    wrongTypes: { body: 5, clientId: ["c1"] },
    required: ["body", "clientId"],
    badValues: [
      { label: "a whitespace-only body", set: { body: "   " } },
      { label: `a body over ${MAX_BODY_CHARS} characters`, set: { body: huge(MAX_BODY_CHARS + 1) } },
      { label: "a clientId with spaces", set: { clientId: "c 1" } },
      { label: "a clientId over 64 characters", set: { clientId: huge(65) } },
      { label: "a private-note kind (visitors cannot send one)", set: { kind: "note" }, unknownKey: true },
    ],
  },
  {
    name: "PATCH /api/v1/inboxes/{id}",
    method: "PATCH",
    path: (w) => `/api/v1/inboxes/${w.inboxId}`,
    as: (w) => ({ client: w.boss }),
    valid: () => ({ name: "Renamed inbox", priority: 50 }),
    wrongTypes: { name: 5, teamId: 7, priority: "high", settings: "dark" },
    required: [],
    badValues: [
      { label: "a blank name", set: { name: "  " } },
      { label: `a priority under ${MIN_INBOX_PRIORITY}`, set: { priority: MIN_INBOX_PRIORITY - 1 } },
      { label: `a priority over ${MAX_INBOX_PRIORITY}`, set: { priority: MAX_INBOX_PRIORITY + 1 } },
      { label: "a fractional priority", set: { priority: 1.5 } },
      { label: "a team id over 64 characters", set: { teamId: huge(65) } },
      { label: "an unknown team", set: { teamId: "no-such-team" }, status: 404, code: "team_not_found" },
      { label: "an expected reply time that is not offered", set: { settings: { expectedReplyTime: "weeks" } } },
      { label: "a pre-chat phone field that is not a boolean", set: { settings: { preChatForm: { enabled: true, requireEmail: false, askPhone: "yes" } } } },
    ],
  },
  {
    name: "PATCH /api/v1/me",
    method: "PATCH",
    path: () => "/api/v1/me",
    as: (w) => ({ client: w.boss }),
    valid: () => ({ name: "Olivia", avatarUrl: "https://images.example.com/o.png", language: "es", notifications: { sound: false } }),
    wrongTypes: { name: 5, avatarUrl: 7, language: true, notifications: "on" },
    required: [],
    badValues: [
      { label: "a blank name", set: { name: "   " } },
      { label: "a javascript: avatar URL", set: { avatarUrl: "javascript:alert(1)" } },
      { label: "a plain-http avatar URL", set: { avatarUrl: "http://images.example.com/o.png" } },
      { label: "an avatar URL over 2048 characters", set: { avatarUrl: `https://x.example/${huge(2048)}` } },
      { label: "a language the console does not speak", set: { language: "fr" } },
      { label: "an unknown notification preference", set: { notifications: { sound: true, popups: true } } },
      { label: "a role (not the agent's to change)", set: { role: "owner" }, unknownKey: true },
    ],
  },
  {
    name: "POST /api/v1/me/password",
    path: () => "/api/v1/me/password",
    as: (w) => ({ client: w.boss }),
    valid: () => ({ currentPassword: OWNER.password, newPassword: "a brand new passphrase" }),
    wrongTypes: { currentPassword: 5, newPassword: ["x"] },
    required: ["currentPassword", "newPassword"],
    badValues: [
      { label: "an empty current password", set: { currentPassword: "" } },
      { label: "a new password under 10 characters", set: { newPassword: "short" } },
      { label: "a new password over 256 characters", set: { newPassword: huge(257) } },
    ],
  },
  {
    name: "PATCH /api/v1/teams/{id}",
    method: "PATCH",
    path: (w) => `/api/v1/teams/${w.teamId}`,
    as: (w) => ({ client: w.boss }),
    valid: () => ({ name: "Support" }),
    wrongTypes: { name: 5 },
    required: ["name"],
    badValues: [
      { label: "a blank name", set: { name: "  " } },
      { label: "a name over 60 characters", set: { name: huge(61) } },
    ],
  },
  {
    name: "POST /api/v1/widget/identify",
    path: () => "/api/v1/widget/identify",
    as: (w) => ({ headers: bearer(w.token) }),
    valid: () => ({ id: "user-1", name: "Ana" }),
    wrongTypes: { id: 5, name: ["Ana"], hash: 1 },
    required: ["id"],
    badValues: [
      { label: "an empty id", set: { id: "" } },
      { label: "an id over 128 characters", set: { id: huge(129) } },
      { label: "a hash that is not 64 hex digits", set: { hash: "abc" } },
      { label: "an e-mail that is not one", set: { email: "ana-at-example" } },
    ],
  },
  {
    name: "PATCH /api/v1/widget/contact",
    method: "PATCH",
    path: () => "/api/v1/widget/contact",
    as: (w) => ({ headers: bearer(w.token) }),
    valid: () => ({ name: "Ana", attributes: { plan: "pro" } }),
    wrongTypes: { name: 5, attributes: "plan=pro" },
    required: [],
    badValues: [
      { label: "an e-mail that is not one", set: { email: "ana-at-example" } },
      { label: `more than ${MAX_CONTACT_ATTRIBUTES} attributes`, set: { attributes: Object.fromEntries(Array.from({ length: MAX_CONTACT_ATTRIBUTES + 1 }, (_, i) => [`k${i}`, i])) } },
      { label: `an attribute value over ${MAX_ATTRIBUTE_VALUE_CHARS} characters`, set: { attributes: { plan: huge(MAX_ATTRIBUTE_VALUE_CHARS + 1) } } },
      { label: "an attribute value that is an object", set: { attributes: { plan: { tier: "pro" } } } },
      { label: "an empty attribute key", set: { attributes: { "": "pro" } } },
    ],
  },
  {
    name: "POST /api/v1/widget/page",
    path: () => "/api/v1/widget/page",
    as: (w) => ({ headers: bearer(w.token) }),
    valid: () => ({ url: "https://shop.example/checkout", title: "Checkout", referrer: "https://search.example/" }),
    wrongTypes: { url: 5, title: ["Checkout"], referrer: true },
    required: ["url"],
    badValues: [
      { label: "a relative URL", set: { url: "/checkout" } },
      { label: "a javascript: URL", set: { url: "javascript:alert(1)" } },
      { label: "a file: URL", set: { url: "file:///etc/passwd" } },
      { label: `a URL over ${MAX_PAGE_URL_CHARS} characters`, set: { url: `https://shop.example/${huge(MAX_PAGE_URL_CHARS)}` } },
      { label: `a title over ${MAX_PAGE_TITLE_CHARS} characters`, set: { title: huge(MAX_PAGE_TITLE_CHARS + 1) } },
      { label: "a javascript: referrer", set: { referrer: "javascript:alert(1)" } },
    ],
  },
  {
    name: "POST /api/v1/widget/csat",
    path: () => "/api/v1/widget/csat",
    as: (w) => ({ headers: bearer(w.token) }),
    valid: () => ({ rating: 5, comment: "Great" }),
    wrongTypes: { rating: "5", comment: 3 },
    required: ["rating"],
    badValues: [
      { label: "a rating of 0", set: { rating: 0 } },
      { label: "a rating of 6", set: { rating: 6 } },
      { label: "a fractional rating", set: { rating: 4.5 } },
      { label: `a comment over ${MAX_CSAT_COMMENT_CHARS} characters`, set: { comment: huge(MAX_CSAT_COMMENT_CHARS + 1) } },
    ],
  },
];

const PAGE_QUERY_CASES: QueryRoute["cases"] = [
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

const QUERY_ROUTES: QueryRoute[] = [
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
];

/** Every route with a conversation id in its path. */
const CONVERSATION_ROUTES: Array<{ name: string; method: "GET" | "POST"; suffix: string; json?: unknown; socket?: boolean }> = [
  { name: "GET /api/v1/conversations/{id}", method: "GET", suffix: "" },
  { name: "GET /api/v1/conversations/{id}/messages", method: "GET", suffix: "/messages" },
  { name: "POST /api/v1/conversations/{id}/messages", method: "POST", suffix: "/messages", json: { body: "Hello" } },
  { name: "POST /api/v1/conversations/{id}/assign", method: "POST", suffix: "/assign", json: { assigneeId: null } },
  { name: "POST /api/v1/conversations/{id}/status", method: "POST", suffix: "/status", json: { status: "resolved" } },
  { name: "GET /api/v1/conversations/{id}/ws", method: "GET", suffix: "/ws", socket: true },
];

// --- before the owner exists ---------------------------------------------------------

describe("POST /api/v1/setup before the owner exists", () => {
  // No owner yet, so these run against the one state where a setup could write.
  const world = { boss: {}, conversationId: "", token: "", publicKey: "", contactId: "", inboxId: "", teamId: "" } satisfies InstallWorld;
  let rowsBefore: Record<string, number>;

  beforeAll(async () => {
    expect(await call("/api/v1/setup")).toMatchObject({ status: 200, body: { needsSetup: true } });
    rowsBefore = await storedRows();
  });

  it.each(casesFor(SETUP).map((c) => [c.label, c.status, c.code, c] as const))("answers %s with %i %s", async (_, _status, _code, c) => {
    expectCase(await sendCase(world, "/api/v1/setup", c, {}), c);
  });

  it("has created no owner, team or session after all of them", async () => {
    expect(await call("/api/v1/setup")).toMatchObject({ status: 200, body: { needsSetup: true } });
    expect(await storedRows()).toEqual(rowsBefore);
  });
});

// --- with an owner, an inbox and a visitor's conversation ----------------------------

describe("with a working installation", () => {
  const w = {} as InstallWorld;

  beforeAll(async () => {
    w.boss = await owner();
    const inbox = await webchatInbox(w.boss);
    const v = await visitor(inbox.publicKey);
    Object.assign(w, { conversationId: v.conversationId, token: v.token, publicKey: inbox.publicKey, contactId: v.contactId, inboxId: inbox.id, teamId: (await call("/api/v1/teams", { client: w.boss })).body.teams[0].id });
    const first = await call("/api/v1/widget/messages", { method: "POST", json: { body: "First message", clientId: "first" }, headers: bearer(v.token) });
    expect(first.status).toBe(201);
    // "Stored nothing" compares D1 before and after: the world's own message must be in it first.
    await projected(v.conversationId, 1);
  });

  describeBodyRoutes(w, BODY_ROUTES.filter((r) => r !== SETUP));
  describeQueryRoutes(w, QUERY_ROUTES);

  describe.each(CONVERSATION_ROUTES.map((r) => [r.name, r] as const))("%s", (_, route) => {
    const request = (id: string) => {
      const path = `/api/v1/conversations/${id}${route.suffix}`;
      return route.socket ? upgrade(path, { client: w.boss }) : call(path, { method: route.method, json: route.json, client: { ...w.boss } });
    };

    it("answers an id over 64 characters with 400 validation_failed at id", async () => {
      const before = await storedState(w);
      const res = await request(huge(65));
      expectApiError(res, 400, "validation_failed");
      expect(res.body.error.issues[0].path).toEqual(["id"]);
      expect(await storedState(w)).toEqual(before);
    });

    it("answers an unknown conversation id with 404 conversation_not_found", async () => {
      const before = await storedState(w);
      expectApiError(await request(crypto.randomUUID()), 404, "conversation_not_found");
      expectApiError(await request("..%2F..%2Fagents"), 404, "conversation_not_found");
      expect(await storedState(w)).toEqual(before);
    });
  });

  describe("unknown routes", () => {
    it.each([
      ["GET", "/api/v1/nope"],
      ["POST", "/api/v1/nope"],
      ["GET", "/api/v2/conversations"],
      ["GET", "/api/nope"],
    ])("answers %s %s with 404 not_found JSON", async (method, path) => {
      const before = await storedState(w);
      const res = await call(path, { method, client: { ...w.boss }, json: method === "GET" ? undefined : {} });
      expectApiError(res, 404, "not_found");
      expect(await storedState(w)).toEqual(before);
    });

    it.each([
      ["DELETE", "/api/v1/agents", "GET, HEAD, OPTIONS, POST"],
      ["PUT", "/api/v1/inboxes", "GET, HEAD, OPTIONS, POST"],
      ["POST", "/api/v1/me", "GET, HEAD, OPTIONS"],
    ])("answers %s %s (a path with other methods) with 405 method_not_allowed and Allow", async (method, path, allow) => {
      const before = await storedState(w);
      const res = await call(path, { method, client: { ...w.boss }, json: {} });
      expectApiError(res, 405, "method_not_allowed");
      expect(res.headers.get("Allow")).toBe(allow);
      expect(await storedState(w)).toEqual(before);
    });
  });

  describe.each([
    ["the visitor's socket", async (world: World) => upgrade(await widgetSocketPath(world.token, 0))],
    ["the agent's socket", (world: World) => upgrade(`/api/v1/conversations/${world.conversationId}/ws?after=0`, { client: world.boss })],
  ] as const)("bad frames on %s", (_, open) => {
    let ws: TestSocket;

    beforeAll(async () => {
      ws = (await open(w)).socket!;
      await ws.until((frames) => frames.some((x) => x.type === "hello"));
      return () => ws.close();
    });

    const FRAMES: Array<[label: string, frame: string | ArrayBuffer, code: string]> = [
      ["text that is not JSON", "hello there", "malformed_json"],
      ["a JSON array", "[1, 2]", "validation_failed"],
      ["JSON null", "null", "validation_failed"],
      ["an unknown frame type", JSON.stringify({ type: "shout", body: "hi" }), "validation_failed"],
      ["a frame without a type", JSON.stringify({ clientId: "c1", body: "hi" }), "validation_failed"],
      ["a send without clientId", JSON.stringify({ type: "send", body: "hi" }), "validation_failed"],
      ["a send with a clientId containing spaces", JSON.stringify({ type: "send", clientId: "c 1", body: "hi" }), "validation_failed"],
      ["a send with a number for body", JSON.stringify({ type: "send", clientId: "c2", body: 5 }), "validation_failed"],
      ["a send with a whitespace-only body", JSON.stringify({ type: "send", clientId: "c3", body: "   " }), "validation_failed"],
      [`a send over ${MAX_BODY_CHARS} characters`, JSON.stringify({ type: "send", clientId: "c4", body: huge(MAX_BODY_CHARS + 1) }), "validation_failed"],
      [`a frame over ${MAX_FRAME_BYTES} bytes`, JSON.stringify({ type: "send", clientId: "c5", body: huge(MAX_FRAME_BYTES) }), "bad_frame"],
      ["a binary frame", new TextEncoder().encode(JSON.stringify({ type: "send", clientId: "c6", body: "hi" })).buffer as ArrayBuffer, "bad_frame"],
      ["a typing frame with a string for on", JSON.stringify({ type: "typing", on: "yes" }), "validation_failed"],
      ["a read frame with a negative seq", JSON.stringify({ type: "read", seq: -1 }), "validation_failed"],
    ];

    it.each(FRAMES)("answers %s with an error frame and stores nothing", async (_, frame, code) => {
      const seqBefore = await lastSeq(w.boss, w.conversationId);
      const errorsBefore = ws.frames.filter((x) => x.type === "error").length;
      ws.ws.send(frame);
      await ws.until((frames) => frames.filter((x) => x.type === "error").length > errorsBefore);
      const error = ws.frames.filter((x) => x.type === "error").at(-1)!;
      expect(error).toMatchObject({ type: "error", code });
      expect(ws.acks()).toEqual([]);
      expect(await lastSeq(w.boss, w.conversationId)).toBe(seqBefore);
    });

    it("still accepts a good frame afterwards: bad frames do not break the socket", async () => {
      const clientId = `good-${crypto.randomUUID()}`;
      ws.send({ type: "send", clientId, body: "Still here" });
      await ws.until((frames) => frames.some((x) => x.type === "ack" && x.clientId === clientId));
      expect(ws.closed).toBe(false);
    });
  });
});
