/**
 * @module Errors are values with a code; this is the one place they become HTTP.
 */
import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { ZodError } from "zod";
import type { ErrorBody, ErrorCode } from "../protocol";

type Issue = NonNullable<ErrorBody["error"]["issues"]>[number];

/** Throw from anywhere under a route; `onApiError` turns it into the JSON error body. */
export class ApiError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: ErrorCode,
    message: string,
    readonly issues?: Issue[],
  ) {
    super(message);
  }
}

export function zodIssues(error: ZodError): Issue[] {
  return error.issues.map((i) => ({
    path: i.path.filter((p): p is string | number => typeof p !== "symbol"),
    message: i.message,
  }));
}

export function validationError(error: ZodError, where = "request"): ApiError {
  return new ApiError(400, "validation_failed", `The ${where} is not valid.`, zodIssues(error));
}

export function errorJson(c: Context, status: ContentfulStatusCode, code: ErrorCode, message: string, issues?: Issue[]) {
  const body: ErrorBody = { error: issues ? { code, message, issues } : { code, message } };
  return c.json(body, status);
}

/** Hono `onError`: known errors keep their status; anything else is a 500 whose detail
 * goes to the log (never to the client, and never with request bodies or secrets). */
export function onApiError(err: Error, c: Context) {
  if (err instanceof ApiError) return errorJson(c, err.status, err.code, err.message, err.issues);
  if (err instanceof ZodError) {
    const e = validationError(err);
    return errorJson(c, e.status, e.code, e.message, e.issues);
  }
  if (err instanceof HTTPException) {
    if (err.status === 413) return errorJson(c, 413, "payload_too_large", "The request body is too large.");
    // @hono/zod-openapi's gate for a body that is not declared application/json.
    if (err.status === 415) return errorJson(c, 415, "unsupported_media_type", "Send the body as application/json.");
    const malformed = /malformed|json/i.test(err.message);
    return errorJson(c, err.status as ContentfulStatusCode, malformed ? "malformed_json" : "bad_request", malformed ? "The body is not valid JSON." : err.message || "Bad request.");
  }
  // drizzle wraps driver errors in "Failed query: <sql> params: <values>"; the values may
  // be secrets (password hashes, tokens), so only the driver's own message is looked at
  // and logged.
  const chain = causes(err);
  const root = chain[chain.length - 1]!;
  // D1 is down or overloaded: retryable, not our bug. Nothing was written: every
  // multi-statement write is one batch, which D1 runs as a transaction.
  if (chain.some((e) => /^D1_|D1 DB/.test(e.message))) {
    console.warn(JSON.stringify({ msg: "d1 unavailable", path: new URL(c.req.url).pathname, error: root.message.slice(0, 300) }));
    return errorJson(c, 503, "unavailable", "Storage is briefly unavailable; retry in a moment.");
  }
  console.error(JSON.stringify({ msg: "unhandled error", path: new URL(c.req.url).pathname, name: root.name, error: root.message.slice(0, 300) }));
  return errorJson(c, 500, "internal", "Something went wrong on our side.");
}

/** The error at the bottom of `err`'s cause chain: the driver's own, before drizzle
 * wrapped it with the query and its parameters. */
export function rootCause(err: unknown): unknown {
  return err instanceof Error ? causes(err).at(-1) : err;
}

function causes(err: Error): Error[] {
  const chain = [err];
  for (let e = err; e.cause instanceof Error && chain.length < 6; e = e.cause) chain.push(e.cause);
  return chain;
}
