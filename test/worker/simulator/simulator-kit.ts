/**
 * What the simulator tests share. The test environment leaves DEV_SIMULATOR unset (as a
 * deployed Worker does), so `exports.default.fetch` always sees the simulator switched
 * off; the tests that need it on call the app's `fetch` directly with a copy of the env
 * that sets it — the same app, routes and bindings, only the flag differs. That env also
 * points the Telegram and Twilio adapters at the simulator's stand-in APIs (as `npm run
 * dev` does), and fetches to the dev origin are answered by the app itself: what the
 * worker calls there (Telegram's `connect` on sample creation) reaches the stand-ins.
 */
import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { Hono } from "hono";
import { vi } from "vitest";
import { app } from "../../../worker/app";
import type { AppEnv, Env } from "../../../worker/env";
import { simulatorRoutes } from "../../../worker/simulator/routes";

export const LOCAL = "http://localhost:8787";

/** The test env with the simulator switched on, and the Telegram and Twilio adapters
 * pointed at its stand-ins. */
export const simEnv: Env = {
  ...(env as unknown as Env),
  DEV_SIMULATOR: "1",
  TELEGRAM_API_URL: `${LOCAL}/dev/simulator/telegram`,
  TWILIO_API_URL: `${LOCAL}/dev/simulator/twilio`,
} as Env;

/** Fetches to the dev origin answered in-process by the app with the simulator on. */
function loopback() {
  if (vi.isMockFunction(globalThis.fetch)) return;
  const real = globalThis.fetch;
  vi.spyOn(globalThis, "fetch").mockImplementation(async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    if (new URL(request.url).origin !== LOCAL) return real(request);
    const ctx = createExecutionContext();
    const res = await app.fetch(request, simEnv, ctx);
    await waitOnExecutionContext(ctx);
    return res;
  });
}

export interface Answer {
  status: number;
  body: any;
  headers: Headers;
  text: string;
  bytes: Uint8Array;
}

async function answerOf(res: Response): Promise<Answer> {
  const bytes = new Uint8Array(await res.arrayBuffer());
  const text = new TextDecoder().decode(bytes);
  let body: any = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    body = null;
  }
  return { status: res.status, body, headers: res.headers, text, bytes };
}

/** A request through the whole app with the simulator on (`url` absolute, or a path on
 * localhost:8787). JSON bodies get our Origin and the JSON content type, as the page sends. */
export async function sim(url: string, init: RequestInit & { json?: unknown; environment?: Env } = {}): Promise<Answer> {
  loopback();
  const headers = new Headers(init.headers);
  const full = url.startsWith("http") ? url : LOCAL + url;
  if (init.json !== undefined) {
    headers.set("Content-Type", "application/json");
    if (!headers.has("Origin")) headers.set("Origin", new URL(full).origin);
  }
  const ctx = createExecutionContext();
  const res = await app.fetch(new Request(full, { ...init, headers, body: init.json !== undefined ? JSON.stringify(init.json) : init.body }), init.environment ?? simEnv, ctx);
  await waitOnExecutionContext(ctx);
  return answerOf(res);
}

/** A simulator whose webhooks go to `answer` instead of the worker's routes: what it
 * delivers, signed, is kept in `delivered` (`body`: the JSON, or for a form (Twilio) its
 * parameters as an object). */
export function capturingSimulator(answer: (request: Request) => Response = () => Response.json({ ok: true })) {
  const delivered: Array<{ url: string; headers: Headers; raw: string; body: any }> = [];
  const simulator = new Hono<AppEnv>().route(
    "/",
    simulatorRoutes(async (request) => {
      const raw = await request.clone().text();
      const form = /^application\/x-www-form-urlencoded/.test(request.headers.get("Content-Type") ?? "");
      delivered.push({ url: request.url, headers: request.headers, raw, body: form ? Object.fromEntries(new URLSearchParams(raw)) : JSON.parse(raw) });
      return answer(request);
    }),
  );
  return {
    delivered,
    async call(path: string, init: RequestInit & { json?: unknown } = {}): Promise<Answer> {
      loopback();
      const headers = new Headers(init.headers);
      if (init.json !== undefined) {
        headers.set("Content-Type", "application/json");
        headers.set("Origin", LOCAL);
      }
      const ctx = createExecutionContext();
      const res = await simulator.fetch(new Request(LOCAL + path, { ...init, headers, body: init.json !== undefined ? JSON.stringify(init.json) : init.body }), simEnv, ctx);
      await waitOnExecutionContext(ctx);
      return answerOf(res);
    },
  };
}
