/**
 * @module The visitor's side of the widget API: start or resume a session, read the
 * history, find the socket. The token is kept per inbox in localStorage, so a reload (or
 * a later visit) continues the same conversation.
 */
import type { ErrorBody, History, ServerFrame, WidgetSession } from "../worker/protocol";
import { safeLocalStorage } from "./live/outbox";

const API = "/api/v1/widget";
const tokenKey = (inbox: string) => `switchboard:visitor-token:${inbox}`;
const SERVER_FRAME_TYPES = new Set<string>(["hello", "event", "ack", "typing", "read", "error"]);

export class WidgetApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** Resumes the stored session, or starts a new one when there is none or the server no
 * longer accepts it (a rotated key, a deleted contact). */
export async function startSession(inbox: string, storage = safeLocalStorage()): Promise<WidgetSession> {
  const stored = readToken(storage, inbox);
  let session: WidgetSession;
  try {
    session = await postSession(inbox, stored);
  } catch (err) {
    const tokenRefused = err instanceof WidgetApiError && stored !== undefined && (err.status === 401 || err.status === 403);
    if (!tokenRefused) throw err;
    session = await postSession(inbox, undefined);
  }
  try {
    storage?.setItem(tokenKey(inbox), session.token);
  } catch {
    // Storage full or blocked: the conversation lasts as long as this page.
  }
  return session;
}

export async function loadHistory(token: string, after: number): Promise<History> {
  return request<History>(`${API}/messages?after=${after}`, { headers: { Authorization: `Bearer ${token}` } });
}

/** Browsers cannot set headers on a WebSocket, so the token travels in the query. */
export function socketUrl(token: string, after: number): string {
  const url = new URL(`${API}/ws`, location.href);
  url.protocol = url.protocol === "https:" ? "wss:" : "ws:";
  url.search = new URLSearchParams({ token, after: String(after) }).toString();
  return url.href;
}

/** The widget carries no zod (size budget): it trusts its own server and checks only
 * that the frame has a known tag. */
export function parseFrame(raw: unknown): ServerFrame | null {
  const type = (raw as { type?: unknown } | null)?.type;
  return typeof type === "string" && SERVER_FRAME_TYPES.has(type) ? (raw as ServerFrame) : null;
}

function postSession(inbox: string, token: string | undefined): Promise<WidgetSession> {
  return request<WidgetSession>(`${API}/sessions`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(token === undefined ? { inbox } : { inbox, token }),
  });
}

function readToken(storage: Storage | null, inbox: string): string | undefined {
  try {
    return storage?.getItem(tokenKey(inbox)) ?? undefined;
  } catch {
    return undefined;
  }
}

async function request<T>(path: string, init: RequestInit): Promise<T> {
  const res = await fetch(path, { ...init, credentials: "omit" });
  const body: unknown = await res.json().catch(() => null);
  if (!res.ok) {
    const error = (body as Partial<ErrorBody> | null)?.error;
    throw new WidgetApiError(res.status, error?.code ?? "http_error", error?.message ?? `HTTP ${res.status}`);
  }
  return body as T;
}
