/**
 * Help center test helpers: portals and articles made through the API as an editor makes
 * them, and public pages fetched as a browser does (HTML, a client address of its own).
 */
import { exports } from "cloudflare:workers";
import { expect } from "vitest";
import { call, ORIGIN, type Client } from "../http-client";

let counter = 0;
export const uniqueSlug = (prefix = "hc") => `${prefix}-${++counter}-${crypto.randomUUID().slice(0, 6)}`;

export async function created(path: string, json: unknown, client: Client): Promise<any> {
  const res = await call(path, { method: "POST", json, client });
  if (res.status !== 201) throw new Error(`${path}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

export function makePortal(client: Client, overrides: Record<string, unknown> = {}) {
  return created("/api/v1/help-center/portals", { name: "Ajuda", slug: uniqueSlug(), defaultLocale: "pt-BR", locales: ["pt-BR", "en", "es"], ...overrides }, client);
}

export function makeArticle(client: Client, portalId: string, overrides: Record<string, unknown> = {}) {
  return created("/api/v1/help-center/articles", { portalId, locale: "pt-BR", title: "Artigo", body: "Texto do artigo.", status: "published", ...overrides }, client);
}

/** A GET (or form POST) of the public site, as a browser from `address`. */
export async function site(path: string, init: { method?: string; form?: Record<string, string>; address?: string; origin?: string | null; host?: string } = {}) {
  const headers = new Headers({ "CF-Connecting-IP": init.address ?? "203.0.113.7" });
  let body: string | undefined;
  if (init.form) {
    headers.set("Content-Type", "application/x-www-form-urlencoded");
    body = new URLSearchParams(init.form).toString();
  }
  if (init.origin !== null && init.method === "POST") headers.set("Origin", init.origin ?? ORIGIN);
  const base = init.host ? `http://${init.host}` : ORIGIN;
  const res = await exports.default.fetch(new Request(base + path, { method: init.method ?? "GET", headers, body, redirect: "manual" }));
  return { status: res.status, headers: res.headers, text: await res.text() };
}

/** The page's HTML, expecting `status`. */
export async function pageHtml(path: string, status = 200): Promise<string> {
  const res = await site(path);
  expect(res.status, res.text.slice(0, 300)).toBe(status);
  return res.text;
}
