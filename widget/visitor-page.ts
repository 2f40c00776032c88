/**
 * @module Where the visitor is, as the chat tells the server: the loader's reading of the
 * host page turned into the API's `VisitorPage` (trimmed to what the server takes, so a
 * long title or an odd address never costs the visitor their chat), the browser's time
 * zone, and the page changes of a single-page site, debounced so a visitor clicking
 * through a few pages costs one write.
 */
import type { HostPage } from "./bridge";
import type { VisitorContextBody, VisitorPage } from "../worker/protocol/visitor-context";
import { MAX_PAGE_TITLE_CHARS, MAX_PAGE_URL_CHARS } from "../worker/protocol/limits";

/** A page change is reported once the visitor has stayed this long. */
export const PAGE_REPORT_DELAY_MS = 2_000;

/** `address` if the server will take it: http or https, whole, within the limit. */
function webAddress(address: string): string | undefined {
  return /^https?:\/\//i.test(address) && address.length <= MAX_PAGE_URL_CHARS ? address : undefined;
}

/** The API's page for the loader's reading, or null when the address is not one to send. */
export function toVisitorPage([href, rawTitle, rawReferrer]: HostPage): VisitorPage | null {
  const url = webAddress(href);
  if (!url) return null;
  // The loader's unread count ("(2) Shop") is ours, not the site's.
  const title = rawTitle.replace(/^\(\d+\) /, "").trim().slice(0, MAX_PAGE_TITLE_CHARS).trim();
  const referrer = webAddress(rawReferrer);
  return { url, ...(title ? { title } : {}), ...(referrer ? { referrer } : {}) };
}

/** The browser's own time zone (beats the server's guess from the address). */
function browserTimeZone(): string | undefined {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || undefined;
  } catch {
    return undefined;
  }
}

/** Keeps the current page and reports changes to `send` after PAGE_REPORT_DELAY_MS. */
export class PageTracker {
  private page: VisitorPage | null;
  private reported: string | null = null;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    initial: HostPage | null,
    private readonly send: (page: VisitorPage) => void,
  ) {
    this.page = initial ? toVisitorPage(initial) : null;
    this.reported = this.page?.url ?? null;
  }

  /** The context a session start or resume carries: it reports the current page itself. */
  context(): VisitorContextBody {
    this.reported = this.page?.url ?? this.reported;
    const timezone = browserTimeZone();
    return { ...(this.page ? { page: this.page } : {}), ...(timezone ? { timezone } : {}) };
  }

  /** The loader saw the visitor move to `next`. */
  moved(next: HostPage): void {
    const page = toVisitorPage(next);
    if (!page) return;
    this.page = page;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      if (!this.page || this.page.url === this.reported) return;
      this.reported = this.page.url;
      this.send(this.page);
    }, PAGE_REPORT_DELAY_MS);
  }

  stop(): void {
    clearTimeout(this.timer);
  }
}
