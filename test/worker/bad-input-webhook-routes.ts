/**
 * The bad-input rows of the outbound webhook routes (issue 15): one valid request per body
 * route, from which bad-input-kit.ts derives the cases, and the routes with an id in their
 * path. Used by bad-input-webhooks.test.ts; bad-input-coverage.test.ts checks every
 * JSON-body route has a row.
 */
import { MAX_WEBHOOK_URL_CHARS } from "../../worker/protocol";
import { huge, type BodyRoute, type World } from "./bad-input-kit";

export interface WebhookWorld extends World {
  endpointId: string;
}

const asOwner = (world: WebhookWorld) => ({ client: world.boss });
const longUrl = () => `https://hooks.example.com/${huge(MAX_WEBHOOK_URL_CHARS)}`;

/** URLs the SSRF guard refuses, each a 400 validation_failed at `url`. */
export const REFUSED_URLS = [
  ["plain http to a public host", "http://hooks.example.com/x"],
  ["a private IPv4 address", "https://10.1.2.3/x"],
  ["a 192.168 address", "https://192.168.0.10/x"],
  ["a 172.16/12 address", "https://172.20.0.1/x"],
  ["a CGNAT address", "https://100.64.0.1/x"],
  ["the cloud metadata address", "https://169.254.169.254/latest/meta-data"],
  ["an IPv6 unique-local address", "https://[fd00::1]/x"],
  ["an IPv6 link-local address", "https://[fe80::1]/x"],
  ["loopback in IPv4-mapped IPv6", "https://[::ffff:10.0.0.1]/x"],
  ["a decimal-encoded private IP", "https://167772161/x"],
  ["an .internal name", "https://metadata.google.internal/x"],
  ["a .local name", "https://printer.local/x"],
  ["a single-label name", "https://intranet/x"],
  ["credentials in the URL", "https://user:pass@hooks.example.com/x"],
  ["another scheme", "ftp://hooks.example.com/x"],
  ["not a URL", "hooks example com"],
] as const;

export const WEBHOOK_BODY_ROUTES: BodyRoute<WebhookWorld>[] = [
  {
    name: "POST /api/v1/webhooks",
    path: () => "/api/v1/webhooks",
    as: asOwner,
    // csat.received: an event these tests never cause, so no outbox calls the URL.
    valid: () => ({ url: "https://hooks.example.com/switchboard", events: ["csat.received"], includeNotes: false }),
    wrongTypes: { url: 5, events: "message.created", includeNotes: "yes" },
    required: ["url", "events"],
    badValues: [
      { label: "an empty URL", set: { url: "" } },
      { label: `a URL over ${MAX_WEBHOOK_URL_CHARS} characters`, set: { url: longUrl() } },
      ...REFUSED_URLS.map(([label, url]) => ({ label, set: { url } })),
      { label: "no events", set: { events: [] } },
      { label: "an unknown event", set: { events: ["message.deleted"] } },
      { label: "an event twice", set: { events: ["message.created", "message.created"] } },
    ],
  },
  {
    name: "PATCH /api/v1/webhooks/{id}",
    method: "PATCH",
    path: (x) => `/api/v1/webhooks/${x.endpointId}`,
    as: asOwner,
    valid: () => ({ events: ["csat.received", "contact.created"] }),
    wrongTypes: { url: 5, events: "csat.received", includeNotes: 1, enabled: "true" },
    required: [],
    badValues: [
      { label: "a private address", set: { url: "https://10.0.0.1/x" } },
      { label: "plain http", set: { url: "http://hooks.example.com/x" } },
      { label: "no events", set: { events: [] } },
      { label: "an unknown event", set: { events: ["conversation.deleted"] } },
      { label: "a secret (it is rolled, never set)", set: { secret: "whsec_mine" }, unknownKey: true },
    ],
  },
];

/** Routes with an endpoint id in the path: bad ids are 400 at the parameter, unknown ones 404. */
export const WEBHOOK_ID_ROUTES: Array<{ name: string; method: "GET" | "PATCH" | "DELETE" | "POST"; path: (id: string) => string; json?: unknown }> = [
  { name: "GET /api/v1/webhooks/{id}", method: "GET", path: (id) => `/api/v1/webhooks/${id}` },
  { name: "PATCH /api/v1/webhooks/{id}", method: "PATCH", path: (id) => `/api/v1/webhooks/${id}`, json: { includeNotes: true } },
  { name: "DELETE /api/v1/webhooks/{id}", method: "DELETE", path: (id) => `/api/v1/webhooks/${id}` },
  { name: "POST /api/v1/webhooks/{id}/roll-secret", method: "POST", path: (id) => `/api/v1/webhooks/${id}/roll-secret` },
  { name: "POST /api/v1/webhooks/{id}/enable", method: "POST", path: (id) => `/api/v1/webhooks/${id}/enable` },
  { name: "GET /api/v1/webhooks/{id}/deliveries", method: "GET", path: (id) => `/api/v1/webhooks/${id}/deliveries` },
];
