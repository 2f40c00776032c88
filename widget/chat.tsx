/**
 * @module The visitor's chat: header, messages (the visitor's on the right, the team's on
 * the left), composer. Bodies are rendered as text nodes, never as HTML.
 */
import { useEffect, useRef, useState } from "preact/hooks";
import type { MessageEvent, WidgetSession } from "../worker/protocol";
import { MAX_BODY_CHARS } from "../worker/protocol/limits";
import type { ConversationFeed, PendingMessage } from "./live/feed";
import { useFeed } from "./live/use-feed";

const timeFormat = new Intl.DateTimeFormat(undefined, { hour: "2-digit", minute: "2-digit" });
const CONNECTION_LABEL = { connecting: "Connecting…", online: "Online", offline: "Reconnecting…" } as const;

export function Chat({ session, feed }: { session: WidgetSession; feed: ConversationFeed }) {
  const { events, pending, connection } = useFeed(feed);
  const messages = events.filter((e): e is MessageEvent => e.type === "message" && e.kind !== "note");
  const logRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const log = logRef.current;
    if (log) log.scrollTop = log.scrollHeight;
  }, [messages.length, pending.length]);

  return (
    <div class="sb-chat" style={{ "--sb-color": session.inbox.settings.color }}>
      <header class="sb-header">
        <h1 class="sb-title">{session.inbox.name}</h1>
        <span class={`sb-connection sb-connection--${connection}`}>{CONNECTION_LABEL[connection]}</span>
        <button type="button" class="sb-close" aria-label="Close chat" onClick={closeWidget}>
          ×
        </button>
      </header>
      <div class="sb-messages" ref={logRef} role="log" aria-live="polite" aria-label="Messages">
        <ol class="sb-list">
          {session.inbox.settings.greeting && (
            <li class="sb-msg sb-msg--team">
              <p class="sb-body">{session.inbox.settings.greeting}</p>
            </li>
          )}
          {messages.map((m) => (
            <SentMessage key={m.seq} message={m} />
          ))}
          {pending.map((m) => (
            <PendingBubble key={m.clientId} message={m} />
          ))}
        </ol>
      </div>
      <Composer onSend={(text) => feed.send(text)} />
    </div>
  );
}

function SentMessage({ message }: { message: MessageEvent }) {
  const mine = message.actor.type === "contact";
  const who = mine ? "You" : (message.actor.name ?? "Support");
  return (
    <li class={`sb-msg ${mine ? "sb-msg--mine" : "sb-msg--team"}`}>
      <p class="sb-body">{message.body}</p>
      <span class="sb-meta">
        {who} · <time dateTime={new Date(message.at).toISOString()}>{timeFormat.format(message.at)}</time>
      </span>
    </li>
  );
}

function PendingBubble({ message }: { message: PendingMessage }) {
  return (
    <li class="sb-msg sb-msg--mine sb-msg--pending" aria-busy={message.error === null}>
      <p class="sb-body">{message.body}</p>
      <span class="sb-meta">{message.error === null ? "Sending…" : `Not sent: ${message.error}`}</span>
    </li>
  );
}

function Composer({ onSend }: { onSend: (text: string) => boolean }) {
  const [text, setText] = useState("");
  const submit = () => {
    if (onSend(text)) setText("");
  };
  return (
    <form
      class="sb-composer"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <textarea
        class="sb-input"
        aria-label="Message"
        placeholder="Write a message…"
        rows={1}
        maxLength={MAX_BODY_CHARS}
        value={text}
        onInput={(e) => setText(e.currentTarget.value)}
        onKeyDown={(e) => {
          // Enter sends, Shift+Enter breaks the line; never while an IME is composing.
          if (e.key === "Enter" && !e.shiftKey && !e.isComposing) {
            e.preventDefault();
            submit();
          }
        }}
      />
      <button type="submit" class="sb-send" disabled={text.trim() === ""}>
        Send
      </button>
    </form>
  );
}

/** widget.js owns the iframe; it listens for this message to hide it. */
function closeWidget() {
  parent.postMessage({ type: "switchboard:close" }, "*");
}
