/**
 * @module The inboxes a contact may not be written to on, beyond one conversation: they
 * opted out (SMS STOP) or blocked the bot (Telegram) there and have not come back. A new
 * conversation on such an inbox starts with replies refused.
 */
import type { ContactOptOut, Inbox } from "../../../worker/protocol";
import { formatDateTime } from "../format";
import { c } from "../channel-strings";

export function ContactOptOuts(props: { optOuts: readonly ContactOptOut[]; inboxes: readonly Inbox[] }) {
  if (props.optOuts.length === 0) return null;
  return (
    <section class="contact-section" aria-labelledby="contact-optouts">
      <h4 id="contact-optouts">{c.reachability.optOuts}</h4>
      <ul class="contact-optouts">
        {props.optOuts.map((o) => (
          <li key={o.inboxId}>{c.reachability.optOut(props.inboxes.find((i) => i.id === o.inboxId)?.name ?? o.inboxId, o.reason, formatDateTime(o.at))}</li>
        ))}
      </ul>
    </section>
  );
}
