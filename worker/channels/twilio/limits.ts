/**
 * @module Twilio's documented limits and fixed values, each with the page that states it.
 */
import type { ProviderContext } from "../types";

export type TwilioContext = ProviderContext<"sms">;

/** The real REST API; TWILIO_API_URL overrides it (tests, the local simulator). */
export const TWILIO_API_BASE = "https://api.twilio.com";

/** A message body may be up to 1,600 characters; Twilio splits a long SMS into segments
 * itself, but refuses a longer body (error 21617,
 * https://www.twilio.com/docs/api/errors/21617). Longer replies go out as several
 * messages of at most this many characters. */
export const MAX_BODY_CHARS = 1_600;

/** Up to 10 media files per message, 5 MB of media in all
 * (https://www.twilio.com/docs/messaging/api/media-resource, error 21623
 * https://www.twilio.com/docs/api/errors/21623, error 63034
 * https://www.twilio.com/docs/api/errors/63034). The same 5 MB caps what we copy from an
 * inbound MMS. */
export const MAX_MEDIA_PER_MESSAGE = 10;
export const MAX_MEDIA_BYTES = 5 * 1024 * 1024;

/** How long the signed link to an outbound file works. Twilio fetches MediaUrl when it
 * sends the message (https://www.twilio.com/docs/messaging/api/message-resource#create-a-message-resource),
 * normally within seconds; an hour covers a message waiting in a Messaging Service's
 * queue while bounding what a leaked link is worth. */
export const MEDIA_LINK_TTL_MS = 60 * 60_000;

/** Twilio's error 21610: the recipient replied STOP, and Twilio refuses to send to them
 * until they reply START (https://www.twilio.com/docs/api/errors/21610). */
export const ERROR_UNSUBSCRIBED = 21610;

/** Twilio's answer to a webhook is TwiML; an empty `<Response/>` sends nothing back
 * (https://www.twilio.com/docs/messaging/twiml). */
export const EMPTY_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response/>';

/** The SMS and MMS channel has no customer-service window; WhatsApp through Twilio keeps
 * WhatsApp's 24 hours (https://www.twilio.com/docs/whatsapp/key-concepts#the-24-hour-window-or-24-hour-session). */
export const WHATSAPP_WINDOW_MS = 24 * 60 * 60_000;
