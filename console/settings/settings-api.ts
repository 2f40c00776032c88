/**
 * @module The settings screens' HTTP calls: tags, canned responses, conversation types
 * (admins write, any agent reads) and the inbox list. Like the console's own client
 * (../api.ts), each response is parsed with the protocol's schema; unlike it, a failure
 * keeps the server's `issues`, so a form can show each one next to its field.
 */
import { z } from "zod";
import {
  CannedResponse,
  ConversationType,
  ErrorBody,
  Inbox,
  Tag,
  type CreateCannedBody,
  type CreateTagBody,
  type ConversationTypeInput,
  type UpdateCannedBody,
  type UpdateTagBody,
} from "../../worker/protocol";
import { ApiError, SESSION_LOST_EVENT } from "../api";

export type Issue = { path: (string | number)[]; message: string };

/** An API failure with the server's per-field issues (empty when it sent none). */
export class SettingsApiError extends ApiError {
  constructor(
    status: number,
    code: string,
    message: string,
    readonly issues: Issue[],
  ) {
    super(status, code, message);
  }
}

async function request<S extends z.ZodType>(schema: S, path: string, init: { method?: string; body?: unknown } = {}): Promise<z.output<S>> {
  const res = await fetch(path, {
    method: init.method ?? "GET",
    credentials: "same-origin",
    headers: init.body === undefined ? {} : { "Content-Type": "application/json" },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  const json: unknown = await res.json().catch(() => null);
  if (!res.ok) {
    const parsed = ErrorBody.safeParse(json);
    const error = parsed.success ? parsed.data.error : { code: "http_error", message: `HTTP ${res.status}`, issues: undefined };
    if (error.code === "unauthenticated") dispatchEvent(new Event(SESSION_LOST_EVENT));
    throw new SettingsApiError(res.status, error.code, error.message, error.issues ?? []);
  }
  return schema.parse(json);
}

const Deleted = z.unknown();
const path = (base: string, id: string) => `${base}/${encodeURIComponent(id)}`;

const TAGS = "/api/v1/tags";
const TYPES = "/api/v1/conversation-types";
const CANNED = "/api/v1/canned-responses";

export const settingsApi = {
  tags: async () => (await request(z.object({ tags: z.array(Tag) }), TAGS)).tags,
  createTag: (body: z.input<typeof CreateTagBody>) => request(Tag, TAGS, { method: "POST", body }),
  updateTag: (id: string, body: z.input<typeof UpdateTagBody>) => request(Tag, path(TAGS, id), { method: "PATCH", body }),
  deleteTag: (id: string) => request(Deleted, path(TAGS, id), { method: "DELETE" }),

  types: async () => (await request(z.object({ types: z.array(ConversationType) }), TYPES)).types,
  createType: (body: z.input<typeof ConversationTypeInput>) => request(ConversationType, TYPES, { method: "POST", body }),
  updateType: (id: string, body: z.input<typeof ConversationTypeInput>) => request(ConversationType, path(TYPES, id), { method: "PATCH", body }),
  deleteType: (id: string) => request(Deleted, path(TYPES, id), { method: "DELETE" }),

  canned: async (q: string) => {
    const query = q.trim() ? `?${new URLSearchParams({ q: q.trim() })}` : "";
    return (await request(z.object({ cannedResponses: z.array(CannedResponse) }), CANNED + query)).cannedResponses;
  },
  createCanned: (body: z.input<typeof CreateCannedBody>) => request(CannedResponse, CANNED, { method: "POST", body }),
  updateCanned: (id: string, body: z.input<typeof UpdateCannedBody>) => request(CannedResponse, path(CANNED, id), { method: "PATCH", body }),
  deleteCanned: (id: string) => request(Deleted, path(CANNED, id), { method: "DELETE" }),

  inboxes: async () => (await request(z.object({ inboxes: z.array(Inbox) }), "/api/v1/inboxes")).inboxes,
};
