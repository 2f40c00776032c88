/**
 * @module The quote above a reply: who wrote the message it answers and the start of its
 * text, as it reads now (edited, or unsent). When that message is loaded the quote is a
 * button that scrolls to it; otherwise it says the message is not shown here.
 */
import type { MessageEvent } from "../../../worker/protocol";
import type { MessageChanges } from "./message-changes";
import { actorName, type NameContext } from "./system-line";
import { c } from "../channel-strings";

/** Long enough to recognise the message; the CSS trims it to one line. */
const QUOTE_CHARS = 140;

export interface QuotedMessage {
  event: MessageEvent;
  changes: MessageChanges | undefined;
}

function quoteText(q: QuotedMessage): string {
  if (q.changes?.unsentAt != null) return c.reply.unsent;
  const body = q.changes?.edit?.body ?? q.event.body;
  const text = body || q.event.attachments?.map((a) => a.name).join(", ") || "";
  return text.length > QUOTE_CHARS ? `${text.slice(0, QUOTE_CHARS)}…` : text;
}

export function ReplyQuote(props: { quoted: QuotedMessage | null; ctx: NameContext }) {
  const q = props.quoted;
  if (!q) return <p class="reply-quote">{c.reply.missing}</p>;
  const seq = q.event.seq;
  return (
    <button
      type="button"
      class="reply-quote"
      title={c.reply.show}
      onClick={() => document.getElementById(`msg-${seq}`)?.scrollIntoView?.({ block: "center", behavior: "smooth" })}
    >
      <span class="reply-quote-who">{c.reply.to(actorName(q.event.actor, props.ctx))}</span>
      <span class="reply-quote-text">{quoteText(q)}</span>
    </button>
  );
}
