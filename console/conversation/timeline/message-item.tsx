/**
 * @module One message of the timeline: who wrote it, its text (a text node, never HTML),
 * its files and structured content, the message it quotes, its reactions, its tags,
 * when, on which channel, and for what the team sent, how far it got. It shows its
 * latest state: an edit replaces the text (labelled), an unsend is labelled and the text
 * shown struck through only where the inbox keeps it. Private notes carry a label and
 * their own colour so nobody mistakes one for a reply. A message still on its way
 * (pending) can be retried or discarded if it failed.
 */
import type { Attachment, ChannelKind, MessageContent, MessageEvent, Tag } from "../../../worker/protocol";
import type { PendingMessage } from "../../../client/feed";
import { AttachmentView } from "./attachment-view";
import { ChannelIcon } from "../../shared/channel-icon";
import { formatFullDateTime, formatTime } from "../format";
import { Icon, type IconName } from "../../shared/icon";
import { MenuGroup, MenuItem, Popover } from "../../shared/popover";
import { actorName, type NameContext } from "./system-line";
import { TagChips } from "../header/tags";
import type { Delivery } from "./timeline-model";
import { s } from "../strings";
import { LinkedText } from "./linkify";
import { ContentView, contentReplacesBody } from "./content-view";
import type { MessageChanges } from "./message-changes";
import { Reactions } from "./reactions";
import { ReplyQuote, type QuotedMessage } from "./reply-quote";
import { c } from "../channel-strings";
import { EmailView } from "./email-view";

const DELIVERY_ICON: Record<Delivery["state"], IconName> = { sending: "clock", queued: "clock", sent: "check", delivered: "double-check", read: "double-check", failed: "alert" };

export function DeliveryMark({ delivery }: { delivery: Delivery }) {
  const d = s.timeline.delivery;
  const text = delivery.state === "failed" && delivery.reason ? d.failedBecause(delivery.reason) : d[delivery.state];
  return (
    <span class={`delivery delivery--${delivery.state}`}>
      <Icon name={DELIVERY_ICON[delivery.state]} text={text} />
    </span>
  );
}

function Body(props: {
  body: string;
  attachments: readonly Attachment[] | undefined;
  content?: MessageContent | undefined;
  /** Absent: not a reply. Null: a reply to a message not loaded here. */
  quoted?: QuotedMessage | null | undefined;
  ctx?: NameContext;
  /** The customer unsent it and the inbox keeps the text: shown struck through. */
  struck?: boolean;
}) {
  const body = props.content && contentReplacesBody(props.content) ? "" : props.body;
  return (
    <div class="message-bubble">
      {props.quoted !== undefined && props.ctx && <ReplyQuote quoted={props.quoted} ctx={props.ctx} />}
      {props.attachments && props.attachments.length > 0 && (
        <div class="attachments">
          {props.attachments.map((a) => (
            <AttachmentView key={a.id} attachment={a} />
          ))}
        </div>
      )}
      {props.content?.type === "email" ? (
        // An e-mail draws its own text, under its subject and addresses.
        <EmailView email={props.content} body={body} attachments={props.attachments ?? []} />
      ) : (
        props.content && <ContentView content={props.content} />
      )}
      {body && props.content?.type !== "email" && (
        <p class="message-body">
          {props.struck ? (
            <del>
              <LinkedText text={body} />
            </del>
          ) : (
            <LinkedText text={body} />
          )}
        </p>
      )}
    </div>
  );
}

function Stamp(props: { at: number; channel: ChannelKind | null }) {
  return (
    <>
      {props.channel && <ChannelIcon channel={props.channel} size={14} />}
      <time dateTime={new Date(props.at).toISOString()} title={formatFullDateTime(props.at)}>
        {formatTime(props.at)}
      </time>
    </>
  );
}

function NoteLabel() {
  return (
    <span class="note-label">
      <Icon name="lock" text={s.timeline.privateNote} />
    </span>
  );
}

