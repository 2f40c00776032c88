/**
 * @module Opaque keyset cursors: the sort key of the last row of a page, for the
 * conversation list (activity time, id), for search (hit time, hit key) and for the
 * audit log (entry time, id).
 */
import { ApiError } from "../http/api-error";

function encode(value: [number, string]): string {
  return btoa(JSON.stringify(value)).replace(/=+$/, "");
}

/** The [number, string] pair inside `cursor`, or a 400 naming the cursor. */
function decode(cursor: string): [number, string] {
  try {
    const [n, s] = JSON.parse(atob(cursor)) as unknown[];
    if (typeof n === "number" && Number.isFinite(n) && typeof s === "string") return [n, s];
  } catch {
    // fall through
  }
  throw new ApiError(400, "validation_failed", "The cursor is not one this API issued.", [{ path: ["cursor"], message: "invalid cursor" }]);
}

export function encodeCursor(row: { lastActivityAt: number; id: string }): string {
  return encode([row.lastActivityAt, row.id]);
}

export function decodeCursor(cursor: string): { lastActivityAt: number; id: string } {
  const [lastActivityAt, id] = decode(cursor);
  return { lastActivityAt, id };
}

export function encodeSearchCursor(last: { at: number; key: string }): string {
  return encode([last.at, last.key]);
}

export function decodeSearchCursor(cursor: string): { at: number; key: string } {
  const [at, key] = decode(cursor);
  return { at, key };
}

export function encodeAuditCursor(last: { at: number; id: string }): string {
  return encode([last.at, last.id]);
}

export function decodeAuditCursor(cursor: string): { at: number; id: string } {
  const [at, id] = decode(cursor);
  return { at, id };
}
