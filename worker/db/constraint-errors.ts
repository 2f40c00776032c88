/**
 * @module Recognising a unique-constraint failure, so a route can answer 409 instead of
 * the 503 every other D1 error becomes (../http/api-error.ts).
 */
import { rootCause } from "../http/api-error";

/** True when the driver error at the bottom of `err`'s cause chain is SQLite refusing a
 * duplicate in a UNIQUE column or index. Only the root is read: drizzle's wrapper quotes
 * the query's parameters, which are user text. */
export function isUniqueViolation(err: unknown): boolean {
  const root = rootCause(err);
  return root instanceof Error && /UNIQUE constraint failed/i.test(root.message);
}

/** Runs `write`; a duplicate becomes the value "duplicate" instead of an error. */
export async function unlessDuplicate<T>(write: Promise<T>): Promise<T | "duplicate"> {
  try {
    return await write;
  } catch (err) {
    if (isUniqueViolation(err)) return "duplicate";
    throw err;
  }
}
