/**
 * The route table behind the authorization suites (authorization*.test.ts): every
 * operation under /api with the least access it needs, the real records its requests
 * point at, and how to send one as a given caller. authorization.test.ts checks it
 * against the OpenAPI document.
 */
import { expect } from "vitest";
import { AGENT_PASSWORD, clientAddress, lastSeq, login, OWNER } from "./fixtures";
import { bearer, call, type Client } from "./http-client";
import { upgrade } from "./socket-harness";
import { storedRows } from "./stored-rows";
import type { WebhookSigning } from "./webhook-signatures";
import { META_WEBHOOK_ROUTES } from "./route-table-meta";
import { TWILIO_WEBHOOK_ROUTES } from "./route-table-twilio";
import { OUTBOUND_ROUTES } from "./route-table-outbound";
import { CONSENT_ROUTES } from "./route-table-consent";
import { HC_ROUTES, type HcFixture } from "./route-table-helpcenter";
import { WHATSAPP_HANDSHAKE_QUERY, WHATSAPP_SIGNING } from "./channels/whatsapp-webhook-signing";
import { TELEGRAM_SIGNING } from "./channels/telegram-webhook-signing";
import { defaultMenuBot, type TokenScope } from "../../worker/protocol";

/**
 * The least a caller needs:
 * - "public": nothing;
 * - "visitor": a widget's visitor token;
 * - "customer": a customer portal session (the `sb_portal` cookie; never an agent's);
 * - "agent" / "admin" / "owner": the session of an agent with at least that role;
 * - "signed-webhook": a provider calling us (a channel's inbound webhook): no session and
 *   no token count, only a valid signature by the provider, made with the secret the inbox
 *   shares with it. Such a row says in `webhook` how its provider signs; the authorization
 *   suite then checks that unsigned and badly signed deliveries, and a session or visitor
 *   token in place of a signature, get 401/403 (never a 5xx) and store nothing, and that a
 *   properly signed one is accepted (webhook-signatures.ts); webhook-signatures.test.ts
 *   shows the check catches broken verifiers, against a test-only app.
 */
export type Access = "public" | "visitor" | "customer" | "agent" | "admin" | "owner" | "signed-webhook";

/** The access levels a console session (or a token) meets: the signed-in routes. */
export const SESSION_ACCESS: readonly Access[] = ["agent", "admin", "owner"];
export const isSignedIn = (r: Pick<Route, "access">) => SESSION_ACCESS.includes(r.access);

/** The real records the routes' requests point at. */
export interface Fixture {
  conversationId: string;
  /** The web chat inbox the conversation is in. */
  inboxId: string;
  publicKey: string;
  visitorToken: string;
  /** The seq of the visitor's first message in the conversation. */
  messageSeq: number;
  contactId: string;
  tagId: string;
  typeId: string;
  cannedId: string;
  /** A Messenger inbox with credentials (route-table-meta.ts). */
  metaInboxId: string;
  /** A WhatsApp inbox with the WhatsApp kit's credentials and phone number id
   * (test/worker/channels/whatsapp-kit.ts), for its webhook's rows. */
  whatsappInboxId: string;
  /** A Twilio (sms) inbox with the Twilio kit's account (route-table-twilio.ts). */
  twilioInboxId: string;
  /** A Telegram inbox with the Telegram kit's credentials (test/worker/channels/telegram-kit.ts). */
  telegramInboxId: string;
  /** The portal session of the visitor's contact (the customer of `conversationId`), as
   * a Cookie header value; the portal's requests land in `inboxId`. */
  portalCookie: string;
  /** A help center portal with a category, a folder and a published article (route-table-helpcenter.ts). */
  hc: HcFixture;
}

export type PathParams = Record<string, string | number>;

export interface Route {
  method: "GET" | "POST" | "PATCH" | "PUT" | "DELETE";
  /** As the OpenAPI document spells it. */
  path: string;
  /** What fills the path's `{…}` (default: `{id}` is the fixture's conversation). */
  params?: (f: Fixture) => PathParams;
  /** For a success that consumes its target (a delete): a fresh one per request, made by
   * the owner. Refused requests keep using `params`, so they can be shown to change nothing. */
  fresh?: () => Promise<PathParams>;
  /** A query string the request needs (from the fixture, when it names a record). */
  query?: string | ((f: Fixture) => string);
  /** The least a caller needs (see `Access`). */
  access: Access;
  /** On "agent", "admin" and "owner" rows (and only there): the scope an API token needs to call
   * the route, or "none" when no token may (authorization-tokens.test.ts checks both ways). */
  token?: TokenScope | "none";
  /** A WebSocket upgrade: success is 101. */
  socket?: boolean;
  /** The JSON body of a request that succeeds for a caller with enough rights. */
  body?: (f: Fixture) => unknown;
  /** The success status of that request (absent where success needs a fresh database). */
  ok?: number;
  /** For access "signed-webhook" (and only then): how the provider signs its deliveries. */
  webhook?: WebhookSigning<Fixture>;
}

