/**
 * @module Telegram Bot API's documented limits, in one place, each with its source:
 * message and caption lengths, file sizes up and down, the webhook secret's alphabet,
 * and the update types our webhook asks for.
 */

/** The Bot API's real origin; calls go to `${base}/bot${token}/${method}` and files come
 * from `${base}/file/bot${token}/${file_path}` (https://core.telegram.org/bots/api#making-requests,
 * https://core.telegram.org/bots/api#getfile). */
export const BOT_API_BASE = "https://api.telegram.org";

/** sendMessage's `text`: 1-4096 characters after entities parsing
 * (https://core.telegram.org/bots/api#sendmessage). Our bodies may hold 10,000
 * (MAX_BODY_CHARS), so longer ones go out as several messages. */
export const MAX_TEXT_CHARS = 4_096;

/** A media message's caption: 0-1024 characters after entities parsing
 * (https://core.telegram.org/bots/api#sendphoto, #senddocument, #sendvoice). */
export const MAX_CAPTION_CHARS = 1_024;

const MB = 1024 * 1024;

/** getFile: "bots can download files of up to 20MB in size"
 * (https://core.telegram.org/bots/api#getfile). A bigger file is stored without its bytes. */
export const MAX_DOWNLOAD_BYTES = 20 * MB;

/** Uploads by multipart/form-data: photos up to 10 MB, other files up to 50 MB
 * (https://core.telegram.org/bots/api#sending-files). A photo above 10 MB goes as a document. */
export const MAX_PHOTO_UPLOAD_BYTES = 10 * MB;
export const MAX_FILE_UPLOAD_BYTES = 50 * MB;

/** Photos Telegram shows as photos (sendPhoto); anything else, a GIF included (sendPhoto
 * would keep one frame), is sent as a document. */
export const PHOTO_TYPES: ReadonlySet<string> = new Set(["image/jpeg", "image/png", "image/webp"]);

/** Voice notes must be OGG/Opus (or MP3/M4A) to show as one (https://core.telegram.org/bots/api#sendvoice). */
export const VOICE_TYPES: ReadonlySet<string> = new Set(["audio/ogg", "audio/mpeg", "audio/mp4"]);

/** The update types our webhook takes (setWebhook `allowed_updates`,
 * https://core.telegram.org/bots/api#update): private messages, their edits, and the
 * customer blocking or unblocking the bot. */
export const ALLOWED_UPDATES = ["message", "edited_message", "my_chat_member"] as const;

/** The webhook `secret_token` we generate: 1-256 characters of A-Z, a-z, 0-9, _ and -
 * (https://core.telegram.org/bots/api#setwebhook); 48 gives ~286 bits. */
export const WEBHOOK_SECRET_CHARS = 48;

/** The header Telegram sends the secret back in (https://core.telegram.org/bots/api#setwebhook). */
export const SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token";

/** A MIME type without parameters, lowercased. */
export function baseMimeType(contentType: string): string {
  return contentType.split(";")[0]!.trim().toLowerCase();
}
