/**
 * @module The answer for an API request no route took: 405 with `Allow` when the path
 * exists with other methods (RFC 9110 §15.5.6,
 * https://www.rfc-editor.org/rfc/rfc9110#section-15.5.6), 204 with `Allow` for OPTIONS on
 * such a path, and 404 otherwise. Hono itself answers 404 for a wrong method, which tells
 * a client it has the wrong URL when it has the wrong verb.
 */
import type { Context } from "hono";
import { errorJson } from "./api-error";

interface RouteLike {
  method: string;
  path: string;
}

/** A Hono route path (`/api/v1/conversations/:id/uploads`, `:id{[0-9]+}`, `*`) as a regex
 * over whole request paths. */
function patternOf(path: string): RegExp {
  const source = path
    .split("/")
    .map((part) => {
      if (part === "*") return ".*";
      const param = /^:\w+(?:\{(.+)\})?(\?)?$/.exec(part);
      if (param) return `(?:${param[1] ?? "[^/]+"})`;
      return part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    })
    .join("/");
  return new RegExp(`^${source}/?$`);
}

/** The fallback handler for `/api/*`. `routes` is read on first use, once every router is
 * mounted; routes registered for ALL methods (middleware, fallbacks) are not endpoints. */
export function apiFallback(routes: () => readonly RouteLike[]) {
  let table: Array<{ method: string; pattern: RegExp }> | null = null;
  return (c: Context) => {
    table ??= routes()
      .filter((r) => r.method !== "ALL" && r.path.startsWith("/api/"))
      .map((r) => ({ method: r.method.toUpperCase(), pattern: patternOf(r.path) }));
    const path = c.req.path;
    const allowed = new Set(table.filter((r) => r.pattern.test(path)).map((r) => r.method));
    if (allowed.size === 0) return errorJson(c, 404, "not_found", `No route for ${c.req.method} ${path}.`);
    // Hono answers HEAD from the GET handler; OPTIONS is answered here.
    if (allowed.has("GET")) allowed.add("HEAD");
    allowed.add("OPTIONS");
    const allow = [...allowed].sort().join(", ");
    if (c.req.method === "OPTIONS") return c.body(null, 204, { Allow: allow });
    c.header("Allow", allow);
    return errorJson(c, 405, "method_not_allowed", `${c.req.method} is not allowed on ${path}; use ${allow}.`);
  };
}
