/**
 * @module The visitor's HTTP calls (`/api/v1/widget/*`), one function each. The token is
 * a bearer token, never a cookie: the chat runs in a third-party iframe, where cookies are
 * blocked or partitioned, and a bearer token cannot be forged cross-site.
 */
import type {
  Attachment,
  ErrorBody,
  History,
  MessageAck,
  ServerFrame,
  VisitorPage,
  WidgetConfig,
  WidgetContact,
  WidgetConsentBody,
  WidgetContactBody,
  WidgetFileLink,
  WidgetIdentifyBody,
  WidgetSession,
  WidgetSessionBody,
  WidgetSocketTicket,
} from "../worker/protocol";

const API = "/api/v1/widget";
const SERVER_FRAME_TYPES = new Set<string>(["hello", "event", "ack", "typing", "read", "queuePosition", "erased", "error"]);

/** An API refusal: `code` is the server's error code (`rate_limited`, `identity_required`…). */
export class WidgetApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export const visitorApi = {
  config: (inbox: string) => request<WidgetConfig>(`${API}/config?inbox=${encodeURIComponent(inbox)}`),
  /** With `token`, resumes that visitor; without (or when refused), starts a new one. */
  session: async (inbox: string, token: string | null, about: Omit<WidgetSessionBody, "inbox" | "token"> = {}) => {
    const body = token ? { inbox, token } : { inbox };
    try {
      return await request<WidgetSession>(`${API}/sessions`, { json: { ...body, ...about } });
    } catch (err) {
      // What the browser says about the visitor (a time zone this server does not know…)
      // must never cost them the chat: without it, the session is the same.
      if (!(err instanceof WidgetApiError && err.status === 400 && Object.keys(about).length > 0)) throw err;
      return request<WidgetSession>(`${API}/sessions`, { json: body });
    }
  },
  /** The visitor moved to another page of the site (single-page navigation). */
  page: (token: string, page: VisitorPage) => request<{ ok: true }>(`${API}/page`, { token, json: page }),
  history: (token: string, after: number) => request<History>(`${API}/messages?after=${after}`, { token }),
  identify: (token: string, user: WidgetIdentifyBody) => request<WidgetSession>(`${API}/identify`, { token, json: user }),
  updateContact: (token: string, changes: WidgetContactBody) =>
    request<{ contact: WidgetContact }>(`${API}/contact`, { token, json: changes, method: "PATCH" }),
  /** The pre-chat form's opt-in box was ticked: records the grant with the sentence shown. */
  consent: (token: string, body: WidgetConsentBody) => request<{ id: string; duplicate: boolean }>(`${API}/consent`, { token, json: body }),
  handoff: (token: string) => request<{ status: string }>(`${API}/handoff`, { token, method: "POST" }),
  csat: (token: string, rating: number, comment: string) => request<{ seq: number }>(`${API}/csat`, { token, json: { rating, comment } }),
  /** The raw file is the body; the server checks type, size and the bytes themselves. */
  upload: (token: string, file: File) =>
    request<Attachment>(`${API}/uploads`, {
      token,
      method: "POST",
      body: file,
      headers: { "Content-Type": file.type, "X-File-Name": encodeURIComponent(file.name) },
    }),
  /** A URL for one file that needs no token (`<img>` cannot send a header), signed for a
   * few minutes: the visitor token never appears in a link. */
  fileLink: (token: string, id: string) => request<WidgetFileLink>(`${API}/files/${encodeURIComponent(id)}/link`, { token }),
  /** A ticket for one socket upgrade, valid for a minute. */
  socketTicket: (token: string) => request<WidgetSocketTicket>(`${API}/socket-tickets`, { token, method: "POST" }),
  /** HTTP fallback for a message (same clientId semantics as the socket's `send`). */
  postMessage: (token: string, message: { body: string; clientId: string; attachmentIds?: string[] }) =>
    request<MessageAck>(`${API}/messages`, { token, json: message }),
};

/** Browsers cannot set headers on a WebSocket, so a short-lived socket ticket (never the
 * visitor token) travels in the query. */
export function socketUrl(ticket: string, after: number): string {
  const url = new URL(`${API}/ws`, location.href);
  url.protocol = url.protocol === "https:" ? "wss:" : "ws:";
  url.search = new URLSearchParams({ ticket, after: String(after) }).toString();
  return url.href;
}

/** The widget carries no zod (size budget): it trusts its own server and checks only
 * that the frame has a known tag. */
export function parseFrame(raw: unknown): ServerFrame | null {
  const type = (raw as { type?: unknown } | null)?.type;
  return typeof type === "string" && SERVER_FRAME_TYPES.has(type) ? (raw as ServerFrame) : null;
}

interface RequestOptions {
  token?: string;
  json?: unknown;
  method?: string;
  body?: BodyInit;
  headers?: Record<string, string>;
}

async function request<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers.Authorization = `Bearer ${options.token}`;
  if (options.json !== undefined) headers["Content-Type"] = "application/json";
  const res = await fetch(path, {
    method: options.method ?? (options.json === undefined && options.body === undefined ? "GET" : "POST"),
    headers,
    body: options.json === undefined ? options.body : JSON.stringify(options.json),
    credentials: "omit",
  });
  const body: unknown = await res.json().catch(() => null);
  if (!res.ok) {
    const error = (body as Partial<ErrorBody> | null)?.error;
    throw new WidgetApiError(res.status, error?.code ?? "http_error", error?.message ?? `HTTP ${res.status}`);
  }
  return body as T;
}
