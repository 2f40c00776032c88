/**
 * @module The console's places: the list (`/console/`), one conversation
 * (`/console/conversations/:id`, optionally `?seq=N` to open it at a message, as search
 * hits do), the settings (`/console/settings`) and the agent's own profile
 * (`/console/profile`), the reports (`/console/reports`) and the help center's articles
 * (`/console/help-center`). Real paths, not hashes, so links can
 * be shared; the Worker answers unknown paths under /console/ with the SPA's index.html.
 */
import { useEffect, useState } from "preact/hooks";

const BASE = "/console/";
const CONVERSATION_PATH = /^\/console\/conversations\/([^/]+)\/?$/;
const SETTINGS_PATH = /^\/console\/settings\/?$/;
const PROFILE_PATH = /^\/console\/profile\/?$/;
const REPORTS_PATH = /^\/console\/reports\/?$/;
const HELP_CENTER_PATH = /^\/console\/help-center\/?$/;

export type Route =
  | { name: "list" }
  | { name: "conversation"; id: string; atSeq: number | null }
  | { name: "settings" }
  | { name: "profile" }
  | { name: "reports" }
  | { name: "helpCenter" };

export const listPath = BASE;
export const settingsPath = `${BASE}settings`;
export const profilePath = `${BASE}profile`;
export const reportsPath = `${BASE}reports`;
export const helpCenterPath = `${BASE}help-center`;

export function conversationPath(id: string, atSeq?: number | null): string {
  const path = `${BASE}conversations/${encodeURIComponent(id)}`;
  return atSeq ? `${path}?seq=${atSeq}` : path;
}

/** Reads a location (path + search) into a route; pure, for tests. */
export function parseRoute(pathname: string, search: string): Route {
  if (SETTINGS_PATH.test(pathname)) return { name: "settings" };
  if (PROFILE_PATH.test(pathname)) return { name: "profile" };
  if (REPORTS_PATH.test(pathname)) return { name: "reports" };
  if (HELP_CENTER_PATH.test(pathname)) return { name: "helpCenter" };
  const match = CONVERSATION_PATH.exec(pathname);
  if (!match) return { name: "list" };
  const seq = Number(new URLSearchParams(search).get("seq"));
  return { name: "conversation", id: decodeURIComponent(match[1]!), atSeq: Number.isInteger(seq) && seq > 0 ? seq : null };
}

/** Goes to `path` (which may carry a query) without a page load. */
export function navigate(path: string): void {
  if (path === location.pathname + location.search) return;
  history.pushState(null, "", path);
  dispatchEvent(new PopStateEvent("popstate"));
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(location.pathname, location.search));
  useEffect(() => {
    const onPop = () => setRoute(parseRoute(location.pathname, location.search));
    addEventListener("popstate", onPop);
    return () => removeEventListener("popstate", onPop);
  }, []);
  return route;
}

/** Follows a same-app link without a page load, unless the agent asked for a new tab. */
export function followLink(e: MouseEvent, path: string): void {
  if (e.ctrlKey || e.metaKey || e.shiftKey || e.altKey || e.button !== 0) return;
  e.preventDefault();
  navigate(path);
}
