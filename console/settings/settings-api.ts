/**
 * @module The settings screens' HTTP calls: tags, canned responses, conversation types
 * (admins write, any agent reads) and the inbox list. Built on the console's own `call`
 * (../api.ts): each response parsed with the protocol's schema, each failure an ApiError
 * that keeps the server's `issues`, so a form can show each one next to its field.
 */
import { z } from "zod";
import {
  CannedResponse,
  ConversationType,
  Tag,
  type CreateCannedBody,
  type CreateTagBody,
  type ConversationTypeInput,
  type UpdateCannedBody,
  type UpdateTagBody,
} from "../../worker/protocol";
import { api, call } from "../api";

const Deleted = z.unknown();
const itemPath = (base: string, id: string) => `${base}/${encodeURIComponent(id)}`;

/** An admin's writes to one settings collection (`base`), each answered with `item`. */
export interface SettingsWrites<T, Create, Update> {
  create: (body: Create) => Promise<T>;
  update: (id: string, body: Update) => Promise<T>;
  remove: (id: string) => Promise<unknown>;
}

function writes<Item extends z.ZodType, Create, Update>(base: string, item: Item): SettingsWrites<z.output<Item>, Create, Update> {
  return {
    create: (body) => call(item, base, { method: "POST", body }),
    update: (id, body) => call(item, itemPath(base, id), { method: "PATCH", body }),
    remove: (id) => call(Deleted, itemPath(base, id), { method: "DELETE" }),
  };
}

const TAGS = "/api/v1/tags";
const TYPES = "/api/v1/conversation-types";
const CANNED = "/api/v1/canned-responses";

export const settingsApi = {
  tags: {
    list: async () => (await api.tags()).tags,
    ...writes<typeof Tag, z.input<typeof CreateTagBody>, z.input<typeof UpdateTagBody>>(TAGS, Tag),
  },
  types: {
    list: async () => (await api.types()).types,
    ...writes<typeof ConversationType, z.input<typeof ConversationTypeInput>, z.input<typeof ConversationTypeInput>>(TYPES, ConversationType),
  },
  canned: {
    /** `q` as the composer's `/` search uses it: shortcode matches first. */
    list: async (q = "") => (await api.canned(q)).cannedResponses,
    ...writes<typeof CannedResponse, z.input<typeof CreateCannedBody>, z.input<typeof UpdateCannedBody>>(CANNED, CannedResponse),
  },
  inboxes: async () => (await api.inboxes()).inboxes,
};
