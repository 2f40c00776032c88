/**
 * @module A webhook's raw text as JSON, then as its schema, in one zod step: a body that
 * is not JSON is an issue like any other (400 with the reason), never a thrown error.
 */
import { z } from "zod";

export function jsonText<T extends z.ZodType>(schema: T) {
  return z
    .string()
    .transform((raw, ctx) => {
      try {
        return JSON.parse(raw) as unknown;
      } catch {
        ctx.addIssue({ code: "custom", message: "the body is not JSON" });
        return z.NEVER;
      }
    })
    .pipe(schema);
}