export const unique = () => crypto.randomUUID().slice(0, 8);

/** An automation rule's smallest valid body: on each customer message, resolve. */
const automationRule = () => ({ name: `rt-${unique()}`, trigger: { type: "customer_message" }, actions: [{ type: "resolve" }] });
const freshAutomationRule = async () => ({ id: (await created("/api/v1/automation-rules", automationRule())).id });

const freshRule = async () => ({ id: (await created("/api/v1/priority-rules", { kind: "attribute", key: "route-table", value: unique(), priority: 5 })).id });

/** Outbound webhook endpoints (at most 20): one shared by the routes that do not consume
 * theirs, a new one for each delete. The receiver's origin is made up, and the event is
 * one these tests never cause, so no outbox tries to reach it. */
const WEBHOOK_BODY = () => ({ url: `https://route-table.hooks.test/${unique()}`, events: ["csat.received"] });
let sharedWebhook: Promise<{ id: string }> | null = null;
const webhookEndpoint = async () => ({ id: (await (sharedWebhook ??= created("/api/v1/webhooks", WEBHOOK_BODY()).then((r: any) => r.endpoint))).id });
const freshWebhook = async () => ({ id: ((await created("/api/v1/webhooks", WEBHOOK_BODY())) as any).endpoint.id });

/** A new web chat visitor's contact, for a route that erases its target. */
const freshContact = async () => {
  const inbox = (await created("/api/v1/inboxes", { kind: "webchat", name: `Route table ${unique()}` })) as unknown as { publicKey: string };
  const session = await call("/api/v1/widget/sessions", { method: "POST", json: { inbox: inbox.publicKey }, headers: { "CF-Connecting-IP": clientAddress() } });
  return { id: session.body.contactId as string };
};
/** A report period of one hour (the rollups' grain), and a custom report's smallest body. */
const REPORT_PERIOD = "from=0&to=3600000";
const SAVED_REPORT_BODY = () => ({ name: `rt-${unique()}`, definition: { metrics: ["reply"], view: "series", period: { preset: "last_7_days" } } });

