/**
 * The HTTP client the worker tests talk to the real Worker (inside workerd) with, the way
 * browsers and widgets do: JSON bodies, the session cookie, our Origin on writes.
 */
import { exports } from "cloudflare:workers";

export const ORIGIN = "http://localhost";

export interface Client {
  cookie?: string;
}

export async function call(path: string, init: RequestInit & { json?: unknown; client?: Client; origin?: string | null } = {}) {
  const headers = new Headers(init.headers);
  if (init.json !== undefined) {
    headers.set("Content-Type", "application/json");
  }
  if (init.origin !== null && (init.method ?? "GET") !== "GET") headers.set("Origin", init.origin ?? ORIGIN);
  if (init.client?.cookie) headers.set("Cookie", init.client.cookie);
  const res = await exports.default.fetch(new Request(ORIGIN + path, { ...init, headers, body: init.json !== undefined ? JSON.stringify(init.json) : init.body }));
  const setCookie = res.headers.get("Set-Cookie");
  if (setCookie && init.client) init.client.cookie = setCookie.split(";")[0];
  const text = await res.text();
  let body: any = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    body = text;
  }
  return { status: res.status, body, headers: res.headers };
}

/** The `Authorization` header a widget sends with its visitor token. */
export function bearer(token: string): Record<string, string> {
  return { Authorization: `Bearer ${token}` };
}
