/**
 * @module Calling Meta's Graph API for WhatsApp: the inbox's access token on every call
 * (in the Authorization header, never in the URL where proxies and logs keep it), and
 * Graph's answers read with WhatsApp's throttling codes (../meta/graph-answers.ts).
 */
import * as answers from "../meta/graph-answers";
import type { ProviderContext, SendResult } from "../types";
import { RETRYABLE_GRAPH_CODES } from "./limits";

export type WhatsappContext = ProviderContext<"whatsapp">;
export { tryGraph, type GraphError } from "../meta/graph-answers";

export function graphUrl(ctx: WhatsappContext, path: string): string {
  return `${ctx.baseUrl}/${path.replace(/^\/+/, "")}`;
}

/** A Graph call with the inbox's access token. Throws what fetch throws (network). */
export function graphFetch(ctx: WhatsappContext, pathOrUrl: string, init: RequestInit = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  headers.set("Authorization", `Bearer ${ctx.config.credentials.accessToken}`);
  const url = /^https?:\/\//.test(pathOrUrl) ? pathOrUrl : graphUrl(ctx, pathOrUrl);
  return ctx.fetch(url, { ...init, headers });
}

/** Every credential of the inbox: none may appear in a reason we keep. */
const secretsOf = (ctx: WhatsappContext): string[] => Object.values(ctx.config.credentials);

export function graphErrorOf(res: Response, ctx: WhatsappContext): Promise<answers.GraphError> {
  return answers.graphErrorOf(res, secretsOf(ctx));
}

export function graphFailure(res: Response, ctx: WhatsappContext): Promise<SendResult> {
  return answers.graphFailure(res, secretsOf(ctx), RETRYABLE_GRAPH_CODES);
}