export const ROUTES: Route[] = [
  { method: "GET", path: "/api/health", access: "public", ok: 200 },
  { method: "GET", path: "/api/v1/openapi.json", access: "public", ok: 200 },
  { method: "GET", path: "/api/v1/setup", access: "public", ok: 200 },
  { method: "POST", path: "/api/v1/setup", access: "public" },
  { method: "POST", path: "/api/v1/auth/login", access: "public", body: () => ({ email: OWNER.email, password: OWNER.password }), ok: 200 },
  { method: "POST", path: "/api/v1/auth/logout", access: "public", ok: 200 },
  { method: "GET", path: "/api/v1/demo", access: "public", ok: 200 },
  // Meta's subscription handshake: its verify token is the credential (whatsapp-webhook-refusals.test.ts).
  { method: "GET", path: "/webhooks/whatsapp/{inbox}", access: "public", params: (f) => ({ inbox: f.whatsappInboxId }), query: WHATSAPP_HANDSHAKE_QUERY, ok: 200 },
  { method: "POST", path: "/webhooks/whatsapp/{inbox}", access: "signed-webhook", params: (f) => ({ inbox: f.whatsappInboxId }), webhook: WHATSAPP_SIGNING },
  // Telegram has no handshake: the GET answers 404 whatever the caller (telegram-webhook-*.test.ts).
  { method: "GET", path: "/webhooks/telegram/{inbox}", access: "public", params: (f) => ({ inbox: f.telegramInboxId }) },
  { method: "POST", path: "/webhooks/telegram/{inbox}", access: "signed-webhook", params: (f) => ({ inbox: f.telegramInboxId }), webhook: TELEGRAM_SIGNING },
  { method: "POST", path: "/api/v1/widget/sessions", access: "public", body: (f) => ({ inbox: f.publicKey }), ok: 200 },
  // Needs ?inbox= (covered in webchat.test.ts).
  { method: "GET", path: "/api/v1/widget/config", access: "public" },
  // Public: the invite's token is the credential; success needs a live invite (agent-invites.test.ts).
  { method: "POST", path: "/api/v1/invites/{token}/accept", access: "public", params: () => ({ token: "n".repeat(43) }), body: () => ({ name: "Route Table", password: AGENT_PASSWORD }) },

  { method: "GET", path: "/api/v1/widget/messages", access: "visitor", ok: 200 },
  { method: "POST", path: "/api/v1/widget/messages", access: "visitor", body: () => ({ body: "Hello from the route table", clientId: `rt-${unique()}` }), ok: 201 },
  { method: "POST", path: "/api/v1/widget/socket-tickets", access: "visitor", ok: 200 },
  { method: "GET", path: "/api/v1/widget/ws", access: "visitor", socket: true, ok: 101 },
  { method: "POST", path: "/api/v1/widget/identify", access: "visitor", body: () => ({ id: `rt-user-${unique()}`, name: "Route Table" }), ok: 200 },
  { method: "PATCH", path: "/api/v1/widget/contact", access: "visitor", body: () => ({ name: "Route Table" }), ok: 200 },
  { method: "POST", path: "/api/v1/widget/handoff", access: "visitor", ok: 200 },
  { method: "POST", path: "/api/v1/widget/page", access: "visitor", body: () => ({ url: "https://shop.example/route-table" }), ok: 200 },
  // Success needs a resolved conversation, a file body, a stored file (webchat.test.ts).
  { method: "POST", path: "/api/v1/widget/csat", access: "visitor", body: () => ({ rating: 5 }) },
  { method: "POST", path: "/api/v1/widget/uploads", access: "visitor" },
  // Success needs a stored file (widget-files.test.ts).
  { method: "GET", path: "/api/v1/widget/files/{id}/link", access: "visitor" },
  // Public: a signed link is the credential (widget-files.test.ts).
  { method: "GET", path: "/api/v1/widget/files/{id}", access: "public" },

  // The customer portal (issue 17): signing in is public (the mailed link's token, or the
  // password, is the credential); everything else takes a portal session.
  { method: "POST", path: "/api/v1/portal/sign-in/link", access: "public", body: () => ({ email: `rt-${unique()}@example.net` }), ok: 202 },
  { method: "POST", path: "/api/v1/portal/sign-in/redeem", access: "public", body: () => ({ token: "A".repeat(43) }) },
  { method: "POST", path: "/api/v1/portal/sign-in/password", access: "public", body: () => ({ email: `rt-${unique()}@example.net`, password: "not the password" }) },
  { method: "POST", path: "/api/v1/portal/sign-out", access: "public", ok: 200 },
  { method: "GET", path: "/api/v1/portal/me", access: "customer", ok: 200 },
  { method: "PUT", path: "/api/v1/portal/password", access: "customer", body: () => ({ password: AGENT_PASSWORD }), ok: 200 },
  { method: "GET", path: "/api/v1/portal/conversations", access: "customer", ok: 200 },
  { method: "GET", path: "/api/v1/portal/conversations/{id}", access: "customer", ok: 200 },
  { method: "POST", path: "/api/v1/portal/conversations/{id}/messages", access: "customer", body: () => ({ body: "From the portal's route table", clientId: `rt-${unique()}` }), ok: 201 },
  { method: "POST", path: "/api/v1/portal/conversations/{id}/uploads", access: "customer" },
  { method: "GET", path: "/api/v1/portal/conversations/{id}/files/{fileId}", access: "customer", params: (f) => ({ id: f.conversationId, fileId: "no-such-file" }) },
  { method: "POST", path: "/api/v1/portal/requests", access: "customer", body: () => ({ subject: "Route table", description: "A request from the route table", clientId: `rt-${unique()}` }), ok: 201 },

  { method: "GET", path: "/api/v1/me", access: "agent", token: "none", ok: 200 },
  { method: "PATCH", path: "/api/v1/me", access: "agent", token: "none", body: () => ({ language: "en" }), ok: 200 },
  // Success needs the caller's own current password (profile.test.ts).
  { method: "POST", path: "/api/v1/me/password", access: "agent", token: "none", body: () => ({ currentPassword: "not the password", newPassword: "a brand new passphrase" }) },
  { method: "GET", path: "/api/v1/agents", access: "agent", token: "conversations:read", ok: 200 },
  { method: "GET", path: "/api/v1/teams", access: "agent", token: "conversations:read", ok: 200 },
  { method: "GET", path: "/api/v1/inboxes", access: "agent", token: "conversations:read", ok: 200 },
  // Web chat has no templates: an empty list.
  { method: "GET", path: "/api/v1/inboxes/{id}/templates", access: "agent", token: "conversations:read", params: (f) => ({ id: f.inboxId }), ok: 200 },
  { method: "GET", path: "/api/v1/conversations", access: "agent", token: "conversations:read", ok: 200 },
  { method: "GET", path: "/api/v1/conversations/{id}", access: "agent", token: "conversations:read", ok: 200 },
  { method: "GET", path: "/api/v1/conversations/{id}/messages", access: "agent", token: "conversations:read", ok: 200 },
  { method: "POST", path: "/api/v1/conversations/{id}/messages", access: "agent", token: "messages:write", body: () => ({ body: "A reply from the route table" }), ok: 201 },
  { method: "POST", path: "/api/v1/conversations/{id}/assign", access: "agent", token: "status:write", body: () => ({ assigneeId: null }), ok: 200 },
  { method: "POST", path: "/api/v1/conversations/{id}/status", access: "agent", token: "status:write", body: () => ({ status: "open" }), ok: 200 },
  { method: "GET", path: "/api/v1/conversations/{id}/ws", access: "agent", token: "none", socket: true, ok: 101 },
  { method: "PUT", path: "/api/v1/conversations/{id}/callback", access: "agent", token: "status:write", body: () => ({ at: Date.now() + 86_400_000 }), ok: 200 },
  { method: "DELETE", path: "/api/v1/conversations/{id}/callback", access: "agent", token: "status:write", ok: 200 },
  { method: "GET", path: "/api/v1/queue/ws", access: "agent", token: "none", socket: true, ok: 101 },
  // Success needs a conversation waiting in the caller's team (queue-next.test.ts); the
  // route table's callers may have none waiting, which answers 404 queue_empty.
  { method: "POST", path: "/api/v1/queue/next", access: "agent", token: "none" },
  { method: "GET", path: "/api/v1/queue/stats", access: "agent", token: "none", ok: 200 },
  // Success needs a file body or a stored file (webchat.test.ts).
  { method: "POST", path: "/api/v1/conversations/{id}/uploads", access: "agent", token: "messages:write" },
  { method: "GET", path: "/api/v1/files/{id}", access: "agent", token: "conversations:read" },
  { method: "POST", path: "/api/v1/conversations/{id}/star", access: "agent", token: "none", body: () => ({ starred: true }), ok: 200 },
  { method: "POST", path: "/api/v1/conversations/{id}/read", access: "agent", token: "none", body: () => ({ seq: 1 }), ok: 200 },
  { method: "PUT", path: "/api/v1/conversations/{id}/tags", access: "agent", token: "status:write", body: (f) => ({ tagIds: [f.tagId] }), ok: 200 },
  { method: "PUT", path: "/api/v1/conversations/{id}/type", access: "agent", token: "status:write", body: (f) => ({ typeId: f.typeId }), ok: 200 },
  { method: "GET", path: "/api/v1/conversations/{id}/message-tags", access: "agent", token: "conversations:read", ok: 200 },
  {
    method: "PUT",
    path: "/api/v1/conversations/{id}/messages/{seq}/tags",
    access: "agent", token: "status:write",
    params: (f) => ({ id: f.conversationId, seq: f.messageSeq }),
    body: (f) => ({ tagIds: [f.tagId] }),
    ok: 200,
  },
  { method: "GET", path: "/api/v1/search", access: "agent", token: "conversations:read", query: "q=route+table", ok: 200 },
  { method: "GET", path: "/api/v1/tags", access: "agent", token: "conversations:read", ok: 200 },
  { method: "GET", path: "/api/v1/conversation-types", access: "agent", token: "conversations:read", ok: 200 },
  { method: "GET", path: "/api/v1/canned-responses", access: "agent", token: "conversations:read", query: "q=rt", ok: 200 },
  { method: "GET", path: "/api/v1/contacts/{id}", access: "agent", token: "contacts:manage", params: (f) => ({ id: f.contactId }), ok: 200 },
  { method: "PATCH", path: "/api/v1/contacts/{id}", access: "agent", token: "contacts:manage", params: (f) => ({ id: f.contactId }), body: () => ({ name: "Route Table" }), ok: 200 },
  // The contact's rights (issue 16): admins, or a token with `admin`; an erasure consumes its contact.
  { method: "GET", path: "/api/v1/contacts/{id}/export", access: "admin", token: "admin", params: (f) => ({ id: f.contactId }), ok: 200 },
  { method: "POST", path: "/api/v1/contacts/{id}/erase", access: "admin", token: "admin", params: (f) => ({ id: f.contactId }), fresh: freshContact, body: () => ({ confirm: "ERASE" }), ok: 200 },
  { method: "GET", path: "/api/v1/inboxes/{id}/retention", access: "admin", token: "admin", params: (f) => ({ id: f.inboxId }), ok: 200 },
  { method: "PUT", path: "/api/v1/inboxes/{id}/retention", access: "admin", token: "admin", params: (f) => ({ id: f.inboxId }), body: () => ({ retentionDays: null }), ok: 200 },

  {
    method: "POST",
    path: "/api/v1/agents",
    access: "admin", token: "none",
    body: () => ({ name: "Route Table Agent", email: `table-${unique()}@example.com`, password: AGENT_PASSWORD, role: "agent" }),
    ok: 201,
  },
  { method: "POST", path: "/api/v1/agents/invites", access: "admin", token: "none", body: () => ({ email: `invite-${unique()}@example.com`, role: "agent" }), ok: 201 },
  // API token administration: sessions only, a token cannot mint tokens (api-tokens.test.ts).
  { method: "GET", path: "/api/v1/tokens", access: "admin", token: "none", ok: 200 },
  { method: "POST", path: "/api/v1/tokens", access: "admin", token: "none", body: () => ({ name: `rt-${unique()}`, scopes: ["conversations:read"] }), ok: 201 },
  {
    method: "DELETE",
    path: "/api/v1/tokens/{id}",
    access: "admin",
    token: "none",
    fresh: async () => ({ id: ((await created("/api/v1/tokens", { name: `rt-${unique()}`, scopes: ["admin"] })) as unknown as { token: { id: string } }).token.id }),
    ok: 200,
  },
  { method: "GET", path: "/api/v1/agents/all", access: "admin", token: "none", ok: 200 },
  { method: "PUT", path: "/api/v1/me/status", access: "agent", token: "none", body: () => ({ status: "online" }), ok: 200 },
  { method: "GET", path: "/api/v1/me/status", access: "agent", token: "none", ok: 200 },
  { method: "GET", path: "/api/v1/agents/status", access: "agent", token: "none", ok: 200 },
  // Need an agent id where the table has a conversation id (agent-admin.test.ts).
  { method: "PATCH", path: "/api/v1/agents/{id}", access: "admin", token: "none", body: () => ({ role: "agent" }) },
  { method: "POST", path: "/api/v1/agents/{id}/deactivate", access: "admin", token: "none" },
  { method: "POST", path: "/api/v1/agents/{id}/reactivate", access: "admin", token: "none" },
  { method: "POST", path: "/api/v1/inboxes", access: "admin", token: "admin", body: () => ({ kind: "webchat", name: `Route table ${unique()}` }), ok: 201 },
  // Need an inbox id where the table has a conversation id (webchat.test.ts).
  { method: "PATCH", path: "/api/v1/inboxes/{id}", access: "admin", token: "admin", body: () => ({ name: "Renamed by the route table" }) },
  { method: "POST", path: "/api/v1/inboxes/{id}/identity-secret", access: "admin", token: "admin" },
  {
    method: "DELETE",
    path: "/api/v1/inboxes/{id}",
    access: "admin", token: "admin",
    params: (f) => ({ id: f.inboxId }),
    fresh: async () => ({ id: (await created("/api/v1/inboxes", { kind: "webchat", name: `Route table ${unique()}` })).id }),
    ok: 200,
  },
  // The menu bot (test/worker/bots): switched off, so the fixture's inbox still starts conversations open.
  { method: "GET", path: "/api/v1/inboxes/{id}/bot", access: "admin", token: "admin", params: (f) => ({ id: f.inboxId }), ok: 200 },
  { method: "PUT", path: "/api/v1/inboxes/{id}/bot", access: "admin", token: "admin", params: (f) => ({ id: f.inboxId }), body: () => ({ ...defaultMenuBot("en") }), ok: 200 },
  { method: "GET", path: "/api/v1/inboxes/{id}/agent-bot", access: "admin", token: "admin", params: (f) => ({ id: f.inboxId }), ok: 200 },
  // The world's inbox is web chat: the API channel's routes answer it 409 (not an API inbox).
  { method: "POST", path: "/api/v1/inboxes/{id}/messages", access: "agent", token: "messages:write", params: (f) => ({ id: f.inboxId }), body: () => ({ id: "m-1", contact: { externalId: "c-1" }, text: "oi" }) },
  { method: "POST", path: "/api/v1/inboxes/{id}/api-secret", access: "admin", token: "admin", params: (f) => ({ id: f.inboxId }) },
  { method: "PUT", path: "/api/v1/inboxes/{id}/agent-bot", access: "admin", token: "admin", params: (f) => ({ id: f.inboxId }), body: () => ({ enabled: false, name: "Bot", url: "https://bot.example.com/in", handoffWords: ["atendente"], handoffText: null }), ok: 200 },
  // A web chat inbox has no provider to call: 400 (inbox-channels.test.ts tests a WhatsApp one).
  { method: "POST", path: "/api/v1/inboxes/{id}/test-connection", access: "admin", token: "admin", params: (f) => ({ id: f.inboxId }) },
  // Needs a team id (profile.test.ts, teams.test.ts).
  { method: "PATCH", path: "/api/v1/teams/{id}", access: "admin", token: "admin", body: () => ({ name: `Team ${unique()}` }) },
  { method: "POST", path: "/api/v1/teams", access: "admin", token: "admin", body: () => ({ name: `Team ${unique()}` }), ok: 201 },
  // Needs a team id (teams.test.ts).
  { method: "GET", path: "/api/v1/teams/{id}", access: "admin", token: "admin" },
  {
    method: "DELETE",
    path: "/api/v1/teams/{id}",
    access: "admin", token: "admin",
    fresh: async () => ({ id: (await created("/api/v1/teams", { name: `Team ${unique()}` })).id }),
    ok: 200,
  },
  // Need a team and an agent (teams.test.ts).
  { method: "PUT", path: "/api/v1/teams/{id}/members/{agentId}", access: "admin", token: "admin", params: (f) => ({ id: f.conversationId, agentId: f.contactId }) },
  { method: "DELETE", path: "/api/v1/teams/{id}/members/{agentId}", access: "admin", token: "admin", params: (f) => ({ id: f.conversationId, agentId: f.contactId }) },
  // Routing rules (routing-rules-api.test.ts): creating, changing and reordering need a team and the current list.
  { method: "GET", path: "/api/v1/routing-rules", access: "admin", token: "admin", ok: 200 },
  { method: "POST", path: "/api/v1/routing-rules", access: "admin", token: "admin", body: () => ({ name: `rt-${unique()}`, teamId: "no-such-team" }) },
  { method: "PATCH", path: "/api/v1/routing-rules/{id}", access: "admin", token: "admin", body: () => ({ enabled: false }) },
  { method: "PUT", path: "/api/v1/routing-rules/order", access: "admin", token: "admin", body: () => ({ ids: ["no-such-rule"] }) },
  {
    method: "DELETE",
    path: "/api/v1/routing-rules/{id}",
    access: "admin", token: "admin",
    fresh: async () => ({ id: (await created("/api/v1/routing-rules", { name: `rt-${unique()}`, teamId: (await created("/api/v1/teams", { name: `Team ${unique()}` })).id })).id }),
    ok: 200,
  },
  { method: "POST", path: "/api/v1/tags", access: "admin", token: "admin", body: () => ({ name: `rt-${unique()}` }), ok: 201 },
  { method: "PATCH", path: "/api/v1/tags/{id}", access: "admin", token: "admin", params: (f) => ({ id: f.tagId }), body: () => ({ color: "#123456" }), ok: 200 },
  { method: "DELETE", path: "/api/v1/tags/{id}", access: "admin", token: "admin", params: (f) => ({ id: f.tagId }), fresh: async () => ({ id: (await created("/api/v1/tags", { name: `rt-${unique()}` })).id }), ok: 200 },
  { method: "POST", path: "/api/v1/conversation-types", access: "admin", token: "admin", body: () => ({ name: `rt-${unique()}` }), ok: 201 },
  { method: "PATCH", path: "/api/v1/conversation-types/{id}", access: "admin", token: "admin", params: (f) => ({ id: f.typeId }), body: () => ({ name: `rt-${unique()}` }), ok: 200 },
  {
    method: "DELETE",
    path: "/api/v1/conversation-types/{id}",
    access: "admin", token: "admin",
    params: (f) => ({ id: f.typeId }),
    fresh: async () => ({ id: (await created("/api/v1/conversation-types", { name: `rt-${unique()}` })).id }),
    ok: 200,
  },
  { method: "GET", path: "/api/v1/priority-rules", access: "admin", token: "admin", ok: 200 },
  { method: "POST", path: "/api/v1/priority-rules", access: "admin", token: "admin", body: () => ({ kind: "attribute", key: "route-table", value: unique(), priority: 10 }), ok: 201 },
  // A fresh rule for each success; refused callers point at the fixture's tag id (no rule).
  { method: "PATCH", path: "/api/v1/priority-rules/{id}", access: "admin", token: "admin", params: (f) => ({ id: f.tagId }), fresh: freshRule, body: () => ({ priority: 20 }), ok: 200 },
  { method: "DELETE", path: "/api/v1/priority-rules/{id}", access: "admin", token: "admin", params: (f) => ({ id: f.tagId }), fresh: freshRule, ok: 200 },
  // Automation rules (automation-rules-api.test.ts); refused callers point at the fixture's tag id (no rule).
  { method: "GET", path: "/api/v1/automation-rules", access: "admin", token: "admin", ok: 200 },
  { method: "POST", path: "/api/v1/automation-rules", access: "admin", token: "admin", body: automationRule, ok: 201 },
  { method: "PATCH", path: "/api/v1/automation-rules/{id}", access: "admin", token: "admin", params: (f) => ({ id: f.tagId }), fresh: freshAutomationRule, body: () => ({ enabled: false }), ok: 200 },
  { method: "DELETE", path: "/api/v1/automation-rules/{id}", access: "admin", token: "admin", params: (f) => ({ id: f.tagId }), fresh: freshAutomationRule, ok: 200 },
  { method: "PUT", path: "/api/v1/automation-rules/order", access: "admin", token: "admin", body: () => ({ ids: ["no-such-rule"] }) },
  // Reports (issue 18): any agent reads (their own figures: reports-history.test.ts), tokens with reports:read.
  { method: "GET", path: "/api/v1/reports/overview", access: "agent", token: "reports:read", query: REPORT_PERIOD, ok: 200 },
  { method: "GET", path: "/api/v1/reports/breakdown", access: "agent", token: "reports:read", query: `${REPORT_PERIOD}&groupBy=agent`, ok: 200 },
  { method: "GET", path: "/api/v1/reports/series", access: "agent", token: "reports:read", query: `${REPORT_PERIOD}&interval=hour`, ok: 200 },
  { method: "GET", path: "/api/v1/reports/distribution", access: "agent", token: "reports:read", query: `${REPORT_PERIOD}&metric=first_response`, ok: 200 },
  { method: "GET", path: "/api/v1/reports/export", access: "agent", token: "reports:read", query: `${REPORT_PERIOD}&report=breakdown`, ok: 200 },
  { method: "GET", path: "/api/v1/reports/live", access: "admin", token: "admin", ok: 200 },
  { method: "GET", path: "/api/v1/reports/settings", access: "admin", token: "admin", ok: 200 },
  { method: "PUT", path: "/api/v1/reports/settings", access: "admin", token: "admin", body: () => ({ timeZone: "America/Sao_Paulo" }), ok: 200 },
  { method: "POST", path: "/api/v1/reports/rebuild", access: "admin", token: "admin", body: () => ({}), ok: 200 },
  { method: "GET", path: "/api/v1/reports/saved", access: "admin", token: "none", ok: 200 },
  { method: "POST", path: "/api/v1/reports/saved", access: "admin", token: "none", body: SAVED_REPORT_BODY, ok: 201 },
  // Success needs the caller's own report (saved-reports.test.ts); refused callers point at the fixture's tag id.
  { method: "PUT", path: "/api/v1/reports/saved/{id}", access: "admin", token: "none", params: (f) => ({ id: f.tagId }), body: SAVED_REPORT_BODY },
  { method: "DELETE", path: "/api/v1/reports/saved/{id}", access: "admin", token: "none", params: (f) => ({ id: f.tagId }) },
  { method: "GET", path: "/api/v1/webhooks", access: "admin", token: "admin", ok: 200 },
  { method: "POST", path: "/api/v1/webhooks", access: "admin", token: "admin", body: WEBHOOK_BODY, ok: 201 },
  // Refused callers point at the fixture's tag id (no endpoint); successes at a real one.
  { method: "GET", path: "/api/v1/webhooks/{id}", access: "admin", token: "admin", params: (f) => ({ id: f.tagId }), fresh: webhookEndpoint, ok: 200 },
  { method: "PATCH", path: "/api/v1/webhooks/{id}", access: "admin", token: "admin", params: (f) => ({ id: f.tagId }), fresh: webhookEndpoint, body: () => ({ includeNotes: true }), ok: 200 },
  { method: "DELETE", path: "/api/v1/webhooks/{id}", access: "admin", token: "admin", params: (f) => ({ id: f.tagId }), fresh: freshWebhook, ok: 200 },
  { method: "POST", path: "/api/v1/webhooks/{id}/roll-secret", access: "admin", token: "admin", params: (f) => ({ id: f.tagId }), fresh: webhookEndpoint, ok: 200 },
  { method: "POST", path: "/api/v1/webhooks/{id}/enable", access: "admin", token: "admin", params: (f) => ({ id: f.tagId }), fresh: webhookEndpoint, ok: 200 },
  { method: "GET", path: "/api/v1/webhooks/{id}/deliveries", access: "admin", token: "admin", params: (f) => ({ id: f.tagId }), fresh: webhookEndpoint, ok: 200 },
  // Success needs a delivery the endpoint's outbox holds (webhooks/delivery.test.ts).
  { method: "POST", path: "/api/v1/webhooks/deliveries/{deliveryId}/resend", access: "admin", token: "admin", params: () => ({ deliveryId: "whd_none" }) },
  { method: "POST", path: "/api/v1/canned-responses", access: "admin", token: "admin", body: () => ({ shortcode: `rt-${unique()}`, body: "Hello" }), ok: 201 },
  { method: "PATCH", path: "/api/v1/canned-responses/{id}", access: "admin", token: "admin", params: (f) => ({ id: f.cannedId }), body: () => ({ body: "Edited" }), ok: 200 },
  {
    method: "DELETE",
    path: "/api/v1/canned-responses/{id}",
    access: "admin", token: "admin",
    params: (f) => ({ id: f.cannedId }),
    fresh: async () => ({ id: (await created("/api/v1/canned-responses", { shortcode: `rt-${unique()}`, body: "Bye" })).id }),
    ok: 200,
  },

  // The audit log (test/worker/audit/): owners only, no token; never written through the API.
  { method: "GET", path: "/api/v1/audit-log", access: "owner", token: "none", query: "action=settings.changed&limit=5", ok: 200 },
  { method: "GET", path: "/api/v1/portal-settings", access: "admin", token: "admin", ok: 200 },
  { method: "PUT", path: "/api/v1/portal-settings", access: "admin", token: "admin", body: (f) => ({ inboxId: f.inboxId, emailInboxId: null, categories: [] }), ok: 200 },

  ...META_WEBHOOK_ROUTES,
  ...TWILIO_WEBHOOK_ROUTES,
  ...OUTBOUND_ROUTES,
  ...CONSENT_ROUTES,
  ...HC_ROUTES,
];

