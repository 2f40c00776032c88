/**
 * @module What the visitor may attach, checked before uploading with the same limits the
 * server enforces (worker/protocol/limits.ts), so a refusal is instant and clear.
 */
import { MAX_UPLOAD_BYTES, UPLOAD_CONTENT_TYPES } from "../worker/protocol/limits";
import type { Strings } from "./i18n";
import { WidgetApiError } from "./visitor-api";

/** For the file picker's `accept`: only what the server takes. */
export const ACCEPT = UPLOAD_CONTENT_TYPES.join(",");

/** The reason a file cannot be sent, or null when it can. */
export function fileProblem(file: File, s: Strings): string | null {
  if (!(UPLOAD_CONTENT_TYPES as readonly string[]).includes(file.type)) return s.fileType;
  if (file.size > MAX_UPLOAD_BYTES) return s.fileTooBig(MAX_UPLOAD_BYTES / 1024 / 1024);
  if (file.size === 0) return s.uploadFailed;
  return null;
}

/** What to tell the visitor when an upload fails. */
export function uploadProblem(err: unknown, s: Strings): string {
  if (!(err instanceof WidgetApiError)) return s.uploadFailed;
  if (err.code === "payload_too_large") return s.fileTooBig(MAX_UPLOAD_BYTES / 1024 / 1024);
  if (err.code === "unsupported_media_type") return s.fileType;
  if (err.code === "rate_limited") return s.tooManyUploads;
  return s.uploadFailed;
}

export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
