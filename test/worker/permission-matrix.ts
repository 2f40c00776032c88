/**
 * @module Renders docs/permissions.md (the permission matrix: each route × role) from the
 * route table the authorization suites test, so the document states what is tested.
 * Pure: no imports that need workerd, so scripts/permissions-doc.ts can run it in Node.
 */
import type { Access, Route } from "./route-table";

export type Role = "visitor" | "customer" | "agent" | "admin" | "owner";
export const ROLES: Role[] = ["visitor", "customer", "agent", "admin", "owner"];

/** Who gets through each access level. A session never stands in for a visitor token (and
 * the reverse); a provider's webhook accepts nobody's credentials, only its signature. */
const ALLOWED: Record<Access, Record<Role, boolean>> = {
  public: { visitor: true, customer: true, agent: true, admin: true, owner: true },
  visitor: { visitor: true, customer: false, agent: false, admin: false, owner: false },
  customer: { visitor: false, customer: true, agent: false, admin: false, owner: false },
  agent: { visitor: false, customer: false, agent: true, admin: true, owner: true },
  admin: { visitor: false, customer: false, agent: false, admin: true, owner: true },
  owner: { visitor: false, customer: false, agent: false, admin: false, owner: true },
  "signed-webhook": { visitor: false, customer: false, agent: false, admin: false, owner: false },
};

/** What the role columns cannot say: rules inside a route that depend on the request.
 * Keyed by `METHOD path`; the doc test fails if a key names no route in the table. */
export const NOTES: Record<string, string> = {
  "POST /api/v1/setup": "Only while no owner exists (the first run); 409 afterwards.",
  "POST /api/v1/invites/{token}/accept": "The invite's one-time token is the credential.",
  "GET /api/v1/widget/files/{id}": "A signed, expiring link is the credential.",
  "GET /webhooks/whatsapp/{inbox}": "Meta's subscription handshake: the inbox's verify token is the credential.",
  "POST /api/v1/agents/invites": "Inviting an owner: owners only.",
  "PATCH /api/v1/agents/{id}": "Changing an owner, or making one: owners only. The last active owner cannot be demoted.",
  "POST /api/v1/agents/{id}/deactivate": "Deactivating an owner: owners only. The last active owner cannot be deactivated.",
  "POST /api/v1/agents/{id}/reactivate": "Reactivating an owner: owners only.",
  "GET /api/v1/search": "A token limited to some inboxes cannot search (403): hits span every inbox.",
  "PATCH /api/v1/contacts/{id}": "Setting `priority`: admins and owners, or a token that also holds `admin`.",
  "POST /api/v1/tokens": "A token with `admin` covers every inbox (no inbox limit).",
  "GET /api/v1/audit-log": "Read-only: no route writes, changes or deletes an entry (PUT, PATCH, DELETE: 405).",
  "POST /api/v1/portal/sign-in/link": "Answers alike for every address; mails a one-time link only to a known customer's.",
  "POST /api/v1/portal/sign-in/redeem": "The mailed link's one-time token is the credential.",
  "GET /api/v1/portal/conversations/{id}": "Only the customer's own conversations; any other answers 404.",
};

const ACCESS_LABEL: Record<Access, string> = {
  public: "anyone",
  visitor: "visitor token",
  customer: "portal session",
  agent: "agent session",
  admin: "admin session",
  owner: "owner session",
  "signed-webhook": "provider signature",
};

/** The token-scope cell: the scope, "no tokens", or — where tokens do not apply (public
 * routes, the widget's and the providers'). */
function tokenCell(token: Route["token"]): string {
  if (token === undefined) return "—";
  return token === "none" ? "no tokens" : `\`${token}\``;
}

export const DOC_PATH = "docs/permissions.md";
export const REGENERATE = "npm run docs:permissions";

/** The whole document, rows in the route table's order (grouped as the table groups them). */
export function permissionMatrix(routes: Array<Pick<Route, "method" | "path" | "access" | "token">>): string {
  const lines = [
    "# Permission matrix",
    "",
    `<!-- Generated from test/worker/route-table.ts by \`${REGENERATE}\`; do not edit by hand. -->`,
    "",
    "Who may call each route of the API. Generated from the route table that the",
    "authorization suites (test/worker/authorization*.test.ts) send every request of, as",
    "every kind of caller: a row here is a tested claim, and test/worker/permissions-doc.test.ts",
    "fails when a route is added or changes access without regenerating this file.",
    "",
    "- **visitor**: a web chat widget's visitor token (its own conversation only);",
    "- **customer**: a customer portal session (its own contact's conversations only; an",
    "  agent's session never opens the portal, nor a customer's the console);",
    "- **agent**, **admin**, **owner**: a signed-in console session with that role (an",
    "  admin may do all an agent may, an owner all an admin may);",
    "- **provider signature**: a channel's webhook accepts no session or token, only a",
    "  request signed by the provider with the inbox's shared secret;",
    "- **token scope**: what an API token (\`Authorization: Bearer sb_live_…\`) needs to call the",
    "  route: the one scope named, or *no tokens* when only a console session may (a token",
    "  limited to some inboxes sees only their conversations);",
    "",
    "✅ allowed · ❌ denied (401 without the credential, 403 with too low a role)",
    "",
    `| Method | Path | Needs | ${ROLES.join(" | ")} | Token scope | Notes |`,
    `| --- | --- | --- | ${ROLES.map(() => ":---:").join(" | ")} | --- | --- |`,
  ];
  for (const r of routes) {
    const cells = ROLES.map((role) => (ALLOWED[r.access][role] ? "✅" : "❌"));
    const note = NOTES[`${r.method} ${r.path}`] ?? "";
    lines.push(`| ${r.method} | \`${r.path}\` | ${ACCESS_LABEL[r.access]} | ${cells.join(" | ")} | ${tokenCell(r.token)} | ${note} |`);
  }
  lines.push("");
  return lines.join("\n");
}
