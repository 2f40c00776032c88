/**
 * @module The contact's conversations on every channel, most recent first: one history
 * of the customer, each entry a real link (open in a new tab works) that the console
 * follows in place.
 */
import type { ConversationSummary } from "../../../worker/protocol";
import { conversationPath, navigate } from "../../router";
import { ChannelIcon } from "../../shared/channel-icon";
import { formatDateTime } from "../format";
import { s } from "../strings";

export function ContactHistory(props: { conversations: readonly ConversationSummary[]; currentId: string }) {
  const c = s.contact;
  return (
    <section class="contact-section" aria-labelledby="contact-history">
      <h4 id="contact-history">{c.history}</h4>
      <ul class="contact-history">
        {props.conversations.map((conv) => {
          const path = conversationPath(conv.id);
          const current = conv.id === props.currentId;
          return (
            <li key={conv.id}>
              <a
                href={path}
                class="history-link"
                aria-current={current ? "page" : undefined}
                onClick={(e) => {
                  if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
                  e.preventDefault();
                  navigate(path);
                }}
              >
                <span class="history-top">
                  <ChannelIcon channel={conv.channel} size={14} />
                  <span class={`badge badge--${conv.status}`}>{s.status[conv.status]}</span>
                  <time dateTime={new Date(conv.lastActivityAt).toISOString()}>{formatDateTime(conv.lastActivityAt)}</time>
                  {current && <span class="muted">({c.thisConversation})</span>}
                </span>
                <span class="history-preview">{conv.lastMessagePreview ?? c.noPreview}</span>
              </a>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
