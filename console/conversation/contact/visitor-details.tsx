/**
 * @module The contact panel's "Visitor" section for a web chat contact: the page they
 * are on (and the site they came from), browser and OS, city and country, and their local
 * time, ticking. Addresses become links only when they are http(s) (the server allows no
 * other), opened without a referrer so the customer's site never learns of the console.
 */
import type { ComponentChildren } from "preact";
import { useEffect, useState } from "preact/hooks";
import type { VisitorContext } from "../../../worker/protocol";
import { locale } from "../../i18n";
import { s } from "./visitor-strings";

const WEB_ADDRESS = /^https?:\/\//i;
/** The local time is shown to the minute; a tick this often keeps it right. */
const CLOCK_TICK_MS = 20_000;

function useNow(tickMs: number): number {
  const [now, setNow] = useState(Date.now);
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), tickMs);
    return () => clearInterval(timer);
  }, [tickMs]);
  return now;
}

/** "14:05, Tue" in the visitor's zone and the agent's language; null for a zone this
 * browser does not know. */
export function localTime(timezone: string, at: number, lang: string = locale): string | null {
  try {
    return new Intl.DateTimeFormat(lang, { timeZone: timezone, hour: "2-digit", minute: "2-digit", weekday: "short" }).format(at);
  } catch {
    return null;
  }
}

/** "São Paulo, Brazil": the country named in the agent's language. */
export function place(city: string | null, country: string | null, lang: string = locale): string | null {
  let countryName = country;
  if (country) {
    try {
      countryName = new Intl.DisplayNames([lang], { type: "region" }).of(country) ?? country;
    } catch {
      // An odd code: show it as it is.
    }
  }
  return [city, countryName].filter(Boolean).join(", ") || null;
}

function hostOf(address: string): string {
  try {
    return new URL(address).host;
  } catch {
    return address;
  }
}

function Address({ href, text }: { href: string; text: string }) {
  if (!WEB_ADDRESS.test(href)) return <span class="contact-value">{text}</span>;
  return (
    <a class="contact-value visitor-link" href={href} target="_blank" rel="noopener noreferrer" title={href}>
      {text}
    </a>
  );
}

function Row({ label, children }: { label: string; children: ComponentChildren }) {
  return (
    <div class="contact-field">
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

export function VisitorDetails({ visitor }: { visitor: VisitorContext }) {
  const now = useNow(CLOCK_TICK_MS);
  const time = visitor.timezone ? localTime(visitor.timezone, now) : null;
  const where = place(visitor.city, visitor.country);
  const software = visitor.browser && visitor.os ? s.browserOn(visitor.browser, visitor.os) : (visitor.browser ?? visitor.os);
  return (
    <section class="contact-section" aria-labelledby="contact-visitor">
      <h4 id="contact-visitor">{s.title}</h4>
      <dl class="contact-fields visitor-details">
        {visitor.pageUrl && (
          <Row label={s.page}>
            <Address href={visitor.pageUrl} text={visitor.pageTitle ?? visitor.pageUrl} />
          </Row>
        )}
        {visitor.referrer && (
          <Row label={s.cameFrom}>
            <Address href={visitor.referrer} text={hostOf(visitor.referrer)} />
          </Row>
        )}
        {software && (
          <Row label={s.browser}>
            <span class="contact-value">{software}</span>
          </Row>
        )}
        {where && (
          <Row label={s.location}>
            <span class="contact-value">{where}</span>
          </Row>
        )}
        {time && (
          <Row label={s.localTime}>
            <span class="contact-value" title={visitor.timezone!}>
              {time}
            </span>
          </Row>
        )}
      </dl>
    </section>
  );
}
