/**
 * @module The conversation once the session is up: notices, messages, typing, the
 * visitor's place in line, and at the bottom whichever input fits the moment — the
 * pre-chat form, the rating, or the message box (with "talk to a human" while a bot
 * handles the conversation).
 */
import type { Ref } from "preact";
import { useEffect, useMemo, useRef, useState } from "preact/hooks";
import type { WidgetConfig, WidgetSession } from "../../worker/protocol";
import { consentTextFor } from "../../worker/protocol/consent-text";
import type { Locale } from "../locale";
import { csatState, currentStatus, needsPrechat, teamReadSeq, teamTyping } from "../conversation-state";
import type { ConversationFeed } from "../../client/feed";
import { TypingSignal } from "../../client/typing";
import { useFeed } from "../../client/use-feed";
import { countUnread, loadReadMark, saveReadMark } from "../unread";
import type { VisitorSession } from "../visitor";
import { useStrings } from "../i18n";
import { useDelayedTrue } from "./hooks";
import { MessageList } from "./message-list";
import { Composer } from "./composer";
import { PrechatForm } from "./prechat-form";
import { CsatForm, CsatThanks } from "./csat-form";
import { QueuePlaceLine } from "./queue-place";

/** How long a dropped connection may last before the visitor is told (see useDelayedTrue). */
const OFFLINE_NOTICE_MS = 4_000;

export interface ChatProps {
  session: WidgetSession;
  feed: ConversationFeed;
  visitor: VisitorSession;
  config: WidgetConfig | null;
  /** The widget's language: the opt-in sentence is shown (and recorded) in it. Absent:
   * English, as pickLocale falls back to. */
  locale?: Locale;
  /** Open and the tab in front: what arrives now is read. */
  seen: boolean;
  open: boolean;
  inputRef: Ref<HTMLTextAreaElement>;
  onUnread: (count: number) => void;
  /** What the visitor is writing, until their first message is sent (then ""): the help
   * panel suggests articles from it. */
  onDraft?: (text: string) => void;
}

export function Chat({ session, feed, visitor, config, locale = "en", seen, open, inputRef, onUnread, onDraft }: ChatProps) {
  const s = useStrings();
  const snap = useFeed(feed);
  const settings = session.inbox.settings;
  const [lastRead, setLastRead] = useState(() => loadReadMark(session.conversationId));
  const [handoffBusy, setHandoffBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const typing = useMemo(() => new TypingSignal((on) => feed.setTyping(on)), [feed]);
  const offline = useDelayedTrue(snap.connection !== "online" || navigator.onLine === false, OFFLINE_NOTICE_MS);

  // Seen means read: keep the mark locally (badge after reload) and tell the room.
  useEffect(() => {
    if (!seen || snap.lastSeq <= lastRead) return;
    saveReadMark(session.conversationId, snap.lastSeq);
    setLastRead(snap.lastSeq);
    feed.markRead(snap.lastSeq);
  }, [seen, snap.lastSeq]);
  const unread = countUnread(snap.events, lastRead);
  useEffect(() => onUnread(unread), [unread]);
  useEffect(() => () => typing.stop(), [typing]);

  // The visitor has written to the team: a conversation under way (or queued to send).
  const started = snap.pending.length > 0 || snap.events.some((e) => e.type === "message" && e.actor.type === "contact");
  const status = currentStatus(snap.events, session.status);
  const csat = csatState(snap.events, settings.csat);
  const prechat = needsPrechat(settings, session.contact, snap.events, snap.pending.length);
  // The server refuses an unverified visitor's writes here; say so instead of failing sends.
  const mustIdentify = settings.requireIdentity && !session.contact.verified;
  const typist = teamTyping(snap.typing);
  const away = config && !config.withinBusinessHours && config.settings.awayMessage ? config.settings.awayMessage : null;

  // User Timing mark (see the README's benchmark): the chat is open and can be typed in.
  const marked = useRef(false);
  useEffect(() => {
    if (!open || prechat || marked.current) return;
    marked.current = true;
    performance.mark("switchboard:interactive");
  }, [open, prechat]);

  return (
    <>
      {offline && (
        <p class="sb-banner" role="status">
          {s.reconnecting}
        </p>
      )}
      {problem && (
        <p class="sb-banner" role="alert">
          {problem}
        </p>
      )}
      {snap.limited && (
        <p class="sb-banner" role="status">
          {s.tooFast}
        </p>
      )}
      <MessageList
        events={snap.events}
        pending={snap.pending}
        greeting={settings.greeting}
        expectedReplyTime={settings.expectedReplyTime}
        awayMessage={away}
        teamReadSeq={teamReadSeq(snap.reads)}
        fileLink={(id) => visitor.fileLink(id)}
        onChoose={status === "bot" && !mustIdentify ? (id) => void feed.send(id) : undefined}
      />
      <p class="sb-typing" role="status">
        {typist ? s.typing(typist.name ?? null) : ""}
      </p>
      <QueuePlaceLine place={snap.queuePlace} />
      {csat === "due" && <CsatForm onSubmit={(rating, comment) => visitor.csat(rating, comment)} />}
      {csat === "done" && <CsatThanks />}
      {status === "bot" && (
        <button
          type="button"
          class="sb-secondary"
          disabled={handoffBusy}
          onClick={() => {
            setHandoffBusy(true);
            setProblem(null);
            visitor
              .handoff()
              .catch(() => setProblem(s.failed))
              .finally(() => setHandoffBusy(false));
          }}
        >
          {s.talkToHuman}
        </button>
      )}
      {mustIdentify ? (
        <p class="sb-banner" role="status">
          {s.identifyFirst}
        </p>
      ) : prechat ? (
        <PrechatForm
          requireEmail={settings.preChatForm.requireEmail}
          askPhone={settings.preChatForm.askPhone ?? false}
          initial={session.contact}
          consentText={settings.preChatForm.consent ? consentTextFor(settings.preChatForm.consent.text, locale) : null}
          onSubmit={async (details, consent) => {
            // Consent first: once the details are saved the form is gone, and a refused
            // consent must still be shown and tried again on this form.
            if (consent) await visitor.recordConsent({ ...consent, locale });
            await visitor.updateContact(details);
          }}
        />
      ) : (
        <Composer
          inputRef={inputRef}
          upload={(file) => visitor.upload(file)}
          onTyping={(text) => {
            typing.input(text);
            onDraft?.(started ? "" : text);
          }}
          onSend={(text, attachments) => {
            typing.stop();
            onDraft?.("");
            return feed.send(text, "text", attachments);
          }}
        />
      )}
    </>
  );
}