/** A record the owner creates through the API (for the fixture and `fresh`). */
/** The owner whose session makes the records the table's requests point at; the test
 * file sets it in its beforeAll. */
export const tableOwner: { client: Client | null } = { client: null };

export async function created(path: string, json: unknown): Promise<{ id: string }> {
  if (!tableOwner.client) throw new Error("route-table: set tableOwner.client first");
  const res = await call(path, { method: "POST", json, client: tableOwner.client });
  if (res.status !== 201) throw new Error(`create ${path} failed: ${JSON.stringify(res.body)}`);
  return res.body;
}

export const PUBLIC = ROUTES.filter((r) => r.access === "public");
export const VISITOR = ROUTES.filter((r) => r.access === "visitor");
export const CUSTOMER = ROUTES.filter((r) => r.access === "customer");
export const SIGNED_IN = ROUTES.filter(isSignedIn);
export const AGENT_LEVEL = ROUTES.filter((r) => r.access === "agent");
export const ADMIN_ONLY = ROUTES.filter((r) => r.access === "admin");
/** Routes an admin may not call either (403 for agents and admins alike). */
export const OWNER_ONLY = ROUTES.filter((r) => r.access === "owner");
/** Provider webhooks: refused unless signed by the provider (see `Access`). */
export const SIGNED_WEBHOOKS = ROUTES.filter((r) => r.access === "signed-webhook");
/** POSTs the CSRF guard covers: everything but the widget's, which carry a bearer token,
 * the providers' webhooks, which carry a signature and never a cookie, and one-click
 * unsubscribe links (/u/), whose signed token is the authority and which mail providers
 * POST without an Origin (RFC 8058). */
