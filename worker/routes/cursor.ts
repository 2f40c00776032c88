/**
 * @module Opaque keyset cursors for the conversation list: the last row's sort key.
 */
import { ApiError } from "../http/api-error";

export function encodeCursor(row: { lastActivityAt: number; id: string }): string {
  return btoa(JSON.stringify([row.lastActivityAt, row.id])).replace(/=+$/, "");
}

export function decodeCursor(cursor: string): { lastActivityAt: number; id: string } {
  try {
    const [lastActivityAt, id] = JSON.parse(atob(cursor)) as unknown[];
    if (typeof lastActivityAt === "number" && typeof id === "string") return { lastActivityAt, id };
  } catch {
    // fall through
  }
  throw new ApiError(400, "validation_failed", "The cursor is not one this API issued.", [{ path: ["cursor"], message: "invalid cursor" }]);
}
