/**
 * @module WidgetApp: starts the visitor's session and its conversation feed, then shows
 * the chat. Everything that can fail before the chat exists fails here, visibly.
 */
import { useEffect, useState } from "preact/hooks";
import type { WidgetSession } from "../worker/protocol";
import { ConversationFeed } from "./live/feed";
import { Outbox } from "./live/outbox";
import { loadHistory, parseFrame, socketUrl, startSession } from "./session";
import { Chat } from "./chat";

type Phase =
  | { name: "loading" }
  | { name: "failed"; message: string }
  | { name: "ready"; session: WidgetSession; feed: ConversationFeed };

export function WidgetApp({ inbox }: { inbox: string | null }) {
  const [phase, setPhase] = useState<Phase>({ name: "loading" });

  useEffect(() => {
    if (!inbox) {
      setPhase({ name: "failed", message: "This chat is not set up: the page embeds it without an inbox key." });
      return;
    }
    let feed: ConversationFeed | null = null;
    let cancelled = false;
    (async () => {
      const session = await startSession(inbox);
      if (cancelled) return;
      feed = new ConversationFeed({
        loadHistory: (after) => loadHistory(session.token, after),
        socketUrl: (after) => socketUrl(session.token, after),
        parseFrame,
        // Per conversation: a new conversation must not resend another one's messages.
        outbox: new Outbox(`switchboard:outbox:${session.conversationId}`),
      });
      await feed.start();
      if (!cancelled) setPhase({ name: "ready", session, feed });
    })().catch((err: unknown) => {
      if (!cancelled) setPhase({ name: "failed", message: err instanceof Error ? err.message : String(err) });
    });
    return () => {
      cancelled = true;
      feed?.stop();
    };
  }, [inbox]);

  switch (phase.name) {
    case "loading":
      return <p class="sb-status" role="status">Connecting…</p>;
    case "failed":
      return <p class="sb-status sb-status--error" role="alert">Chat unavailable: {phase.message}</p>;
    case "ready":
      return <Chat session={phase.session} feed={phase.feed} />;
  }
}
