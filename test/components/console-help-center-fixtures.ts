/** Shared fakes for the help center console tests: an agent and an admin, a portal, and
 * fetch routes for what the help center page reads on mount. */
import type { Me } from "../../worker/protocol";
import { PROFILE } from "./console-fixtures";

export const agent: Me = { agent: { id: "a1", name: "Ana", email: "ana@example.com", role: "agent" }, teamIds: [], profile: PROFILE };
export const admin: Me = { agent: { id: "a2", name: "Bia", email: "bia@example.com", role: "admin" }, teamIds: [], profile: PROFILE };
export const portal = {
  id: "p1", name: "Ajuda", slug: "ajuda", logoFileId: null, primaryColor: "#1f6feb", backgroundColor: "#ffffff", customDomain: null, defaultLocale: "pt-BR" as const,
  locales: ["pt-BR" as const, "en" as const], audience: "public" as const, chatInboxId: null, siteOrigin: "http://localhost", createdAt: 1, updatedAt: 1,
};

type Answer = { status?: number; body: unknown } | undefined;
type Req = { method: string; url: URL; headers: Headers; body: unknown };

/** The reads the page makes on mount; tests put their own routes first. */
export function pageReads(portals: unknown[] = [portal], categories: unknown[] = []): Array<(r: Req) => Answer> {
  return [
    ({ method, url }) => (method === "GET" && url.pathname === "/api/v1/help-center/portals" ? { body: { portals } } : undefined),
    ({ url }) => (url.pathname === "/api/v1/tags" ? { body: { tags: [] } } : undefined),
    ({ url }) => (url.pathname === "/api/v1/inboxes" ? { body: { inboxes: [] } } : undefined),
    ({ url }) => (url.pathname === "/api/v1/help-center/portals/p1/categories" ? { body: { categories } } : undefined),
    ({ method, url }) => (method === "GET" && url.pathname === "/api/v1/help-center/articles" ? { body: { articles: [] } } : undefined),
  ];
}

export const fail = (status: number, code: string, message: string, issues?: Array<{ path: string[]; message: string }>) => ({ status, body: { error: { code, message, ...(issues ? { issues } : {}) } } });
