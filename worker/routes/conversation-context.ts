/**
 * @module What the conversation routes share: finding the conversation a path names,
 * and answering with the caller's ConversationItem built from the room's state.
 */
import type { Context } from "hono";
import { findConversation } from "../db/conversations";
import { findConversationItem } from "../db/conversation-items";
import { ApiError } from "../http/api-error";
import type { ConversationDetail, ConversationItem, ConversationSummary } from "../protocol";
import type { RoomState } from "../conversation/commands";
import type { AppEnv } from "../env";

function notFound(): ApiError {
  return new ApiError(404, "conversation_not_found", "No conversation with that id.");
}

export async function loadConversation(c: Context<AppEnv>, id: string): Promise<ConversationSummary> {
  const conversation = await findConversation(c.var.db, id);
  if (!conversation) throw notFound();
  return conversation;
}

/** The conversation as the caller's list row, for routes that answer with a detail: one
 * D1 read serves both as the room's seed and as the per-agent columns of the answer. */
export async function loadItem(c: Context<AppEnv>, id: string): Promise<ConversationItem> {
  const item = await findConversationItem(c.var.db, c.var.agent.id, id);
  if (!item) throw notFound();
  return item;
}

/** The caller's item with the room's summary over D1's copy, which trails it by one
 * projection; the star, read mark, unread count, tags and type are D1's. */
export function detailFromRoom(item: ConversationItem, state: RoomState): ConversationDetail {
  return { conversation: { ...item, ...state, contactName: item.contactName } };
}
