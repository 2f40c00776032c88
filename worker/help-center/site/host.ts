/**
 * @module Custom domains: a portal may be served at its own hostname (help.example.com)
 * pointed at this Worker with a Cloudflare custom domain or route (README, "Help center").
 * Requests arrive with that Host; this maps it to the portal's slug.
 *
 * The map is read from D1 once a minute per isolate, not on every request: most requests
 * are not for a custom domain at all, and portals change rarely. A change made through
 * this isolate is seen at once (`forgetPortalDomains`); other isolates see it within
 * DOMAIN_CACHE_MS.
 */
import type { Db } from "../../db/client";
import { portalDomains } from "../../db/hc-portals";

const DOMAIN_CACHE_MS = 60_000;
let cached: { at: number; map: Map<string, string> } | null = null;

export function forgetPortalDomains(): void {
  cached = null;
}

/** The slug of the portal served at `host` (without port), if any. */
export async function portalSlugForHost(db: Db, host: string, now = Date.now()): Promise<string | undefined> {
  if (!cached || now - cached.at > DOMAIN_CACHE_MS) {
    cached = { at: now, map: new Map((await portalDomains(db)).map((d) => [d.domain, d.slug])) };
  }
  return cached.map.get(host.toLowerCase().replace(/:\d+$/, ""));
}
