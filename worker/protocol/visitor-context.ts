/**
 * @module What agents see of a web chat visitor beyond their name: the page they are on
 * (and came from), browser and OS, country and city, and their time zone (the panel shows
 * their local time). The widget reports the page and the browser's time zone; the server
 * adds the rest from the request (User-Agent, Cloudflare's `request.cf`).
 */
import { z } from "zod";
import { UserName } from "./text";
import { MAX_PAGE_TITLE_CHARS, MAX_PAGE_URL_CHARS, MAX_TIMEZONE_CHARS } from "./limits";

/** An address an agent may open: http or https only (never `javascript:`, `data:`…),
 * whole (refused above the limit rather than cut). */
const PageUrl = z.url({ protocol: /^https?$/ }).max(MAX_PAGE_URL_CHARS);

/** A zone the runtime knows, so the console can show the visitor's local time from it. */
export const TimeZone = z
  .string()
  .min(1)
  .max(MAX_TIMEZONE_CHARS)
  .refine((zone) => {
    try {
      new Intl.DateTimeFormat("en", { timeZone: zone });
      return true;
    } catch {
      return false;
    }
  }, "an IANA time zone such as America/Sao_Paulo");

/** The page the visitor is on, as the widget's loader sees it on the host page. */
export const VisitorPage = z.strictObject({
  url: PageUrl,
  title: UserName.trim().max(MAX_PAGE_TITLE_CHARS).optional(),
  /** `document.referrer`: kept only when it is another site (where they came from). */
  referrer: PageUrl.optional(),
});
export type VisitorPage = z.input<typeof VisitorPage>;

/** Sent with the session: the page (absent when the chat is opened directly) and the
 * browser's own time zone, which beats the one guessed from the address. */
export const VisitorContextBody = z.strictObject({
  page: VisitorPage.optional(),
  timezone: TimeZone.optional(),
});
export type VisitorContextBody = z.input<typeof VisitorContextBody>;

/** `POST /api/v1/widget/page`: the visitor moved to another page of the site. */
export const WidgetPageBody = VisitorPage;

/** The contact panel's view of a web visitor; every field may be unknown. */
export const VisitorContext = z.object({
  pageUrl: z.string().nullable(),
  pageTitle: z.string().nullable(),
  referrer: z.string().nullable(),
  browser: z.string().nullable(),
  os: z.string().nullable(),
  /** ISO 3166-1 alpha-2, as Cloudflare reports it; the console names it in its language. */
  country: z.string().nullable(),
  city: z.string().nullable(),
  timezone: z.string().nullable(),
  updatedAt: z.number().int(),
});
export type VisitorContext = z.infer<typeof VisitorContext>;
