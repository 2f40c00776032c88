/**
 * @module The notice above the composer when the channel's messaging window is closed
 * or closing: for WhatsApp, "only an approved template can be sent" with the template
 * picker; for Messenger and Instagram, a softer warning after 24 hours and a closed
 * notice after 7 days or a refusal. A status region, so it is announced when it appears.
 */
import "./window-notice.css";
import type { WindowNotice as Notice } from "./service-window";
import { TemplatePicker } from "./template-picker";
import { c } from "../channel-strings";

export function WindowNotice(props: { notice: Notice | null; inboxId: string; conversationId: string; onRefused: () => void }) {
  if (props.notice === null) return null;
  const closed = props.notice !== "meta-late";
  return (
    <section class={`window-notice${closed ? " window-notice--closed" : ""}`} aria-label={c.window.label}>
      <p class="window-notice-text" role="status">
        {props.notice === "whatsapp-closed" ? c.window.closed : props.notice === "meta-late" ? c.window.metaLate : c.window.metaClosed}
      </p>
      {props.notice === "whatsapp-closed" && <TemplatePicker inboxId={props.inboxId} conversationId={props.conversationId} onRefused={props.onRefused} />}
    </section>
  );
}
