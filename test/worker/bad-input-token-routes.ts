/**
 * The bad-input rows of the token administration API (worker/routes/api-tokens.ts): one
 * valid request per body route, from which bad-input-kit.ts derives the cases. Used by
 * bad-input-tokens.test.ts; bad-input-coverage.test.ts checks every JSON-body route has a row.
 */
import { MAX_TOKEN_INBOXES, MAX_TOKEN_NAME_CHARS, MAX_TOKEN_TTL_MS } from "../../worker/protocol";
import { huge, type BodyRoute, type World } from "./bad-input-kit";

export interface TokenWorld extends World {
  inboxId: string;
}

export const TOKEN_BODY_ROUTES: BodyRoute<TokenWorld>[] = [
  {
    name: "POST /api/v1/tokens",
    path: () => "/api/v1/tokens",
    as: (w) => ({ client: w.boss }),
    valid: (w) => ({ name: "Billing bot", scopes: ["messages:write"], inboxIds: [w.inboxId], expiresAt: Date.now() + 86_400_000 }),
    wrongTypes: { name: 5, scopes: "admin", inboxIds: "all", expiresAt: "tomorrow" },
    required: ["name", "scopes"],
    badValues: [
      { label: "a blank name", set: { name: "   " } },
      { label: `a name over ${MAX_TOKEN_NAME_CHARS} characters`, set: { name: huge(MAX_TOKEN_NAME_CHARS + 1) } },
      { label: "no scope", set: { scopes: [] } },
      { label: "an unknown scope", set: { scopes: ["superuser"] } },
      { label: "a scope twice", set: { scopes: ["messages:write", "messages:write"] } },
      { label: "an empty inbox list", set: { inboxIds: [] } },
      { label: "an inbox twice", set: { inboxIds: ["a", "a"] } },
      { label: `more than ${MAX_TOKEN_INBOXES} inboxes`, set: { inboxIds: Array.from({ length: MAX_TOKEN_INBOXES + 1 }, (_, i) => `i${i}`) } },
      { label: "an inbox id over 64 characters", set: { inboxIds: [huge(65)] } },
      { label: "an unknown inbox", set: { inboxIds: ["no-such-inbox"] }, status: 404, code: "inbox_not_found" },
      { label: "the admin scope limited to inboxes", set: { scopes: ["admin"] } },
      { label: "an expiry in the past", set: { expiresAt: 1_000 } },
      { label: "an expiry more than 2 years ahead", set: { expiresAt: Date.now() + MAX_TOKEN_TTL_MS + 86_400_000 } },
      { label: "a fractional expiry", set: { expiresAt: 1.5 } },
    ],
  },
];
