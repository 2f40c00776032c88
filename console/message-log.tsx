/**
 * @module The conversation's log as an agent sees it: the contact's messages on the
 * left, the team's on the right, private notes marked, status and assignment changes as
 * one-line entries. Bodies are text nodes, never HTML.
 */
import { useEffect, useRef } from "preact/hooks";
import type { Actor, Attachment, ConversationEvent } from "../worker/protocol";
import type { PendingMessage } from "../widget/live/feed";
import { t } from "./i18n";

const timeFormat = new Intl.DateTimeFormat(undefined, { hour: "2-digit", minute: "2-digit" });

export function MessageLog(props: {
  events: readonly ConversationEvent[];
  pending: readonly PendingMessage[];
  myId: string;
  contactName: string | null;
}) {
  const logRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const log = logRef.current;
    if (log) log.scrollTop = log.scrollHeight;
  }, [props.events.length, props.pending.length]);

  const nameOf = (actor: Actor) => {
    if (actor.type === "agent") return actor.id === props.myId ? t.conversation.you : (actor.name ?? t.conversation.agent);
    if (actor.type === "contact") return props.contactName ?? t.conversation.contact;
    return actor.name ?? t.conversation.system;
  };

  return (
    <div class="log" ref={logRef} role="log" aria-live="polite" aria-label={t.conversation.messages}>
      <ol class="log-list">
        {props.events.map((e) => (
          <li key={e.seq} class={classOf(e)}>
            {e.type === "message" ? (
              <>
                {e.attachments?.map((a) => <AttachmentLink key={a.id} attachment={a} />)}
                {e.body && <p class="bubble">{e.body}</p>}
                <span class="meta">
                  {nameOf(e.actor)} · <time dateTime={new Date(e.at).toISOString()}>{timeFormat.format(e.at)}</time>
                </span>
              </>
            ) : e.type === "status" ? (
              t.conversation.statusChanged(t.conversation.status[e.to])
            ) : e.type === "csat" ? (
              `★ ${e.rating}/5${e.comment ? ` — ${e.comment}` : ""}`
            ) : (
              t.conversation.assigned(e.assigneeName)
            )}
          </li>
        ))}
        {props.pending.map((m) => (
          <li key={m.clientId} class={`msg msg--team msg--pending${m.kind === "note" ? " msg--note" : ""}`} aria-busy={m.error === null}>
            <p class="bubble">{m.body}</p>
            <span class="meta">{m.error === null ? t.conversation.sending : t.conversation.notSent(m.error)}</span>
          </li>
        ))}
      </ol>
    </div>
  );
}

/** Agents download with their session cookie; images show inline (the server serves
 * them `inline` and everything else as a download). */
const IMAGE_TYPES = new Set(["image/png", "image/jpeg", "image/gif", "image/webp"]);
function AttachmentLink({ attachment }: { attachment: Attachment }) {
  const url = `/api/v1/files/${encodeURIComponent(attachment.id)}`;
  return IMAGE_TYPES.has(attachment.contentType) ? (
    <a href={url} target="_blank" rel="noopener noreferrer">
      <img src={url} alt={attachment.name} loading="lazy" style={{ display: "block", maxWidth: "240px", maxHeight: "240px", borderRadius: "8px" }} />
    </a>
  ) : (
    <a href={url} download={attachment.name}>
      📎 {attachment.name}
    </a>
  );
}

function classOf(e: ConversationEvent): string {
  if (e.type !== "message") return "log-event";
  const side = e.actor.type === "contact" ? "msg--contact" : "msg--team";
  return `msg ${side}${e.kind === "note" ? " msg--note" : ""}`;
}
