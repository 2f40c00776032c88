/**
 * @module The Telegram and Twilio inbox settings and credentials as the simulator reads
 * them: the shapes agreed for issue 12 (settings `{ reopenWindowHours }` and `{ medium,
 * from, messagingServiceSid, publicBaseUrl, reopenWindowHours }`; credentials `{ botToken,
 * webhookSecret }` and `{ accountSid, authToken }`). The protocol's own zod for these
 * kinds is written beside the adapters, in parallel with this file; these are loose
 * readers of the fields the simulator needs (unknown keys pass), so they accept whatever
 * the protocol's stricter shapes store. Once both are on main, the lead may point these
 * names at the protocol's shapes.
 */
import { z } from "zod";

export const TelegramSimSettings = z.object({ reopenWindowHours: z.number().int().optional() }).loose();
export type TelegramSimSettings = z.infer<typeof TelegramSimSettings>;

/** A bot token is `{bot id}:{secret}` (https://core.telegram.org/bots/api#authorizing-your-bot). */
export const TelegramSimCredentials = z.object({ botToken: z.string().regex(/^\d+:[A-Za-z0-9_-]+$/), webhookSecret: z.string().min(1) }).loose();
export type TelegramSimCredentials = z.infer<typeof TelegramSimCredentials>;

export const TwilioSimSettings = z
  .object({
    medium: z.enum(["sms", "whatsapp"]),
    from: z.string(),
    messagingServiceSid: z.string().default(""),
    publicBaseUrl: z.string().default(""),
  })
  .loose()
  .refine((s) => s.from !== "" || s.messagingServiceSid !== "", "needs a from number or a messaging service");
export type TwilioSimSettings = z.infer<typeof TwilioSimSettings>;

export const TwilioSimCredentials = z.object({ accountSid: z.string().regex(/^AC[0-9a-f]{32}$/), authToken: z.string().min(1) }).loose();
export type TwilioSimCredentials = z.infer<typeof TwilioSimCredentials>;

/** The bot's numeric id: the part of its token before the colon. */
export function botIdOf(botToken: string): string {
  return botToken.slice(0, botToken.indexOf(":"));
}