export const COOKIE_WRITES = ROUTES.filter((r) => r.method !== "GET" && !r.path.startsWith("/api/v1/widget/") && !r.path.startsWith("/u/") && r.access !== "signed-webhook");
export const AGENT_SOCKETS = SIGNED_IN.filter((r) => r.socket);
/** Signed-in routes an API token may call with the right scope, and those none may. */
export const TOKEN_ROUTES = SIGNED_IN.filter((r) => r.token !== "none");
export const NO_TOKEN_ROUTES = SIGNED_IN.filter((r) => r.token === "none");

export const FOREIGN_ORIGIN = "https://evil.example";

/** `[name, route]` rows for `it.each`, so test names read "… GET /api/v1/me …". */
export const named = (routes: Route[]) => routes.map((r) => [`${r.method} ${r.path}`, r] as const);

export interface As {
  client?: Client;
  headers?: Record<string, string>;
  /** A visitor token: as a Bearer header (on the socket route, to mint its ticket). */
  token?: string;
  /** Origin header; `null` sends none. Defaults: our origin on POSTs, none on GETs and handshakes. */
  origin?: string | null;
}

/** Sends `route`'s request (its success body, if any) as `as`, to the records `params`
 * names (default: the route's own). A socket that opens is closed again. */
/** `route`'s path with the records `params` names (default: the route's own) filled in. */
export function pathOf(route: Route, f: Fixture, params: PathParams = route.params?.(f) ?? { id: f.conversationId }): string {
  return route.path.replace(/\{(\w+)\}/g, (_, name: string) => String(params[name]));
}

