/**
 * @module What may be uploaded, checked on the bytes as well as the declared type: a
 * file that claims to be an image or a PDF must start like one, so nothing else can be
 * served back under a type a browser would render.
 */
import { UPLOAD_CONTENT_TYPES } from "../../protocol";

type UploadType = (typeof UPLOAD_CONTENT_TYPES)[number];

/** Leading bytes of the formats browsers render inline. */
const MAGIC: Partial<Record<UploadType, number[][]>> = {
  "image/png": [[0x89, 0x50, 0x4e, 0x47]],
  "image/jpeg": [[0xff, 0xd8, 0xff]],
  "image/gif": [[0x47, 0x49, 0x46, 0x38]],
  "image/webp": [[0x52, 0x49, 0x46, 0x46]],
  "application/pdf": [[0x25, 0x50, 0x44, 0x46]],
};

export function isAllowedType(contentType: string): contentType is UploadType {
  return (UPLOAD_CONTENT_TYPES as readonly string[]).includes(contentType);
}

export function bytesMatchType(contentType: UploadType, bytes: Uint8Array): boolean {
  const signatures = MAGIC[contentType];
  if (!signatures) return true;
  return signatures.some((sig) => sig.every((b, i) => bytes[i] === b));
}

