/**
 * @module Small builders for @hono/zod-openapi route definitions, so each route file
 * states its shapes once and the OpenAPI document is generated from them.
 */
import { OpenAPIHono } from "@hono/zod-openapi";
import type { z } from "zod";
import { ErrorBody } from "../protocol";
import type { AppEnv } from "../env";
import { validationHook } from "./validation";

/** A router whose failed validations answer with our error body. */
export function router() {
  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
}

export function jsonBody<T extends z.ZodType>(schema: T) {
  return { body: { content: { "application/json": { schema } }, required: true } } as const;
}

export function jsonResponse<T extends z.ZodType>(schema: T, description: string) {
  return { content: { "application/json": { schema } }, description } as const;
}

const errorResponse = (description: string) => jsonResponse(ErrorBody, description);

/** The error answers most routes share; each route spreads the ones that apply. */
export const errors = {
  400: errorResponse("Invalid input"),
  401: errorResponse("Not signed in"),
  403: errorResponse("Role too low, or cross-site request"),
  404: errorResponse("Not found"),
  409: errorResponse("Conflict"),
  410: errorResponse("Gone: a one-time link already used or expired"),
  413: errorResponse("Body or file too large"),
  415: errorResponse("Content type not accepted"),
  422: errorResponse("Refused by the channel's rules (outside its customer-service window: only a template may go) or by its provider (credentials it does not accept)"),
  429: errorResponse("Too many attempts"),
} as const;

/** Session-cookie security scheme name used in the OpenAPI document. */
export const cookieAuth = [{ cookieAuth: [] }];
export const visitorAuth = [{ visitorToken: [] }];
/** API token (issue 15): `Authorization: Bearer sb_live_…`; the scope a route needs is in
 * docs/permissions.md. */
export const tokenAuth = [{ apiToken: [] }];
