/**
 * @module The tab title carries the unread count — "(3) Switchboard" — so a busy queue
 * shows in a background tab.
 */
import { useEffect } from "preact/hooks";

export function titleWithUnread(unread: number, base: string): string {
  return unread > 0 ? `(${unread > 99 ? "99+" : unread}) ${base}` : base;
}

export function useUnreadTitle(unread: number, base: string): void {
  useEffect(() => {
    document.title = titleWithUnread(unread, base);
  }, [unread, base]);
  // Signed out: no count left behind in the tab.
  useEffect(() => () => void (document.title = base), [base]);
}
