/**
 * @module Abuse limits of the public widget API, per visitor and per client address.
 * Messages are also limited inside the room (per contact, on every path), see
 * conversation/send-limiter.ts.
 */
import type { Context } from "hono";
import { ApiError } from "../../http/api-error";
import { takeToken, type RateLimit } from "../../auth/rate-limit";
import type { AppEnv } from "../../env";
import { clientAddress } from "./visitor";

const TEN_MINUTES = 10 * 60_000;

/** New visitors per address: a shop's office behind one NAT opens a few dozen, a script thousands. */
export const SESSIONS_PER_IP: RateLimit = { limit: 60, windowMs: TEN_MINUTES };
/** HTTP message posts per address (sockets are limited per contact in the room). */
export const MESSAGES_PER_IP: RateLimit = { limit: 300, windowMs: 60_000 };
export const UPLOADS_PER_VISITOR: RateLimit = { limit: 20, windowMs: TEN_MINUTES };
export const UPLOADS_PER_IP: RateLimit = { limit: 60, windowMs: TEN_MINUTES };
/** identify() per visitor: a host page calls it on load and on sign-in, a few times a
 * session; a script probing user ids calls it hundreds of times. */
export const IDENTIFY_PER_VISITOR: RateLimit = { limit: 10, windowMs: TEN_MINUTES };
export const IDENTIFY_PER_IP: RateLimit = { limit: 60, windowMs: TEN_MINUTES };
/** Opt-in checkbox grants per visitor (issue 16): one per pre-chat form; a few retries. */
export const CONSENTS_PER_VISITOR: RateLimit = { limit: 10, windowMs: TEN_MINUTES };

/** Counts one attempt against each `[key, rule]`; 429 with a message a visitor can read. */
export async function enforce(c: Context<AppEnv>, what: string, rules: Array<[string, RateLimit]>): Promise<void> {
  const db = c.var.db;
  for (const [key, rule] of rules) {
    if (!(await takeToken(db, key, rule))) {
      throw new ApiError(429, "rate_limited", `Too many ${what} in a short time; please wait a few minutes.`);
    }
  }
}

export function byIp(c: Context<AppEnv>, action: string): string {
  return `${action}:ip:${clientAddress(c)}`;
}
