/**
 * @module The room's socket chores that need no room state: reading a client frame
 * (size, JSON, schema, each refusal answered with an error frame) and replaying the log
 * and the read marks to a socket that just joined.
 */
import { ClientFrame, MAX_FRAME_BYTES } from "../protocol";
import type { Audience } from "./commands";
import type { EventLog } from "./event-log";
import { parseParticipantKey, participantKey, sendFrame, type Participant } from "./sockets";

const REPLAY_PAGE = 500;

/** The frame `message` holds, or null after telling the socket why not. */
export function readFrame(ws: WebSocket, message: string | ArrayBuffer): ClientFrame | null {
  if (typeof message !== "string" || message.length > MAX_FRAME_BYTES) {
    sendFrame(ws, { type: "error", code: "bad_frame", message: `Frames are JSON text up to ${MAX_FRAME_BYTES} bytes.` });
    return null;
  }
  let raw: unknown;
  try {
    raw = JSON.parse(message);
  } catch {
    sendFrame(ws, { type: "error", code: "malformed_json", message: "Frames must be JSON." });
    return null;
  }
  const parsed = ClientFrame.safeParse(raw);
  if (parsed.success) return parsed.data;
  // Name the message that failed, so the client can drop it from its outbox
  // instead of resending it after every reconnect.
  const clientId = (raw as { clientId?: unknown } | null)?.clientId;
  const issue = parsed.error.issues[0];
  sendFrame(ws, {
    type: "error",
    code: "validation_failed",
    message: issue ? `${issue.path.join(".") || "frame"}: ${issue.message}` : "bad frame",
    ...(typeof clientId === "string" && clientId.length <= 64 ? { clientId } : {}),
  });
  return null;
}

/** Sends the events after `after` (the audience's), then everyone else's read marks. */
export function replay(ws: WebSocket, log: EventLog, participant: Participant, after: number): void {
  const audience: Audience = participant.type;
  for (let from = after; ; ) {
    const page = log.after(from, REPLAY_PAGE, audience);
    for (const event of page) sendFrame(ws, { type: "event", event });
    if (page.length < REPLAY_PAGE) break;
    from = page[page.length - 1]!.seq;
  }
  // Read marks are ephemeral frames live, but stored: a socket that joins later (a
  // reload, another device) learns where everyone else has read up to.
  const self = participantKey(participant);
  for (const mark of log.readMarks()) {
    const reader = parseParticipantKey(mark.participant);
    if (mark.participant === self || !reader) continue;
    sendFrame(ws, { type: "read", actor: { ...reader, name: mark.name }, seq: mark.seq });
  }
}
