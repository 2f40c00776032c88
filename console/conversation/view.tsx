/**
 * @module ConversationPane: one open conversation — header with every action, the live
 * timeline, the channel's messaging-window notice (with WhatsApp's template picker) or
 * the notice that the customer cannot be written to, the composer, and the contact
 * panel (an e-mail reply shows its To and editable Cc above the text). The shell mounts one per conversation (`key={id}`), passes the list's row when
 * it has it, and hears about every change through `onChange`. Keyboard shortcuts arrive
 * as console commands (../commands.ts).
 */
import "./conversation.css";
import { useEffect, useMemo, useRef, useState } from "preact/hooks";
import type { ConversationItem, Me } from "../../worker/protocol";
import type { PendingMessage } from "../../client/feed";
import { onCommand } from "../commands";
import { Composer, type ComposerMode } from "./composer/composer";
import { ContactPanel } from "./contact/contact-panel";
import { ConversationHeader } from "./header/header";
import { Timeline } from "./timeline/timeline";
import { contactReadSeq, othersTyping, participants } from "./timeline/timeline-model";
import { useContactPanel } from "./contact/use-contact-panel";
import { useContact } from "./contact/use-contact";
import { useConversationItem } from "./use-conversation-item";
import { useDirectory } from "../shared/use-directory";
import { hasRole } from "../shell/roles";
import { useMessageTags } from "./timeline/use-message-tags";
import { useReadMarker } from "./timeline/use-read-marker";
import { useTimeline } from "./timeline/use-timeline";
import { useServiceWindow } from "./composer/use-service-window";
import { WindowNotice } from "./composer/window-notice";
import { useReachability } from "./composer/use-reachability";
import { ReachabilityNotice } from "./composer/reachability-notice";
import { useEmailReply } from "./composer/email-reply";
import { CcEditor } from "./composer/cc-editor";
import { s } from "./strings";

export interface ConversationPaneProps {
  id: string;
  me: Me;
  item: ConversationItem | undefined;
  /** Open scrolled to this message and highlight it (a search hit). */
  atSeq: number | null;
  onChange: (item: ConversationItem) => void;
  /** Open the next conversation of the list (after resolve-and-next). */
  onNext: () => void;
}

