/**
 * @module The open conversation's HTTP calls: its state and actions, its history pages,
 * labels, the contact panel and the lists the action menus offer. Every response is
 * parsed with the protocol's schema by the console's `call`; uploads are in uploads.ts.
 */
import { z } from "zod";
import {
  Agent,
  CannedResponse,
  ContactDetail,
  ConversationDetail,
  ConversationType,
  History,
  MessageTags,
  Ok,
  Tag,
  TagIds,
  Team,
} from "../../worker/protocol";
import type { AssignBody, StatusBody, UpdateContactBody } from "../../worker/protocol";
import { call } from "../api";

const conversation = (id: string) => `/api/v1/conversations/${encodeURIComponent(id)}`;
const contact = (id: string) => `/api/v1/contacts/${encodeURIComponent(id)}`;

export const paneApi = {
  detail: (id: string) => call(ConversationDetail, conversation(id)),
  /** Agents see every seq (gapless), so `after` + `limit` can address any window. */
  history: (id: string, after: number, limit: number) => call(History, `${conversation(id)}/messages?after=${after}&limit=${limit}`),
  assign: (id: string, body: z.input<typeof AssignBody>) => call(ConversationDetail, `${conversation(id)}/assign`, { method: "POST", body }),
  setStatus: (id: string, body: z.input<typeof StatusBody>) => call(ConversationDetail, `${conversation(id)}/status`, { method: "POST", body }),
  star: (id: string, starred: boolean) => call(Ok, `${conversation(id)}/star`, { method: "POST", body: { starred } }),
  markRead: (id: string, seq: number) => call(Ok, `${conversation(id)}/read`, { method: "POST", body: { seq } }),
  setTags: (id: string, tagIds: string[]) => call(TagIds, `${conversation(id)}/tags`, { method: "PUT", body: { tagIds } }),
  setType: (id: string, typeId: string | null) => call(ConversationDetail, `${conversation(id)}/type`, { method: "PUT", body: { typeId } }),
  messageTags: (id: string) => call(MessageTags, `${conversation(id)}/message-tags`),
  setMessageTags: (id: string, seq: number, tagIds: string[]) =>
    call(TagIds, `${conversation(id)}/messages/${seq}/tags`, { method: "PUT", body: { tagIds } }),

  contact: (id: string) => call(ContactDetail, contact(id)),
  updateContact: (id: string, body: z.input<typeof UpdateContactBody>) => call(ContactDetail, contact(id), { method: "PATCH", body }),

  canned: async (q: string) =>
    (await call(z.object({ cannedResponses: z.array(CannedResponse) }), `/api/v1/canned-responses?${new URLSearchParams({ q })}`)).cannedResponses,
  agents: async () => (await call(z.object({ agents: z.array(Agent) }), "/api/v1/agents")).agents,
  teams: async () => (await call(z.object({ teams: z.array(Team) }), "/api/v1/teams")).teams,
  tags: async () => (await call(z.object({ tags: z.array(Tag) }), "/api/v1/tags")).tags,
  types: async () => (await call(z.object({ types: z.array(ConversationType) }), "/api/v1/conversation-types")).types,
};
