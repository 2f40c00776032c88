/**
 * @module Calling the Graph API for a page (Messenger, and Instagram through the page it
 * is linked to): the page access token on every call, and Graph's answers read with the
 * Messenger Platform's throttling codes (../meta/graph-answers.ts).
 *
 * The token goes in the Authorization header (Graph takes a bearer token: the Instagram
 * upload reference shows `-H "Authorization: Bearer <PAGE_ACCESS_TOKEN>"`,
 * https://developers.facebook.com/documentation/business-messaging/instagram-messaging/features/attachment-upload),
 * never in the URL, where proxies and logs would keep it.
 */
import * as answers from "../meta/graph-answers";
import type { ProviderContext, SendResult } from "../types";
import { RETRYABLE_GRAPH_CODES } from "./limits";

export type PlatformKind = "messenger" | "instagram";
export type PlatformContext = ProviderContext<PlatformKind>;
export { tryGraph, type GraphError } from "../meta/graph-answers";

/** A Graph call with the page's token. Throws what fetch throws (network). */
export function graphFetch(ctx: PlatformContext, path: string, init: RequestInit = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  headers.set("Authorization", `Bearer ${ctx.config.credentials.pageAccessToken}`);
  return ctx.fetch(`${ctx.baseUrl}/${path.replace(/^\/+/, "")}`, { ...init, headers });
}

/** Every credential of the inbox: none may appear in a reason we keep. */
const secretsOf = (ctx: PlatformContext): string[] => Object.values(ctx.config.credentials);

export function graphErrorOf(res: Response, ctx: PlatformContext): Promise<answers.GraphError> {
  return answers.graphErrorOf(res, secretsOf(ctx));
}

export function graphFailure(res: Response, ctx: PlatformContext): Promise<SendResult> {
  return answers.graphFailure(res, secretsOf(ctx), RETRYABLE_GRAPH_CODES);
}
