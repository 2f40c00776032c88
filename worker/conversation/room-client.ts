/**
 * @module How Worker routes reach a ConversationRoom: by conversation id, with the seed
 * read from D1, over RPC for commands and over fetch for socket upgrades.
 */
import type { ConversationSummary } from "../protocol";
import { seedOf } from "../db/conversations";
import type { Env } from "../env";
import { ApiError } from "../http/api-error";
import type { NamedParticipant } from "./sockets";
import type { CommandResult, RoomCommand } from "./commands";
import { PARTICIPANT_HEADER, SEED_HEADER } from "./room";

export function roomStub(env: Env, conversationId: string) {
  return env.CONVERSATION_ROOM.getByName(conversationId);
}

/** Sends a command to the conversation's room; a refusal becomes the matching API error. */
export async function runCommand(env: Env, conversation: ConversationSummary, cmd: RoomCommand): Promise<CommandResult> {
  const outcome = await roomStub(env, conversation.id).command(seedOf(conversation), cmd);
  if ("refused" in outcome) {
    const { code, message } = outcome.refused;
    throw code === "rate_limited" ? new ApiError(429, "rate_limited", message) : new ApiError(400, "attachment_not_found", message);
  }
  return outcome;
}

/** Hands a WebSocket upgrade to the room with the caller's verified identity. The
 * identity headers are set here, overwriting anything the client sent. */
export async function connectToRoom(env: Env, request: Request, conversation: ConversationSummary, participant: NamedParticipant): Promise<Response> {
  if (request.headers.get("Upgrade")?.toLowerCase() !== "websocket") {
    throw new ApiError(400, "bad_request", "This endpoint only speaks WebSocket (send Upgrade: websocket).");
  }
  const headers = new Headers(request.headers);
  headers.set(PARTICIPANT_HEADER, JSON.stringify(participant));
  headers.set(SEED_HEADER, JSON.stringify(seedOf(conversation)));
  return roomStub(env, conversation.id).fetch(new Request(request.url, { headers }));
}
