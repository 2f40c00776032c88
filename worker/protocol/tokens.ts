/**
 * @module Wire shapes of API tokens (issue 15): what a token may do (scopes, inboxes,
 * expiry), the admins' list of tokens, and the one answer that carries the secret.
 */
import { z } from "zod";

/** What a token may do. Each API route names the one scope it needs (worker/routes/access.ts);
 * `admin` opens the admin routes and nothing else, so a token holds every scope it uses. */
export const TokenScope = z.enum(["conversations:read", "messages:write", "contacts:manage", "status:write", "reports:read", "articles:manage", "admin"]);
export type TokenScope = z.infer<typeof TokenScope>;
export const TOKEN_SCOPES = TokenScope.options;

/** The secret: this prefix, then base64url of 32 random bytes (43 characters). The prefix
 * tells our middleware (and secret scanners) what the bearer is. */
export const TOKEN_PREFIX = "sb_live_";
export const TOKEN_SECRET_PATTERN = /^sb_live_[A-Za-z0-9_-]{43}$/;
/** How many leading characters of the secret the console shows to tell tokens apart. */
export const TOKEN_DISPLAY_CHARS = 12;
/** The longest life a token may be given: a forgotten integration stops at last. */
export const MAX_TOKEN_TTL_MS = 2 * 365 * 24 * 60 * 60 * 1000;
export const MAX_TOKEN_NAME_CHARS = 80;
/** More inboxes than any deployment we serve has; bounds the row and the check. */
export const MAX_TOKEN_INBOXES = 100;
/** Requests one token may make per minute before 429 rate_limited. */
export const TOKEN_RATE_LIMIT = 600;

export const ApiToken = z.object({
  id: z.string(),
  name: z.string(),
  scopes: z.array(TokenScope),
  /** null: every inbox. */
  inboxIds: z.array(z.string()).nullable(),
  /** The secret's first TOKEN_DISPLAY_CHARS characters, never more. */
  prefix: z.string(),
  expiresAt: z.number().int().nullable(),
  createdAt: z.number().int(),
  createdBy: z.string(),
  lastUsedAt: z.number().int().nullable(),
  revokedAt: z.number().int().nullable(),
});
export type ApiToken = z.infer<typeof ApiToken>;

export const ApiTokenList = z.object({ tokens: z.array(ApiToken) });
export type ApiTokenList = z.infer<typeof ApiTokenList>;

/** Expiry and scope/inbox combinations are checked against the clock and D1 by the route. */
export const CreateTokenBody = z.strictObject({
  name: z.string().trim().min(1).max(MAX_TOKEN_NAME_CHARS),
  scopes: z
    .array(TokenScope)
    .min(1)
    .max(TOKEN_SCOPES.length)
    .refine((s) => new Set(s).size === s.length, "each scope once"),
  inboxIds: z
    .array(z.string().min(1).max(64))
    .min(1)
    .max(MAX_TOKEN_INBOXES)
    .refine((s) => new Set(s).size === s.length, "each inbox once")
    .nullable()
    .optional(),
  /** Unix ms; in the future and at most MAX_TOKEN_TTL_MS ahead. Absent or null: no expiry. */
  expiresAt: z.number().int().positive().nullable().optional(),
});
export type CreateTokenBody = z.infer<typeof CreateTokenBody>;

/** The answer to a create: the only time the secret leaves the server (D1 keeps its SHA-256). */
export const CreatedToken = z.object({ token: ApiToken, secret: z.string() });
export type CreatedToken = z.infer<typeof CreatedToken>;
