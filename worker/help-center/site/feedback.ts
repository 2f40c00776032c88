/**
 * @module "Was this helpful?" from the public page's form and from the widget. The form
 * is public and needs no session, so CSRF in its usual sense (riding a signed-in user's
 * cookie) does not apply; the risk is ballot stuffing. So:
 * - a vote from a page of another site is refused (an Origin header that is not ours);
 * - one vote per address per article (a later vote replaces it: db/hc-feedback.ts), the
 *   address kept only as a SHA-256 with the article id, never the IP itself (LGPD);
 * - at most FEEDBACK_LIMIT votes per address per window across all articles
 *   (auth/rate-limit.ts, the D1 counters sign-in and widget limits use).
 */
import type { Context } from "hono";
import type { AppEnv } from "../../env";
import { takeToken, type RateLimit } from "../../auth/rate-limit";
import { recordFeedback } from "../../db/hc-feedback";

export const FEEDBACK_LIMIT: RateLimit = { limit: 20, windowMs: 10 * 60_000 };

export function clientAddress(c: Context<AppEnv>): string {
  return c.req.header("CF-Connecting-IP") ?? "local";
}

/** False when the request comes from a page of another origin. A request without an
 * Origin header (an old browser, a no-referrer policy) is let through: the per-address
 * limits still hold it. */
export function sameOriginOrNone(c: Context<AppEnv>): boolean {
  const origin = c.req.header("Origin");
  return origin === undefined || origin === "null" ? origin === undefined : origin === new URL(c.req.url).origin;
}

async function voterKey(address: string, articleId: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(`hc-vote:${address}:${articleId}`));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

/** Records a vote unless the address has used its budget ("limited"). */
export async function vote(c: Context<AppEnv>, articleId: string, helpful: boolean, comment: string | null): Promise<"recorded" | "limited"> {
  const address = clientAddress(c);
  if (!(await takeToken(c.var.db, `hc-feedback:${address}`, FEEDBACK_LIMIT))) return "limited";
  await recordFeedback(c.var.db, { articleId, voter: await voterKey(address, articleId), helpful, comment: comment || null }, Date.now());
  return "recorded";
}
