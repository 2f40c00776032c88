/**
 * @module The open conversation's HTTP calls: its state and actions, its history pages,
 * labels, the contact panel, the canned responses and the channel's templates. Every response is
 * parsed with the protocol's schema by the console's `call`; uploads are in uploads.ts.
 */
import { z } from "zod";
import { AssignResult, ChannelTemplateList, ContactDetail, ConversationDetail, MessageAck, MessageTags, Ok, TagIds } from "../../worker/protocol";
import type { AssignBody, PostMessageBody, ScheduleCallbackBody, StatusBody, UpdateContactBody } from "../../worker/protocol";
import { api, call } from "../api";
import { LenientHistory } from "./stored-events";

const conversation = (id: string) => `/api/v1/conversations/${encodeURIComponent(id)}`;
const contact = (id: string) => `/api/v1/contacts/${encodeURIComponent(id)}`;

export const paneApi = {
  detail: api.conversation,
  /** Agents see every seq (gapless), so `after` + `limit` can address any window. Events
   * the console cannot read arrive as unknown ones instead of failing the page. */
  history: (id: string, after: number, limit: number) => call(LenientHistory, `${conversation(id)}/messages?after=${after}&limit=${limit}`),
  assign: (id: string, body: z.input<typeof AssignBody>) => call(AssignResult, `${conversation(id)}/assign`, { method: "POST", body }),
  setStatus: (id: string, body: z.input<typeof StatusBody>) => call(ConversationDetail, `${conversation(id)}/status`, { method: "POST", body }),
  /** Issue 14: call the customer back at `at` (ms); DELETE cancels (a no-op when none is set). */
  scheduleCallback: (id: string, at: number) => call(ConversationDetail, `${conversation(id)}/callback`, { method: "PUT", body: { at } satisfies ScheduleCallbackBody }),
  cancelCallback: (id: string) => call(ConversationDetail, `${conversation(id)}/callback`, { method: "DELETE" }),
  star: api.star,
  markRead: (id: string, seq: number) => call(Ok, `${conversation(id)}/read`, { method: "POST", body: { seq } }),
  setTags: (id: string, tagIds: string[]) => call(TagIds, `${conversation(id)}/tags`, { method: "PUT", body: { tagIds } }),
  setType: (id: string, typeId: string | null) => call(ConversationDetail, `${conversation(id)}/type`, { method: "PUT", body: { typeId } }),
  messageTags: (id: string) => call(MessageTags, `${conversation(id)}/message-tags`),
  setMessageTags: (id: string, seq: number, tagIds: string[]) =>
    call(TagIds, `${conversation(id)}/messages/${seq}/tags`, { method: "PUT", body: { tagIds } }),

  contact: (id: string) => call(ContactDetail, contact(id)),
  updateContact: (id: string, body: z.input<typeof UpdateContactBody>) => call(ContactDetail, contact(id), { method: "PATCH", body }),

  canned: async (q: string) => (await api.canned(q)).cannedResponses,

  /** The inbox's approved message templates (WhatsApp), for the composer's picker. */
  templates: (inboxId: string) => call(ChannelTemplateList, `/api/v1/inboxes/${encodeURIComponent(inboxId)}/templates`),
  /** Over HTTP, not the socket: a socket `send` frame has no template. */
  postMessage: (id: string, body: z.input<typeof PostMessageBody>) => call(MessageAck, `${conversation(id)}/messages`, { method: "POST", body }),
};
