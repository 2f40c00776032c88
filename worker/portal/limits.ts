/**
 * @module The customer portal's rate limits (fixed windows in D1's `rate_limits`,
 * auth/rate-limit.ts). Chosen here, not by a platform: a customer asks for a link a few
 * times a day; a script probing addresses or flooding someone's inbox asks hundreds.
 * Link requests count for known and unknown addresses alike, so a 429 says nothing about
 * whether an address has an account. Passwords follow the agents' rule (auth/login-limits.ts)
 * under their own account keys (`portal:<address>`): an agent and a customer sharing an
 * address never spend each other's budget, while one address spraying both is counted once.
 */
import type { RateLimit } from "../auth/rate-limit";

const FIFTEEN_MINUTES = 15 * 60_000;

/** Links mailed to one address: enough for "it did not arrive, send again", not a mail bomb. */
export const LINKS_PER_ADDRESS: RateLimit = { limit: 5, windowMs: FIFTEEN_MINUTES };
/** Link requests from one network address, any e-mail addresses. */
export const LINKS_PER_IP: RateLimit = { limit: 30, windowMs: FIFTEEN_MINUTES };
/** Link redemptions per network address (a token is 256 random bits: this only bounds load). */
export const REDEEMS_PER_IP: RateLimit = { limit: 60, windowMs: FIFTEEN_MINUTES };
/** Replies and new requests per customer. */
export const WRITES_PER_CUSTOMER: RateLimit = { limit: 60, windowMs: 60_000 };
export const REQUESTS_PER_CUSTOMER: RateLimit = { limit: 10, windowMs: FIFTEEN_MINUTES };
export const UPLOADS_PER_CUSTOMER: RateLimit = { limit: 30, windowMs: FIFTEEN_MINUTES };

/** The account key the agents' sign-in rule counts a customer's password failures under. */
export function passwordAccountKey(email: string): string {
  return `portal:${email}`;
}

/** One sign-in link lives this long, and is used once. */
export const LINK_TTL_MS = 15 * 60_000;
