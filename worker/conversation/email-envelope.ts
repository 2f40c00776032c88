/**
 * @module The room's side of an e-mail reply: the envelope an agent's reply is stored
 * with (from, to, the Cc the agent chose, `Re:` the subject; worker/channels/email/
 * reply-content.ts), fixed when the reply is written, and the thread it answers, read
 * from the log when the delivery queue sends it (worker/channels/email/outbound-thread.ts).
 */
import { replyContent, type ThreadMail } from "../channels/email/reply-content";
import { outboundThread, type StoredMail } from "../channels/email/outbound-thread";
import type { OutboundEmail } from "../channels/types";
import type { EmailSettings, MessageEvent } from "../protocol";
import type { ChannelConfigCache } from "./channel-config-cache";
import { speaksForCompany } from "./delivery-rule";
import type { MessageCommand, RoomCommand, RoomState } from "./commands";
import type { DeliveryLog } from "./delivery-log";
import type { EventLog } from "./event-log";

/** The conversation's mail as the envelope and threading need it, oldest first. */
export function storedMail(log: EventLog, deliveries: DeliveryLog, beforeSeq = Infinity): StoredMail[] {
  return log.emailMessages().flatMap((m) =>
    m.seq < beforeSeq && m.content?.type === "email" && m.kind !== "note"
      ? [{ fromContact: m.actor.type === "contact", content: m.content, sentId: deliveries.outboundBySeq(m.seq)?.providerId ?? null }]
      : [],
  );
}

function threadNewestFirst(mail: StoredMail[]): ThreadMail[] {
  return [...mail].reverse().map(({ fromContact, content }) => ({ fromContact, content }));
}

/** An agent's reply on an e-mail conversation, with its envelope as content; any other
 * command as it is. The inbox's settings come from the room's cache; unreadable, the
 * envelope is made from the customer's mail alone. */
export async function withEmailEnvelope(state: RoomState, cmd: RoomCommand, log: EventLog, deliveries: DeliveryLog, config: ChannelConfigCache): Promise<RoomCommand> {
  if (state.channel !== "email" || cmd.type !== "message" || !speaksForCompany(cmd.actor) || cmd.kind === "note" || cmd.content) return cmd;
  let settings: EmailSettings | null = null;
  let inboxName: string | null = null;
  try {
    const loaded = await config.get();
    settings = loaded.settings as EmailSettings | null;
    inboxName = loaded.inboxName ?? null;
  } catch {
    // D1 unreadable and nothing cached: the customer's own mail still names our address.
  }
  const content = replyContent({
    thread: threadNewestFirst(storedMail(log, deliveries)),
    recipient: state.recipient ?? null,
    ...(cmd.cc ? { cc: cmd.cc } : {}),
    settings,
    inboxName,
    agentName: cmd.actor.name ?? null,
  });
  return { ...cmd, content } satisfies MessageCommand;
}

/** What the delivery queue hands the e-mail adapter for stored reply `event`. A reply
 * stored without an envelope (written before e-mail replies had one) gets one now. */
export function outboundEmailOf(event: MessageEvent, state: RoomState, log: EventLog, deliveries: DeliveryLog, settings: EmailSettings, inboxName: string | null): OutboundEmail {
  const earlier = storedMail(log, deliveries, event.seq);
  const content =
    event.content?.type === "email"
      ? event.content
      : replyContent({ thread: threadNewestFirst(earlier), recipient: state.recipient ?? null, settings, inboxName, agentName: event.actor.name ?? null });
  return outboundThread(content, earlier);
}
