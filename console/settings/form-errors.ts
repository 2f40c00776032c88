/**
 * @module Turning a failed save into what the form shows: a message per field (from the
 * browser-side check against the protocol's own schema, or the server's `issues`), a
 * message for the whole form, or the "no permission" state.
 */
import type { z } from "zod";
import { ApiError, errorMessage } from "../api";
import { s } from "./strings";

/** Message per field name (the first segment of an issue's path). */
export type FieldErrors = Partial<Record<string, string>>;

export interface SaveFailure {
  fields: FieldErrors;
  /** For the form as a whole (the server said something about no single field). */
  form: string | null;
  /** 403: this agent may not change settings (any more). */
  forbidden: boolean;
}

export const NO_FAILURE: SaveFailure = { fields: {}, form: null, forbidden: false };

/**
 * Checks `value` against the protocol schema the server will use, before any request.
 * A failing field gets the form's own translated message for it, or zod's when the form
 * has none (zod's are English).
 */
export function checkFields<S extends z.ZodType>(schema: S, value: unknown, messages: Partial<Record<string, string>>): { ok: true; data: z.output<S> } | { ok: false; fields: FieldErrors } {
  const result = schema.safeParse(value);
  if (result.success) return { ok: true, data: result.data };
  const fields: FieldErrors = {};
  for (const issue of result.error.issues) {
    const field = String(issue.path[0] ?? "");
    fields[field] ??= messages[field] ?? issue.message;
  }
  return { ok: false, fields };
}

/**
 * What a failed request means for the form. Server issues go next to their field; a
 * conflict (a name or shortcode already taken) goes next to `uniqueField`.
 */
export function saveFailure(err: unknown, uniqueField?: string): SaveFailure {
  if (!(err instanceof ApiError)) return { fields: {}, form: s.saveFailed(errorMessage(err)), forbidden: false };
  if (err.status === 403) return { fields: {}, form: null, forbidden: true };
  const fields: FieldErrors = {};
  for (const issue of err.issues) {
    const field = String(issue.path[0] ?? "");
    if (field) fields[field] = fields[field] ? `${fields[field]} ${issue.message}` : issue.message;
  }
  if (err.status === 409 && uniqueField && Object.keys(fields).length === 0) fields[uniqueField] = err.message;
  const unplaced = Object.keys(fields).length === 0;
  return { fields, form: unplaced ? s.saveFailed(err.message) : s.fixFields, forbidden: false };
}
