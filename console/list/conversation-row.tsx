/**
 * @module One row of the list: channel icon and name, contact, last activity, preview,
 * unread badge, tags and a star toggle. The row is a link (open in a new tab works); the star is
 * a sibling button, since a button inside a link is not valid HTML.
 *
 * Rows re-render only when their own item, selection or the tag names change: the list
 * re-renders on every live update, and with thousands of rows loaded that must not mean
 * thousands of row diffs.
 */
import { Component } from "preact";
import type { ConversationItem, Tag } from "../../worker/protocol";
import { locale } from "../i18n";
import { conversationPath, followLink } from "../router";
import { ChannelIcon } from "../shared/channel-icon";
import { s } from "./strings";

interface RowProps {
  item: ConversationItem;
  selected: boolean;
  mine: boolean;
  tags: ReadonlyMap<string, Tag>;
  onStar: (item: ConversationItem, starred: boolean) => void;
}

const timeOfDay = new Intl.DateTimeFormat(locale, { hour: "2-digit", minute: "2-digit" });
const dayOfYear = new Intl.DateTimeFormat(locale, { day: "numeric", month: "short" });
const fullDate = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short" });

/** Today's rows show the time, older ones the day: the list is about recency. */
export function shortTime(at: number, now = Date.now()): string {
  return new Date(at).toDateString() === new Date(now).toDateString() ? timeOfDay.format(at) : dayOfYear.format(at);
}

export class ConversationRow extends Component<RowProps> {
  override shouldComponentUpdate(next: RowProps): boolean {
    const p = this.props;
    return next.item !== p.item || next.selected !== p.selected || next.mine !== p.mine || next.tags !== p.tags;
  }

  override render() {
    const { item, selected, mine, tags, onStar } = this.props;
    const name = item.contactName ?? s.visitor;
    const path = conversationPath(item.id);
    const unread = item.unread > 0 && !selected;
    return (
      <li class={`row${unread ? " row--unread" : ""}`} data-id={item.id}>
        <a href={path} class="row-link" aria-current={selected ? "page" : undefined} onClick={(e) => followLink(e, path)}>
          <ChannelIcon channel={item.channel} />
          <span class="row-main">
            <span class="row-top">
              <strong class="row-name">{name}</strong>
              <time dateTime={new Date(item.lastActivityAt).toISOString()} title={fullDate.format(item.lastActivityAt)}>
                {shortTime(item.lastActivityAt)}
              </time>
            </span>
            <span class="row-preview">{item.lastMessagePreview ?? s.noMessages}</span>
            <span class="row-meta">
              {/* Visible for sighted agents; the icon already names it for screen readers. */}
              <span class="row-channel" aria-hidden="true">
                {s.channels[item.channel]}
              </span>
              {item.status !== "open" && <span class={`badge badge--${item.status}`}>{s.status[item.status]}</span>}
              {mine && <span class="badge badge--mine">{s.assignedToYou}</span>}
              {item.tagIds.map((id) => {
                const tag = tags.get(id);
                return tag ? (
                  <span key={id} class="tag-chip" style={{ "--tag-color": tag.color }}>
                    {tag.name}
                  </span>
                ) : null;
              })}
            </span>
          </span>
          {unread && (
            <span class="unread-badge">
              <span aria-hidden="true">{item.unread > 99 ? "99+" : item.unread}</span>
              <span class="visually-hidden">{s.unread(item.unread)}</span>
            </span>
          )}
        </a>
        <button
          type="button"
          class="star-toggle"
          aria-pressed={item.starred}
          aria-label={s.star(name)}
          title={item.starred ? s.unstar(name) : s.star(name)}
          onClick={() => onStar(item, !item.starred)}
        >
          <span aria-hidden="true">{item.starred ? "★" : "☆"}</span>
        </button>
      </li>
    );
  }
}
