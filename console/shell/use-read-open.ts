/**
 * @module The conversation on screen is being read: its unread count is zero here while
 * the tab is visible, whatever a list page or live update said a moment ago. The pane
 * posts the read mark to the server; this keeps the list, the view counts and the title
 * from showing the count in the meantime.
 */
import { useEffect } from "preact/hooks";
import type { ConversationStore } from "../list/conversation-store";

export function useReadOpen(store: ConversationStore, openId: string | null): void {
  useEffect(() => {
    if (openId === null) return;
    let active = true;
    const clear = () => {
      if (!active) return;
      const item = store.get(openId);
      if (item && item.unread > 0 && document.visibilityState === "visible") store.patch(openId, { unread: 0, readSeq: item.lastSeq }, "action");
    };
    clear();
    const unsubscribe = store.subscribe(({ item }) => {
      // After this change has reached every listener, not in the middle of it.
      if (item.id === openId && item.unread > 0) queueMicrotask(clear);
    });
    document.addEventListener("visibilitychange", clear);
    return () => {
      active = false;
      unsubscribe();
      document.removeEventListener("visibilitychange", clear);
    };
  }, [store, openId]);
}
