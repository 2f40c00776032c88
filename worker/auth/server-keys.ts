/**
 * @module Keys the server makes for itself. Nothing ships with a default secret: the
 * first request that needs a key generates 32 random bytes and stores them in D1; a
 * racing request keeps whichever insert won. Keys never leave the Worker.
 */
import { sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { fromBase64Url, randomToken } from "./encoding";

const cache = new Map<string, Promise<CryptoKey>>();

async function loadOrCreate(db: Db, name: string): Promise<CryptoKey> {
  const candidate = randomToken(32);
  const row = await db.get<{ value: string }>(sql`
    INSERT INTO server_keys (name, value, created_at) VALUES (${name}, ${candidate}, ${Date.now()})
    ON CONFLICT(name) DO UPDATE SET name = name
    RETURNING value`);
  const raw = row && fromBase64Url(row.value);
  if (!raw) throw new Error(`server key ${name} unreadable`);
  return crypto.subtle.importKey("raw", raw, { name: "HMAC", hash: "SHA-256" }, false, ["sign", "verify"]);
}

/** The HMAC-SHA256 key called `name`, created on first use. */
export function hmacKey(db: Db, name: string): Promise<CryptoKey> {
  let key = cache.get(name);
  if (!key) {
    key = loadOrCreate(db, name);
    cache.set(name, key);
    key.catch(() => cache.delete(name));
  }
  return key;
}