export function ConversationPane(props: ConversationPaneProps) {
  const { id, me } = props;
  const state = useConversationItem(id, props.item, props.onChange);
  const { item } = state;
  const directory = useDirectory();
  const timeline = useTimeline({
    id,
    agentId: me.agent.id,
    knownLastSeq: props.item?.lastSeq,
    atSeq: props.atSeq,
    onLiveEvent: state.applyLiveEvent,
    // Called on a later socket frame, never during this render, so `serviceWindow`
    // (which needs the timeline's events) is defined by then.
    onSendRefused: (code) => {
      if (code === "outside_service_window") serviceWindow.refused();
      if (code === "recipient_unreachable") reachability.refused();
    },
  });
  const { feed, snapshot, events } = timeline;
  const serviceWindow = useServiceWindow(item?.channel, events, timeline.hasOlder);
  const reachability = useReachability(events);
  const messageTags = useMessageTags(id);
  const contact = useContact(item?.contactId);
  const panel = useContactPanel();
  const [mode, setMode] = useState<ComposerMode>("reply");
  const textarea = useRef<HTMLTextAreaElement>(null);
  const [dismissed, setDismissed] = useState<ReadonlySet<string>>(() => new Set());

  // A later search hit in this same conversation (the shell keeps the pane mounted).
  useEffect(() => {
    if (props.atSeq !== null && timeline.loaded) void timeline.reveal(props.atSeq);
  }, [props.atSeq, timeline.loaded]);

  useReadMarker({ id, feed, lastSeq: snapshot.lastSeq, loaded: timeline.loaded, readSeq: item?.readSeq, update: state.update });

  // A renamed contact is renamed in the list too.
  const contactName = contact.detail?.contact.name;
  useEffect(() => {
    if (contactName !== undefined) state.update((i) => (i.contactName === contactName ? i : { ...i, contactName }));
  }, [contactName]);

  const latest = useRef({ actions: state.actions, onNext: props.onNext });
  latest.current = { actions: state.actions, onNext: props.onNext };
  useEffect(
    () =>
      onCommand((command) => {
        const { actions, onNext } = latest.current;
        if (command === "resolve") void actions.setStatus({ status: "resolved" });
        if (command === "resolve-and-next") void actions.setStatus({ status: "resolved" }).then((ok) => ok && onNext());
        if (command === "note-mode") setMode((m) => (m === "note" ? "reply" : "note"));
        // `r` means "reply to the customer": from a note it switches back, so a note is
        // never mistaken for an answer.
        if (command === "focus-composer") setMode("reply");
        if (command === "note-mode" || command === "focus-composer") requestAnimationFrame(() => textarea.current?.focus());
      }),
    [],
  );

  const pending = useMemo(() => snapshot.pending.filter((m) => !dismissed.has(m.clientId)), [snapshot.pending, dismissed]);
  const dismiss = (m: PendingMessage) => setDismissed((set) => new Set(set).add(m.clientId));
  const ctx = { myId: me.agent.id, contactName: item?.contactName ?? null, directory };
  const inbox = item ? directory.inboxes.find((i) => i.id === item.inboxId) : undefined;
  const emailReply = useEmailReply(id, events, inbox);
  const email = item?.channel === "email";
  const assigneeNameFromLog = useMemo(() => {
    const last = events.findLast((e) => e.type === "assignment" && e.assigneeId === item?.assigneeId);
    return last?.type === "assignment" ? last.assigneeName : null;
  }, [events, item?.assigneeId]);

  if (state.notFound) {
    return (
      <section class="pane pane--empty">
        <p role="alert">{s.pane.notFound}</p>
      </section>
    );
  }

  return (
    <section class="pane" aria-labelledby="conversation-title">
      {item ? (
        <ConversationHeader
          item={item}
          me={me}
          directory={directory}
          participants={participants(events)}
          assigneeNameFromLog={assigneeNameFromLog}
          busy={state.busy}
          actions={state.actions}
          contactPanel={{ ...panel, id: `contact-${id}` }}
        />
      ) : (
        <header class="pane-header">
          <h2 id="conversation-title" class="pane-title">
            {s.pane.loading}
          </h2>
        </header>
      )}
      {(state.error ?? messageTags.error) && (
        <p class="pane-error error" role="alert">
          {state.error ?? messageTags.error}
        </p>
      )}
      {timeline.loadError !== null && (
        <p class="pane-error error" role="alert">
          {s.pane.loadFailed(String((timeline.loadError as Error).message ?? timeline.loadError))}
        </p>
      )}
      {timeline.loaded && snapshot.connection === "offline" && (
        <p class="pane-offline" role="status">
          {s.pane.offline}
        </p>
      )}
      <div class="pane-body">
        <div class="pane-main">
          <Timeline
            events={events}
            pending={pending}
            connection={snapshot.connection}
            typing={othersTyping(snapshot.typing, me.agent.id)}
            contactReadSeq={contactReadSeq(snapshot.reads)}
            ctx={ctx}
            channel={item?.channel ?? "webchat"}
            messageTags={messageTags}
            tags={directory.tags}
            atSeq={props.atSeq}
            pages={timeline}
            onRetry={(m) => {
              dismiss(m);
              feed.send(m.body, m.kind, m.attachments ?? []);
            }}
            onDiscard={dismiss}
            keepUnsentText={inbox?.settings["keepUnsentText"] === true}
          />
          {/* Unreachable outranks the window: no template may go either. */}
          {reachability.unreachable !== null ? (
            <ReachabilityNotice unreachable={reachability.unreachable} />
          ) : (
            item && <WindowNotice notice={serviceWindow.notice} inboxId={item.inboxId} conversationId={id} onRefused={serviceWindow.refused} />
          )}
          <Composer
            conversationId={id}
            draftKey={`${me.agent.id}:${id}`}
            mode={mode}
            onMode={setMode}
            textareaRef={textarea}
            canned={{ contact: contact.detail?.contact ?? (item ? { name: item.contactName, email: null, phone: null } : null), agentName: me.agent.name }}
            // An e-mail reply carries its Cc, which only the HTTP route takes.
            onSend={(text, kind, attachments) => (email && kind === "text" ? emailReply.send(text, attachments.map((a) => a.id)) : feed.send(text, kind, attachments))}
            onTyping={(on) => feed.setTyping(on)}
            replyDisabled={reachability.unreachable !== null}
            smsCounter={item?.channel === "sms" && inbox?.settings["medium"] === "sms"}
            replyHead={email ? <CcEditor to={emailReply.to} cc={emailReply.cc} onCc={emailReply.setCc} error={emailReply.error} /> : undefined}
          />
        </div>
        {panel.open && item && (
          <ContactPanel
            id={`contact-${id}`}
            contact={contact}
            tags={directory.tags}
            conversationId={id}
            onClose={panel.close}
            canSetPriority={hasRole(me, "admin")}
          />
        )}
      </div>
    </section>
  );
}
