/**
 * @module The SMS segment count under the composer of an SMS inbox (Twilio, medium SMS):
 * "N characters · M segments", and, when an accent or emoji outside the GSM alphabet
 * made the text Unicode, which characters did it, since that cuts a segment from 160
 * characters to 70. Twilio sends a long body as one message, split into segments on
 * the way and billed per segment; this tells the agent before they send.
 */
import { countSms } from "../../../worker/protocol/sms-segments";
import { c } from "../channel-strings";

/** At most this many offending characters are named; the rest is "…". */
const NAMED = 3;

export function SmsCounter(props: { text: string; id?: string }) {
  const count = countSms(props.text);
  if (count.units === 0) return null;
  const named = count.unicode.slice(0, NAMED).map((ch) => `“${ch}”`).join(", ") + (count.unicode.length > NAMED ? ", …" : "");
  return (
    <p id={props.id} class="sms-counter" data-encoding={count.encoding}>
      <span class="sms-count">{c.sms.count(count.units, count.segments)}</span>
      {count.encoding === "ucs2" && <span class="sms-unicode">{` ${c.sms.unicode(named)}`}</span>}
      {count.segments > 1 && <span class="sms-segment-size">{` ${c.sms.perSegment(count.perSegment)}`}</span>}
    </p>
  );
}
