/**
 * @module The drizzle handle over D1. The query modules in this folder take a `Db` and
 * hold the app's D1 SQL. The only SQL outside them belongs to two modules that each own
 * one key-value table outright, as its only reader and writer: auth/rate-limit.ts
 * (`rate_limits`) and auth/server-keys.ts (`server_keys`).
 */
import { drizzle } from "drizzle-orm/d1";
import * as schema from "./schema";

export function database(d1: D1Database) {
  return drizzle(d1, { schema });
}
export type Db = ReturnType<typeof database>;

export function newId(): string {
  return crypto.randomUUID();
}
