/**
 * @module The conversation list: a status filter and the matching conversations, most
 * recent activity first, updated live.
 */
import type { ConversationStatus, ConversationSummary } from "../worker/protocol";
import type { ConnectionState } from "../widget/live/socket";
import { conversationPath, navigate } from "./router";
import { t } from "./i18n";

export type ListFilterKey = "open" | "resolved" | "all";
export const FILTER_STATUS: Record<ListFilterKey, ConversationStatus | undefined> = {
  open: "open",
  resolved: "resolved",
  all: undefined,
};

const timeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: "short", timeStyle: "short" });

export function ConversationList(props: {
  conversations: ReadonlyMap<string, ConversationSummary>;
  filter: ListFilterKey;
  onFilter: (filter: ListFilterKey) => void;
  selectedId: string | null;
  connection: ConnectionState;
  error: string | null;
}) {
  const status = FILTER_STATUS[props.filter];
  const shown = [...props.conversations.values()]
    .filter((c) => status === undefined || c.status === status)
    .sort((a, b) => b.lastActivityAt - a.lastActivityAt);

  return (
    <nav class="list" aria-labelledby="list-title">
      <div class="list-head">
        <h2 id="list-title">{t.list.title}</h2>
        <span class={`live live--${props.connection}`}>{t.list.live[props.connection]}</span>
      </div>
      <label class="list-filter">
        {t.list.filter}{" "}
        <select value={props.filter} onChange={(e) => props.onFilter(e.currentTarget.value as ListFilterKey)}>
          {(Object.keys(FILTER_STATUS) as ListFilterKey[]).map((key) => (
            <option key={key} value={key}>
              {t.list.filters[key]}
            </option>
          ))}
        </select>
      </label>
      {props.error && (
        <p class="error" role="alert">
          {t.errors.generic(props.error)}
        </p>
      )}
      {shown.length === 0 ? (
        <p class="muted">{t.list.empty}</p>
      ) : (
        <ul class="list-items" aria-live="polite">
          {shown.map((c) => (
            <li key={c.id}>
              <a
                href={conversationPath(c.id)}
                class="list-item"
                aria-current={c.id === props.selectedId ? "page" : undefined}
                onClick={(e) => {
                  if (e.ctrlKey || e.metaKey || e.shiftKey || e.button !== 0) return;
                  e.preventDefault();
                  navigate(conversationPath(c.id));
                }}
              >
                <span class="list-item-top">
                  <strong>{c.contactName ?? t.list.visitor}</strong>
                  <time dateTime={new Date(c.lastActivityAt).toISOString()}>{timeFormat.format(c.lastActivityAt)}</time>
                </span>
                <span class="list-item-preview">{c.lastMessagePreview ?? t.list.noMessages}</span>
                <span class={`badge badge--${c.status}`}>{t.conversation.status[c.status]}</span>
              </a>
            </li>
          ))}
        </ul>
      )}
    </nav>
  );
}
