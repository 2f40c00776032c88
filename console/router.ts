/**
 * @module The console's two places: the list (`/console/`) and one conversation
 * (`/console/conversations/:id`). Real paths, not hashes, so links can be shared; the
 * Worker answers unknown paths under /console/ with the SPA's index.html.
 */
import { useEffect, useState } from "preact/hooks";

const BASE = "/console/";
const CONVERSATION_PATH = /^\/console\/conversations\/([^/]+)\/?$/;

export function conversationPath(id: string): string {
  return `${BASE}conversations/${encodeURIComponent(id)}`;
}

export function navigate(path: string): void {
  if (path === location.pathname) return;
  history.pushState(null, "", path);
  dispatchEvent(new PopStateEvent("popstate"));
}

/** The open conversation's id, or null on the list. */
export function useConversationRoute(): string | null {
  const [path, setPath] = useState(location.pathname);
  useEffect(() => {
    const onPop = () => setPath(location.pathname);
    addEventListener("popstate", onPop);
    return () => removeEventListener("popstate", onPop);
  }, []);
  const match = CONVERSATION_PATH.exec(path);
  return match ? decodeURIComponent(match[1]!) : null;
}
