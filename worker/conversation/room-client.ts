/**
 * @module How Worker routes reach a ConversationRoom: `roomOf` gives a stub already bound
 * to the conversation's seed (read from D1 by the route), so no caller restates it, and
 * every refusal becomes its API error through one exhaustive table.
 */
import type { Attachment, ConversationSummary, ErrorCode } from "../protocol";
import type { Env } from "../env";
import { ApiError } from "../http/api-error";
import type { NamedParticipant, Participant } from "./sockets";
import { seedOf, type Audience, type CommandResult, type RefusalCode, type RoomCommand } from "./commands";
import type { RoomInboundItem } from "../channels/types";
import type { IngestContact } from "./ingest";
import { PARTICIPANT_HEADER, SEED_HEADER } from "./room";
import type { ErasureScope } from "./erasure";

/** The HTTP status of each refusal. A `Record` over every code, so a new refusal fails
 * the typecheck until it has a row here (a default branch once turned every refusal but
 * `rate_limited` into `attachment_not_found`). */
const REFUSAL_STATUS: Record<RefusalCode, 400 | 404 | 422 | 429 | 503> = {
  attachment_not_found: 400,
  message_not_found: 404,
  // Well-formed, but the channel's rules refuse it now (the console offers a template).
  outside_service_window: 422,
  recipient_unreachable: 422,
  // LGPD: no consent for the purpose, and the customer has not written in 24 hours.
  consent_required: 422,
  rate_limited: 429,
  unavailable: 503,
};

/** The API error a route answers with when the room refuses `code`. */
export function refusalError(code: RefusalCode, message: string): ApiError {
  return new ApiError(REFUSAL_STATUS[code], code satisfies ErrorCode, message);
}

/** The conversation's room, every call already carrying its seed. */
export function roomOf(env: Env, conversation: ConversationSummary) {
  const stub = env.CONVERSATION_ROOM.getByName(conversation.id);
  const seed = seedOf(conversation);
  return {
    /** Sends a command; a refusal is thrown as its API error. */
    async command(cmd: RoomCommand): Promise<CommandResult> {
      const outcome = await stub.command(seed, cmd);
      if ("refused" in outcome) throw refusalError(outcome.refused.code, outcome.refused.message);
      return outcome;
    },
    snapshot: () => stub.snapshot(seed),
    /** Stores a channel webhook's items for this conversation, in the provider's order. */
    ingest: (contact: IngestContact, items: RoomInboundItem[]) => stub.ingest(seed, contact, items),
    /** Which of these provider message ids the conversation already holds. */
    heldProviderIds: (providerIds: string[]) => stub.heldProviderIds(seed, providerIds),
    history: (after: number, limit: number, audience: Audience) => stub.history(seed, after, limit, audience),
    registerUpload: (owner: { type: "contact" | "agent" | "bot"; id: string }, attachment: Attachment) => stub.registerUpload(seed, owner, attachment),
    /** Erases the conversation's personal data (issue 16, ./erasure.ts). */
    erase: (scope: ErasureScope, resolvedBefore?: number) => stub.erase(seed, scope, resolvedBefore),
    contactMaySee: (contactId: string, fileId: string) => stub.contactMaySee(seed, contactId, fileId),
    /** Hands a WebSocket upgrade to the room with the caller's verified identity. The
     * identity headers are set here, overwriting anything the client sent. */
    async connect(request: Request, participant: NamedParticipant): Promise<Response> {
      if (request.headers.get("Upgrade")?.toLowerCase() !== "websocket") {
        throw new ApiError(400, "bad_request", "This endpoint only speaks WebSocket (send Upgrade: websocket).");
      }
      const headers = new Headers(request.headers);
      headers.set(PARTICIPANT_HEADER, JSON.stringify(participant));
      headers.set(SEED_HEADER, JSON.stringify(seed));
      return stub.fetch(new Request(request.url, { headers }));
    },
  };
}
