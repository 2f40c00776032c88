/**
 * @module The drizzle handle over D1. Query modules take a `Db`; nothing else writes SQL.
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