export async function send(route: Route, f: Fixture, as: As = {}, params: PathParams = route.params?.(f) ?? { id: f.conversationId }) {
  let path = pathOf(route, f, params);
  if (route.query) path += `?${typeof route.query === "function" ? route.query(f) : route.query}`;
  let headers = as.headers ?? {};
  if (as.token !== undefined) {
    if (route.socket) {
      // The widget's socket takes a ticket minted with the token; a refused mint is the answer.
      const minted = await call("/api/v1/widget/socket-tickets", { method: "POST", headers: bearer(as.token) });
      if (minted.status !== 200) return { ...minted, socket: undefined };
      path += `?ticket=${encodeURIComponent(minted.body.ticket)}`;
    } else headers = { ...headers, ...bearer(as.token) };
  }
  if (route.socket) {
    const res = await upgrade(path, { client: as.client, headers, origin: as.origin ?? undefined });
    res.socket?.close();
    return res;
  }
  const res = await call(path, { method: route.method, client: as.client ? { ...as.client } : undefined, headers, origin: as.origin, json: route.body?.(f) });
  return { ...res, socket: undefined };
}

/** Everything a refused request must leave as it was: D1's rows and the room's log. */
export async function storedState(reader: Client, f: Fixture) {
  return { rows: await storedRows(), lastSeq: await lastSeq(reader, f.conversationId) };
}

/** Signs the owner in on a new session, signs it out, and returns the dead cookie. */
export async function revokedSession(): Promise<Client> {
  const client: Client = {};
  expect((await login(OWNER, client)).status).toBe(200);
  const cookie = client.cookie;
  expect((await call("/api/v1/auth/logout", { method: "POST", client })).status).toBe(200);
  return { cookie };
}

export const BASE64URL = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
/** Changes the character at `index` so that the bits it decodes to change too (flipping
 * the 6-bit value's top bit: a low-bit change in a final character can be padding). */
export function flipChar(text: string, index: number): string {
  const i = index < 0 ? text.length + index : index;
  const value = BASE64URL.indexOf(text[i]!);
  return text.slice(0, i) + BASE64URL[value ^ 32] + text.slice(i + 1);
}

export function keysDeep(value: unknown, into = new Set<string>()): Set<string> {
  if (Array.isArray(value)) for (const v of value) keysDeep(v, into);
  else if (value && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) {
      into.add(k);
      keysDeep(v, into);
    }
  }
  return into;
}
