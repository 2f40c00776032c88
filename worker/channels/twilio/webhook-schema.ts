/**
 * @module The form parameters of Twilio's webhooks, as zod: an incoming message
 * (https://www.twilio.com/docs/messaging/guides/webhook-request) and a status callback
 * (https://www.twilio.com/docs/messaging/guides/track-outbound-message-status). Twilio
 * adds parameters without notice, so unknown ones pass through unread.
 */
import { z } from "zod";

/** A Message SID: SM (or MM for an MMS) + 32 hex
 * (https://www.twilio.com/docs/messaging/api/message-resource#message-properties). */
const MessageSid = z.string().regex(/^[A-Z]{2}[0-9a-f]{32}$/, "a Message SID");
/** A phone number, short code, or channel address (`whatsapp:+5511…`). */
const Address = z.string().trim().min(1).max(128);
const Count = z.string().regex(/^\d{1,2}$/).transform(Number);

export const IncomingMessage = z.looseObject({
  MessageSid,
  From: Address,
  To: Address,
  Body: z.string().max(64_000).default(""),
  NumMedia: Count.pipe(z.number().max(10)).default(0),
  /** WhatsApp through Twilio: the customer's profile name and WhatsApp id. */
  ProfileName: z.string().max(256).optional(),
  WaId: z.string().max(64).optional(),
  OptOutType: z.string().max(32).optional(),
});
export type IncomingMessage = z.infer<typeof IncomingMessage>;

/** One of an MMS's files: `MediaUrlN` and `MediaContentTypeN`. */
export const IncomingMedia = z.object({ url: z.string().url().max(2_048), contentType: z.string().min(1).max(255) });

export const StatusCallback = z.looseObject({
  MessageSid,
  MessageStatus: z.string().min(1).max(32),
  /** The customer, for a message we sent. */
  To: Address,
  ErrorCode: z.string().regex(/^\d{1,10}$/).optional(),
});
export type StatusCallback = z.infer<typeof StatusCallback>;
