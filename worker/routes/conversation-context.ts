/**
 * @module What the conversation routes share: finding the conversation a path names,
 * and answering with the caller's ConversationItem built from the room's state.
 */
import type { Context } from "hono";
import { database } from "../db/client";
import { findConversation } from "../db/conversations";
import { findConversationItem } from "../db/conversation-items";
import { ApiError } from "../http/api-error";
import type { ConversationDetail, ConversationSummary } from "../protocol";
import type { RoomState } from "../conversation/commands";
import type { AppEnv } from "../env";

export async function loadConversation(c: Context<AppEnv>, id: string): Promise<ConversationSummary> {
  const conversation = await findConversation(database(c.env.DB), id);
  if (!conversation) throw new ApiError(404, "conversation_not_found", "No conversation with that id.");
  return conversation;
}

/** The caller's item for a conversation whose state the room just returned: the room's
 * summary (newer than D1's copy, which trails by one projection) over D1's per-agent
 * columns (star, read mark, unread count) and labels (tags, type). */
export async function detailFromRoom(c: Context<AppEnv>, conversation: ConversationSummary, state: RoomState): Promise<ConversationDetail> {
  const own = await findConversationItem(database(c.env.DB), c.var.agent.id, conversation.id);
  if (!own) throw new ApiError(404, "conversation_not_found", "No conversation with that id.");
  return { conversation: { ...own, ...state, contactName: conversation.contactName } };
}
