/**
 * @module API tokens in D1: create, list, revoke, find by the secret's hash, and the
 * throttled "last used" stamp.
 */
import { and, desc, eq, isNull, lt, or } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import type { Db } from "./client";
import { apiTokens } from "./schema";
import type { ApiToken } from "../protocol";

export type ApiTokenRow = typeof apiTokens.$inferSelect;

/** How stale `last_used_at` may get: a busy bot's calls would otherwise each be a write. */
export const LAST_USED_RESOLUTION_MS = 60_000;

/** The wire shape: everything but the hash. */
export function toApiToken(row: ApiTokenRow): ApiToken {
  const { secretHash: _hash, ...rest } = row;
  return rest;
}

/** `audit` (the entry recording it) lands in the same batch. */
export async function insertApiToken(db: Db, row: ApiTokenRow, audit?: BatchItem<"sqlite">): Promise<void> {
  await db.batch([db.insert(apiTokens).values(row), ...(audit ? [audit] : [])]);
}

export async function listApiTokens(db: Db): Promise<ApiToken[]> {
  const rows = await db.select().from(apiTokens).orderBy(desc(apiTokens.createdAt), apiTokens.id);
  return rows.map(toApiToken);
}

export async function findTokenBySecretHash(db: Db, secretHash: string): Promise<ApiTokenRow | undefined> {
  return db.select().from(apiTokens).where(eq(apiTokens.secretHash, secretHash)).get();
}

/** Revokes `id` (a second revoke keeps the first time, and records nothing: `audit` lands
 * only with a revoke that happened); undefined when there is no such token. */
export async function revokeApiToken(db: Db, id: string, now: number, audit?: BatchItem<"sqlite">): Promise<ApiToken | undefined> {
  await db.batch([db.update(apiTokens).set({ revokedAt: now }).where(and(eq(apiTokens.id, id), isNull(apiTokens.revokedAt))), ...(audit ? [audit] : [])]);
  const row = await db.select().from(apiTokens).where(eq(apiTokens.id, id)).get();
  return row ? toApiToken(row) : undefined;
}

/** Stamps `last_used_at` unless it is fresher than LAST_USED_RESOLUTION_MS; the condition
 * is repeated in SQL so concurrent calls write once. Callers skip this when their row is fresh. */
export async function touchApiToken(db: Db, id: string, now: number): Promise<void> {
  const stale = now - LAST_USED_RESOLUTION_MS;
  await db
    .update(apiTokens)
    .set({ lastUsedAt: now })
    .where(and(eq(apiTokens.id, id), or(isNull(apiTokens.lastUsedAt), lt(apiTokens.lastUsedAt, stale))));
}
