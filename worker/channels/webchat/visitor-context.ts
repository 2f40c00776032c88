/**
 * @module What the widget's requests tell about a web visitor, stored for the agents'
 * contact panel: the page (and the site they came from) as the widget reports it, browser
 * and OS from the User-Agent, country, city and time zone from Cloudflare's `request.cf`
 * (https://developers.cloudflare.com/workers/runtime-apis/request/#incomingrequestcfproperties),
 * absent in local development. The browser's own time zone beats the one guessed from the
 * address (VPNs, travel).
 *
 * Written on session start or resume and when the page changes (the widget debounces
 * navigation), so a visitor's messages never cost a D1 write here.
 */
import type { Db } from "../../db/client";
import { nameIfNameless, saveVisitorContext, type VisitorContextChanges } from "../../db/visitor-contexts";
import { TimeZone, type Locale, type VisitorContextBody, type VisitorPage } from "../../protocol";
import { parseUserAgent } from "./user-agent";
import { visitorName } from "./visitor-name";

/** The parts of `request.cf` we read; every one may be missing. */
interface RequestGeo {
  country?: unknown;
  city?: unknown;
  timezone?: unknown;
}

/** Cloudflare reports "XX" for an unknown country and "T1" for Tor. */
const COUNTRY = /^[A-Z]{2}$/;
const UNKNOWN_COUNTRY = "XX";
const MAX_CITY_CHARS = 100;

function geoOf(request: Request): { country?: string; city?: string; timezone?: string } {
  const cf = (request as { cf?: RequestGeo }).cf;
  if (!cf) return {};
  const country = typeof cf.country === "string" && COUNTRY.test(cf.country) && cf.country !== UNKNOWN_COUNTRY ? cf.country : undefined;
  const city = typeof cf.city === "string" && cf.city.trim() ? cf.city.trim().slice(0, MAX_CITY_CHARS) : undefined;
  const zone = TimeZone.safeParse(cf.timezone);
  return { country, city, timezone: zone.success ? zone.data : undefined };
}

/** Where they came from: the referrer only when it is another site. A referrer on the
 * same site is just the previous page, and would overwrite the search engine or campaign
 * that brought them. */
function outsideReferrer(page: VisitorPage): string | undefined {
  if (!page.referrer) return undefined;
  try {
    return new URL(page.referrer).host === new URL(page.url).host ? undefined : page.referrer;
  } catch {
    return undefined;
  }
}

/** The stored fields a page report changes: url and title always (a page without a title
 * clears the old one), the referrer only when it names another site. */
export function pageChanges(page: VisitorPage): VisitorContextChanges {
  return { pageUrl: page.url, pageTitle: page.title || null, referrer: outsideReferrer(page) };
}

/** Everything a session request tells: the page and time zone the widget sent, browser
 * and OS, and what Cloudflare knows of the address. Unknown geography keeps what is
 * stored (a later request from the edge may know it). */
export function visitChanges(request: Request, body: VisitorContextBody | undefined): VisitorContextChanges {
  const geo = geoOf(request);
  const { browser, os } = parseUserAgent(request.headers.get("User-Agent"));
  return {
    ...(body?.page ? pageChanges(body.page) : {}),
    browser,
    os,
    country: geo.country,
    city: geo.city,
    timezone: body?.timezone ?? geo.timezone,
  };
}

/** Records a session start or resume for `contactId`: its context, and a generated name
 * if it has none, in one batch. */
export async function recordVisit(db: Db, contactId: string, request: Request, body: VisitorContextBody | undefined, locale: Locale | undefined): Promise<void> {
  await db.batch([saveVisitorContext(db, contactId, visitChanges(request, body), Date.now()), nameIfNameless(db, contactId, visitorName(contactId, locale))]);
}

/** Records that the visitor moved to `page`. */
export async function recordPage(db: Db, contactId: string, page: VisitorPage): Promise<void> {
  await saveVisitorContext(db, contactId, pageChanges(page), Date.now());
}
