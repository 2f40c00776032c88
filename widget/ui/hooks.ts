/**
 * @module Small Preact hooks the chat UI shares.
 */
import { useEffect, useState } from "preact/hooks";
import type { VisitorSession, VisitorState } from "../visitor";
import type { ConversationFeed } from "../../client/feed";

/** Re-renders when the visitor's session changes (started, switched, reset). */
export function useVisitor(visitor: VisitorSession | null): VisitorState {
  const [state, setState] = useState<VisitorState>(() => visitor?.current ?? { phase: "idle" });
  useEffect(() => {
    if (!visitor) return;
    setState(visitor.current);
    return visitor.subscribe(() => setState(visitor.current));
  }, [visitor]);
  return state;
}

/** Whether the visitor's own link is down: the browser says it is offline, or the
 * conversation's socket has dropped and not come back. No feed yet (the chat not
 * started) is not down. */
export function useOwnConnectionLost(feed: ConversationFeed | null): boolean {
  const [browserOnline, setBrowserOnline] = useState(() => navigator.onLine !== false);
  const [socketDown, setSocketDown] = useState(false);
  useEffect(() => {
    const update = () => setBrowserOnline(navigator.onLine !== false);
    addEventListener("online", update);
    addEventListener("offline", update);
    return () => {
      removeEventListener("online", update);
      removeEventListener("offline", update);
    };
  }, []);
  useEffect(() => {
    setSocketDown(false);
    if (!feed) return;
    // The first connect is not a loss; after a drop, the retries ("connecting") are.
    let wasOnline = false;
    const update = () => {
      const connection = feed.snapshot().connection;
      if (connection === "online") wasOnline = true;
      setSocketDown(connection === "offline" || (wasOnline && connection !== "online"));
    };
    update();
    return feed.subscribe(update);
  }, [feed]);
  return !browserOnline || socketDown;
}

/** Whether the tab is in front: a message that arrives while it is not stays unread. */
export function usePageVisible(): boolean {
  const [visible, setVisible] = useState(() => document.visibilityState !== "hidden");
  useEffect(() => {
    const update = () => setVisible(document.visibilityState !== "hidden");
    document.addEventListener("visibilitychange", update);
    return () => document.removeEventListener("visibilitychange", update);
  }, []);
  return visible;
}

/** `value`, but turning true only after it has stayed true for `ms`. A deploy or a
 * Durable Object eviction drops the socket for well under a second; the visitor should
 * not see a "connection lost" banner flash for that. */
export function useDelayedTrue(value: boolean, ms: number): boolean {
  const [late, setLate] = useState(false);
  useEffect(() => {
    if (!value) return setLate(false);
    const timer = setTimeout(() => setLate(true), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return value && late;
}

/** A form's submit handler that keeps the page from navigating, ignores a second submit
 * while the first is on its way, and remembers whether `action` threw (to show it). */
export function useSubmit(action: () => Promise<void>): { busy: boolean; failed: boolean; onSubmit: (e: Event) => void } {
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState(false);
  const onSubmit = (e: Event) => {
    e.preventDefault();
    if (busy) return;
    setBusy(true);
    setFailed(false);
    action()
      .catch(() => setFailed(true))
      .finally(() => setBusy(false));
  };
  return { busy, failed, onSubmit };
}
