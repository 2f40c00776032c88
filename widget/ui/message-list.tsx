/**
 * @module The conversation as the visitor sees it: the greeting and the usual reply time
 * (so the panel never opens empty), the away message outside
 * business hours, every message (the visitor's on the right with delivered/read marks,
 * the team's on the left), pending sends, and one-line notes when the conversation is
 * resolved or handed to a person; the bot's latest menu with its options as buttons.
 * Bodies are text nodes, never HTML.
 */
import { useEffect, useRef } from "preact/hooks";
import type { Attachment, ConversationEvent, ExpectedReplyTime, MessageEvent, WidgetFileLink } from "../../worker/protocol";
import type { PendingMessage } from "../../client/feed";
import { useStrings, type Strings } from "../i18n";
import { AttachmentView } from "./attachment-view";
import { BotOptions } from "./bot-options";

const timeFormat = new Intl.DateTimeFormat(undefined, { hour: "2-digit", minute: "2-digit" });

export interface MessageListProps {
  events: readonly ConversationEvent[];
  pending: readonly PendingMessage[];
  greeting: string;
  /** The inbox's usual reply time, said under the greeting; absent: not shown. */
  expectedReplyTime?: ExpectedReplyTime | null;
  /** Shown when the team is outside business hours (messages are still accepted). */
  awayMessage: string | null;
  /** The highest seq any agent has read: the visitor's messages up to it show "Read". */
  teamReadSeq: number;
  /** A token-free link to an attachment (signed, short-lived). */
  fileLink: FileLinks;
  /** While a bot has the conversation: send an option's number (its latest menu's
   * buttons); absent: no buttons. */
  onChoose?: (id: string) => void;
}

export type FileLinks = (id: string) => Promise<WidgetFileLink>;

export function MessageList(props: MessageListProps) {
  const s = useStrings();
  const logRef = useRef<HTMLDivElement>(null);
  const count = props.events.length + props.pending.length;
  // Only the latest message's options are live: an older menu was already answered.
  const lastMessage = props.events.findLast((e) => e.type === "message" && e.kind !== "note");
  useEffect(() => {
    const log = logRef.current;
    if (log) log.scrollTop = log.scrollHeight;
  }, [count]);

  return (
    <div class="sb-messages" ref={logRef} role="log" aria-live="polite" aria-label={s.messages} tabIndex={0}>
      <ol class="sb-list">
        {props.greeting && (
          <li class="sb-msg sb-msg--team">
            <p class="sb-body">{props.greeting}</p>
          </li>
        )}
        {props.expectedReplyTime && <li class="sb-note sb-reply-time">{replyTimeText(s, props.expectedReplyTime)}</li>}
        {props.awayMessage && <li class="sb-note">{props.awayMessage}</li>}
        {props.events.map((e) => (
          <EventItem key={e.seq} event={e} teamReadSeq={props.teamReadSeq} fileLink={props.fileLink} onChoose={e === lastMessage && props.pending.length === 0 ? props.onChoose : undefined} />
        ))}
        {props.pending.map((m) => (
          <li key={m.clientId} class="sb-msg sb-msg--mine sb-msg--pending" aria-busy={m.error === null}>
            <Body body={m.body} attachments={m.attachments} fileLink={props.fileLink} />
            <span class={`sb-meta${m.error ? " sb-meta--error" : ""}`}>{m.error === null ? s.sending : s.notSent(m.error)}</span>
          </li>
        ))}
      </ol>
    </div>
  );
}

function replyTimeText(s: Strings, when: ExpectedReplyTime): string {
  return when === "minutes" ? s.replyInMinutes : when === "hours" ? s.replyInHours : s.replyInDay;
}

function EventItem({ event, teamReadSeq, fileLink, onChoose }: { event: ConversationEvent; teamReadSeq: number; fileLink: FileLinks; onChoose?: ((id: string) => void) | undefined }) {
  const s = useStrings();
  if (event.type === "status") {
    if (event.to === "resolved") return <li class="sb-note">{s.resolved}</li>;
    if (event.from === "bot" && event.to === "open") return <li class="sb-note">{s.handoffDone}</li>;
    return null;
  }
  if (event.type !== "message" || event.kind === "note") return null;
  return (
    <>
      <MessageItem message={event} read={event.seq <= teamReadSeq} fileLink={fileLink} />
      {onChoose && event.content?.type === "options" && (
        <li class="sb-options-row">
          <BotOptions options={event.content} onChoose={onChoose} />
        </li>
      )}
    </>
  );
}

function MessageItem({ message, read, fileLink }: { message: MessageEvent; read: boolean; fileLink: FileLinks }) {
  const s = useStrings();
  const mine = message.actor.type === "contact";
  const who = mine ? s.you : (message.actor.name ?? s.team);
  return (
    <li class={`sb-msg ${mine ? "sb-msg--mine" : "sb-msg--team"}`}>
      <Body body={message.body} attachments={message.attachments} fileLink={fileLink} />
      <span class="sb-meta">
        {who} · <time dateTime={new Date(message.at).toISOString()}>{timeFormat.format(message.at)}</time>
        {mine && " · "}
        {mine && <span class={`sb-receipt${read ? " sb-receipt--read" : ""}`}>{read ? s.read : s.delivered}</span>}
      </span>
    </li>
  );
}

function Body({ body, attachments, fileLink }: { body: string; attachments: Attachment[] | undefined; fileLink: FileLinks }) {
  return (
    <>
      {attachments?.map((a) => (
        <AttachmentView key={a.id} attachment={a} link={fileLink} />
      ))}
      {body && <p class="sb-body">{body}</p>}
    </>
  );
}
