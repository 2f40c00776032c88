/**
 * @module Validation hook for @hono/zod-openapi routes: every failed parse answers 400
 * with our error body and the zod issues, before the handler runs (so nothing is written).
 */
import type { Hook } from "@hono/zod-openapi";
import { ZodError } from "zod";
import { errorJson, zodIssues } from "./api-error";
import type { AppEnv } from "../env";

export const validationHook: Hook<unknown, AppEnv, string, unknown> = (result, c) => {
  if (result.success) return;
  const error = result.error;
  const where = result.target === "json" ? "body" : result.target;
  return errorJson(c, 400, "validation_failed", `The ${where} is not valid.`, error instanceof ZodError ? zodIssues(error) : undefined);
};
