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
import { callerId, mayUseInbox } from "../auth/principal";

function notFound(): ApiError {
  return new ApiError(404, "conversation_not_found", "No conversation with that id.");
}

/** The conversation a path names; 404 also when the caller is a token limited to other
 * inboxes (to it, the conversation does not exist). */
export async function loadConversation(c: Context<AppEnv>, id: string): Promise<ConversationSummary> {
  const conversation = await findConversation(c.var.db, id);
  if (!conversation || !mayUseInbox(c, conversation.inboxId)) throw notFound();
  return conversation;
}

/** The conversation as the caller's list row, for routes that answer with a detail: one
 * D1 read serves both as the room's seed and as the per-agent columns of the answer. */
export async function loadItem(c: Context<AppEnv>, id: string): Promise<ConversationItem> {
  const item = await findConversationItem(c.var.db, callerId(c), id);
  if (!item || !mayUseInbox(c, item.inboxId)) throw notFound();
  return item;
}

/** The caller's item with the room's summary over D1's copy, which trails it by one
 * projection; the star, read mark, unread count, tags and type are D1's. */
export function detailFromRoom(item: ConversationItem, state: RoomState): ConversationDetail {
  return { conversation: { ...item, ...state, contactName: item.contactName } };
}
