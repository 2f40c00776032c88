/**
 * @module What an admin does at Cloudflare so an e-mail inbox works: Email Routing sends
 * each address (and the catch-all) to the Worker ("Send to a Worker"), and Email Service
 * onboards each domain for sending (SPF, DKIM, DMARC). The inbox's own addresses and
 * domains are listed, so the admin copies nothing by hand.
 * Dashboard paths: https://developers.cloudflare.com/email-routing/ and
 * https://developers.cloudflare.com/email-service/configuration/domains/ (checked 2026-12).
 */
import type { EmailSettings } from "../../worker/protocol";
import { m } from "./email-strings";

/** The domains the inbox sends from: each address's, and the catch-all's. */
export function sendingDomains(settings: Pick<EmailSettings, "addresses" | "catchAllDomain">): string[] {
  const domains = settings.addresses.map((a) => a.slice(a.lastIndexOf("@") + 1));
  if (settings.catchAllDomain) domains.push(settings.catchAllDomain);
  return [...new Set(domains)];
}

export function EmailSteps(props: { settings: Pick<EmailSettings, "addresses" | "catchAllDomain"> }) {
  const st = m.steps;
  const { addresses, catchAllDomain } = props.settings;
  return (
    <section class="email-steps at-provider" aria-label={st.heading}>
      <h4>{st.heading}</h4>
      <p class="muted">{st.intro}</p>
      <p class="muted">{st.domainFirst}</p>
      <h5>{st.receiveHeading}</h5>
      <ol>
        {st.receive.map((step) => (
          <li key={step}>{step}</li>
        ))}
      </ol>
      <p>{st.addressesHere}</p>
      <ul class="email-steps-list">
        {addresses.map((a) => (
          <li key={a}>
            <code>{a}</code>
          </li>
        ))}
        {catchAllDomain && <li>{st.catchAllHere(catchAllDomain)}</li>}
      </ul>
      <h5>{st.sendHeading}</h5>
      <ol>
        {st.send.map((step) => (
          <li key={step}>{step}</li>
        ))}
      </ol>
      <p>{st.domainsHere}</p>
      <ul class="email-steps-list">
        {sendingDomains(props.settings).map((d) => (
          <li key={d}>
            <code>{d}</code>
          </li>
        ))}
      </ul>
    </section>
  );
}
