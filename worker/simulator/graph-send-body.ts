/**
 * @module How a send reaches the stand-in Send API: a JSON body, or — for a file sent in
 * the same call — multipart/form-data with `recipient` and `message` as JSON strings
 * beside `messaging_type`, `tag` and the file in `filedata` (Messenger's "upload and send
 * in one step": https://developers.facebook.com/documentation/business-messaging/messenger-platform/send-messages/saving-assets).
 * Both come out as one JSON value for the shape checks, with the file apart.
 */
import type { Context } from "hono";

export interface SendRequest {
  json: unknown;
  /** The body as the phone's "JSON on the wire" shows it: the JSON as sent, or the form's
   * fields with the file described rather than its bytes. */
  raw: string;
  file: File | null;
}

/** A form field that holds JSON: parsed, or left as the string it is (the shape check
 * then says what is wrong with it). */
function jsonField(value: string | File | null): unknown {
  if (typeof value !== "string") return undefined;
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

/** The send's body, or null when it is neither JSON nor a form. */
export async function readSendRequest(c: Context): Promise<SendRequest | null> {
  if (/^multipart\/form-data/i.test(c.req.header("Content-Type") ?? "")) {
    const form = await c.req.formData().catch(() => null);
    if (!form) return null;
    const fields: Record<string, unknown> = {};
    for (const [name, value] of form.entries()) {
      if (typeof value === "string") fields[name] = name === "recipient" || name === "message" ? jsonField(value) : value;
    }
    const filedata = form.get("filedata");
    const file = filedata && typeof filedata !== "string" ? filedata : null;
    const shown = file ? { ...fields, filedata: `<${file.name || "file"}, ${file.type || "application/octet-stream"}, ${file.size} bytes>` } : fields;
    return { json: fields, raw: JSON.stringify(shown), file };
  }
  const raw = await c.req.text();
  try {
    return { json: JSON.parse(raw), raw, file: null };
  } catch {
    return null;
  }
}
