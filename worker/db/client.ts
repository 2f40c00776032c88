/**
 * @module The drizzle handle over D1. The query modules in this folder take a `Db` and
 * hold the app's D1 SQL. The only SQL outside them belongs to two modules that each own
 * one key-value table outright, as its only reader and writer: auth/rate-limit.ts
 * (`rate_limits`) and auth/server-keys.ts (`server_keys`).
 */
import { drizzle } from "drizzle-orm/d1";
import * as schema from "./schema";

function open(d1: D1Database) {
  return drizzle(d1, { schema });
}
export type Db = ReturnType<typeof open>;

/** One handle per D1 binding, made once per isolate: `drizzle(…, { schema })` walks every
 * table of the schema to build its relational config, and a handle per request or per
 * pipeline flush made that walk a visible share of the Worker's CPU (profiled for issue
 * 10: extractTablesRelationalConfig ~2%). The handle keeps no per-request state (D1 has
 * no interactive transactions; batches are explicit), so sharing it is safe. Weak, so a
 * test's wrapped binding gets its own handle and nothing outlives its binding. */
const handles = new WeakMap<D1Database, Db>();

export function database(d1: D1Database): Db {
  let db = handles.get(d1);
  if (!db) handles.set(d1, (db = open(d1)));
  return db;
}

export function newId(): string {
  return crypto.randomUUID();
}
