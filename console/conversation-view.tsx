/**
 * @module One conversation: who and what state, the actions on it, the live log and the
 * reply composer. Replies go over the room's socket as `send` frames with a clientId.
 */
import { useEffect, useState } from "preact/hooks";
import { ServerFrame } from "../worker/protocol";
import type { ConversationEvent, ConversationSummary, Me, StatusBody } from "../worker/protocol";
import { ConversationFeed } from "../widget/live/feed";
import { Outbox } from "../widget/live/outbox";
import { useFeed } from "../widget/live/use-feed";
import { ApiError, api, errorMessage, socketUrl } from "./api";
import { MessageLog } from "./message-log";
import { Composer } from "./composer";
import { t } from "./i18n";

export function ConversationView(props: {
  id: string;
  me: Me;
  summary: ConversationSummary | undefined;
  onChange: (conversation: ConversationSummary) => void;
}) {
  const { id, me, summary, onChange } = props;
  const [feed] = useState(() => openFeed(id, me.agent.id));
  const { events, pending } = useFeed(feed);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    feed.start().catch((err: unknown) => setError(errorMessage(err)));
    return () => feed.stop();
  }, [feed]);

  useEffect(() => {
    // A deep link or a conversation outside the current filter: fetch it once.
    if (summary) return;
    api.conversation(id).then(
      (res) => onChange(res.conversation),
      (err: unknown) => setError(err instanceof ApiError && err.status === 404 ? t.conversation.notFound : errorMessage(err)),
    );
  }, [id]);

  const act = async (action: () => Promise<{ conversation: ConversationSummary }>) => {
    setBusy(true);
    setError(null);
    try {
      onChange((await action()).conversation);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  const setStatus = (body: StatusBody) => act(() => api.setStatus(id, body));

  return (
    <section class="conversation" aria-labelledby="conversation-title">
      <header class="conversation-head">
        <div>
          <h2 id="conversation-title">{summary?.contactName ?? t.list.visitor}</h2>
          {summary && (
            <p class="muted">
              <span class={`badge badge--${summary.status}`}>{t.conversation.status[summary.status]}</span>{" "}
              {summary.assigneeId === null
                ? t.conversation.unassigned
                : t.conversation.assignedTo(summary.assigneeId === me.agent.id ? t.conversation.you : assigneeName(events, summary.assigneeId))}
            </p>
          )}
        </div>
        {summary && (
          <div class="actions">
            {summary.assigneeId !== me.agent.id && (
              <button type="button" disabled={busy} onClick={() => act(() => api.assign(id, me.agent.id))}>
                {t.conversation.assignToMe}
              </button>
            )}
            {summary.status === "resolved" ? (
              <button type="button" disabled={busy} onClick={() => setStatus({ status: "open" })}>
                {t.conversation.reopen}
              </button>
            ) : (
              <button type="button" disabled={busy} onClick={() => setStatus({ status: "resolved", unassign: false })}>
                {t.conversation.resolve}
              </button>
            )}
          </div>
        )}
      </header>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      <MessageLog events={events} pending={pending} myId={me.agent.id} contactName={summary?.contactName ?? null} />
      <Composer label={t.conversation.reply} sendLabel={t.conversation.send} onSend={(text) => feed.send(text)} />
    </section>
  );
}

function openFeed(conversationId: string, agentId: string): ConversationFeed {
  const path = `/api/v1/conversations/${encodeURIComponent(conversationId)}/ws`;
  return new ConversationFeed({
    loadHistory: (after) => api.history(conversationId, after),
    socketUrl: (after) => socketUrl(path, { after: String(after) }),
    parseFrame: (raw) => {
      const frame = ServerFrame.safeParse(raw);
      return frame.success ? frame.data : null;
    },
    // Keyed by agent too: a clientId is scoped to its sender, so another agent signing in
    // on this browser must not resend these under their own name.
    outbox: new Outbox(`switchboard:agent-outbox:${agentId}:${conversationId}`),
  });
}

/** The summary holds only the assignee's id; the log's assignment event has the name. */
function assigneeName(events: readonly ConversationEvent[], assigneeId: string): string {
  const event = events.findLast((e) => e.type === "assignment" && e.assigneeId === assigneeId);
  return (event?.type === "assignment" ? event.assigneeName : null) ?? t.conversation.agent;
}
