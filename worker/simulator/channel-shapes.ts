/**
 * @module The Telegram and Twilio inbox settings and credentials as the simulator reads
 * them: the protocol's own shapes (one statement of each wire shape), under the names the
 * simulator uses.
 */
import { SmsSettings, TelegramCredentials, TelegramSettings, TwilioCredentials } from "../protocol";

export const TelegramSimSettings = TelegramSettings;
export type TelegramSimSettings = TelegramSettings;
export const TelegramSimCredentials = TelegramCredentials;
export type TelegramSimCredentials = TelegramCredentials;
export const TwilioSimSettings = SmsSettings;
export type TwilioSimSettings = SmsSettings;
export const TwilioSimCredentials = TwilioCredentials;
export type TwilioSimCredentials = TwilioCredentials;

/** The bot's numeric id: the part of its token before the colon. */
export function botIdOf(botToken: string): string {
  return botToken.slice(0, botToken.indexOf(":"));
}
