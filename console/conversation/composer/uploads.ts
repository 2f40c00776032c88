/**
 * @module Agent uploads: each file checked against the limits the server enforces
 * (worker/protocol/limits.ts) so a refusal is instant, then sent raw to
 * `POST /api/v1/conversations/:id/uploads` (Content-Type = the file's type, X-File-Name =
 * its URI-encoded name) through XMLHttpRequest, the one browser API that reports upload
 * progress. The answer is the Attachment a reply then names in `attachmentIds`.
 */
import { Attachment, ErrorBody } from "../../../worker/protocol";
import { MAX_UPLOAD_BYTES, UPLOAD_CONTENT_TYPES } from "../../../worker/protocol/limits";
import { ApiError } from "../../api";
import { s } from "../strings";

/** For the file input's `accept`: only what the server takes. */
export const ACCEPT = UPLOAD_CONTENT_TYPES.join(",");

/** Why `file` cannot be sent, or null when it can. */
export function fileProblem(file: Pick<File, "type" | "size">): string | null {
  if (!(UPLOAD_CONTENT_TYPES as readonly string[]).includes(file.type)) return s.composer.upload.badType;
  if (file.size > MAX_UPLOAD_BYTES) return s.composer.upload.tooBig(MAX_UPLOAD_BYTES / 1024 / 1024);
  if (file.size === 0) return s.composer.upload.empty;
  return null;
}

/** What to tell the agent when the server refused an upload. */
export function uploadProblem(err: unknown): string {
  if (!(err instanceof ApiError)) return s.composer.upload.failed;
  if (err.code === "payload_too_large") return s.composer.upload.tooBig(MAX_UPLOAD_BYTES / 1024 / 1024);
  if (err.code === "unsupported_media_type") return s.composer.upload.badType;
  if (err.code === "rate_limited") return s.composer.upload.rateLimited;
  return err.message || s.composer.upload.failed;
}

export interface UploadHandle {
  done: Promise<Attachment>;
  abort: () => void;
}

/** Starts uploading `file`; `onProgress` gets the fraction sent (0–1). */
export function uploadFile(conversationId: string, file: File, onProgress: (fraction: number) => void): UploadHandle {
  const xhr = new XMLHttpRequest();
  const done = new Promise<Attachment>((resolve, reject) => {
    xhr.open("POST", `/api/v1/conversations/${encodeURIComponent(conversationId)}/uploads`);
    xhr.withCredentials = true;
    xhr.setRequestHeader("Content-Type", file.type);
    xhr.setRequestHeader("X-File-Name", encodeURIComponent(file.name));
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable && e.total > 0) onProgress(e.loaded / e.total);
    };
    xhr.onload = () => {
      let json: unknown = null;
      try {
        json = JSON.parse(xhr.responseText);
      } catch {
        // Not JSON (a proxy's error page): handled as a failure below.
      }
      if (xhr.status >= 200 && xhr.status < 300) {
        const parsed = Attachment.safeParse(json);
        if (parsed.success) return resolve(parsed.data);
      }
      const error = ErrorBody.safeParse(json);
      reject(new ApiError(xhr.status, error.success ? error.data.error.code : "http_error", error.success ? error.data.error.message : `HTTP ${xhr.status}`));
    };
    xhr.onerror = () => reject(new ApiError(0, "network", s.composer.upload.failed));
    xhr.onabort = () => reject(new ApiError(0, "aborted", s.composer.upload.failed));
    xhr.send(file);
  });
  return { done, abort: () => xhr.abort() };
}