export function MessageItem(props: {
  event: MessageEvent;
  ctx: NameContext;
  channel: ChannelKind;
  delivery: Delivery | null;
  tagIds: readonly string[];
  tags: readonly Tag[];
  onTags: (tagIds: string[]) => void;
  highlighted: boolean;
  changes?: MessageChanges | undefined;
  /** Absent: not a reply. Null: a reply to a message not loaded here. */
  quoted?: QuotedMessage | null | undefined;
  /** The inbox keeps unsent messages' text for its agents (Meta inbox setting). */
  keepUnsentText?: boolean;
}) {
  const { event: e, changes } = props;
  const note = e.kind === "note";
  const side = e.actor.type === "contact" ? "message--contact" : "message--team";
  const unsent = changes?.unsentAt != null;
  // Live, the console still holds an unsent message's text after the room erased it:
  // unless the inbox keeps it, the agent does not see it either (the customer asked).
  const kept = !unsent || props.keepUnsentText === true;
  const body = kept ? (changes?.edit?.body ?? e.body) : "";
  const classes = ["message", side, note && "message--note", props.highlighted && "message--hit", unsent && "message--unsent", e.content?.type === "sticker" && "message--sticker"];
  return (
    <li class={classes.filter(Boolean).join(" ")} data-seq={e.seq} id={`msg-${e.seq}`}>
      <div class="message-head">
        <span class="message-sender">{actorName(e.actor, props.ctx)}</span>
        {note && <NoteLabel />}
        <Popover label={<Icon name="more" />} buttonLabel={s.timeline.messageActions} buttonClass="message-menu-button" panelLabel={s.timeline.messageActions} align={side === "message--team" ? "end" : "start"}>
          <MenuGroup label={s.timeline.tagMessage}>
            {props.tags.map((tag) => {
              const checked = props.tagIds.includes(tag.id);
              return (
                <MenuItem key={tag.id} kind="checkbox" checked={checked} onSelect={() => props.onTags(checked ? props.tagIds.filter((id) => id !== tag.id) : [...props.tagIds, tag.id])}>
                  <span class="tag-dot" style={{ background: tag.color }} aria-hidden="true" />
                  {tag.name}
                </MenuItem>
              );
            })}
            {props.tags.length === 0 && (
              <MenuItem disabled onSelect={() => {}}>
                {s.actions.noTags}
              </MenuItem>
            )}
          </MenuGroup>
          {body && <MenuItem onSelect={() => void navigator.clipboard?.writeText(body)}>{s.timeline.copyText}</MenuItem>}
        </Popover>
      </div>
      <Body body={body} attachments={kept ? e.attachments : undefined} content={kept ? e.content : undefined} quoted={props.quoted} ctx={props.ctx} struck={unsent} />
      <Reactions reactions={changes?.reactions ?? []} ctx={props.ctx} />
      <TagChips tagIds={props.tagIds} tags={props.tags} label={s.timeline.messageTagsFor(e.seq)} />
      <div class="message-meta">
        {/* A note never leaves the team, so it has no channel and no delivery. */}
        <Stamp at={e.at} channel={note ? null : props.channel} />
        {changes?.edit && !unsent && (
          <span class="message-edited" title={c.editedAt(formatFullDateTime(changes.edit.at))}>
            {c.edited}
          </span>
        )}
        {unsent && <span class="message-unsent">{c.unsent}</span>}
        {props.delivery && <DeliveryMark delivery={props.delivery} />}
      </div>
    </li>
  );
}

export function PendingItem(props: { message: PendingMessage; delivery: Delivery; onRetry: () => void; onDiscard: () => void }) {
  const m = props.message;
  const note = m.kind === "note";
  return (
    <li class={`message message--team message--pending${note ? " message--note" : ""}`} aria-busy={props.delivery.state !== "failed"}>
      <div class="message-head">
        <span class="message-sender">{s.timeline.you}</span>
        {note && <NoteLabel />}
      </div>
      <Body body={m.body} attachments={m.attachments} />
      <div class="message-meta">
        <Stamp at={m.createdAt} channel={null} />
        <DeliveryMark delivery={props.delivery} />
        {props.delivery.state === "failed" && (
          <>
            <button type="button" class="link-button" onClick={props.onRetry}>
              {s.timeline.retry}
            </button>
            <button type="button" class="link-button" onClick={props.onDiscard}>
              {s.timeline.discard}
            </button>
          </>
        )}
      </div>
    </li>
  );
}
