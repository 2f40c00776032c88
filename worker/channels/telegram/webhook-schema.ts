/**
 * @module The Bot API `Update` our webhook reads, as zod (https://core.telegram.org/bots/api#update
 * and #message, #chatmemberupdated): what we read of it, checked before any of it is used.
 *
 * Strict where we depend on a field (ids, dates, the chat, each file's id), lenient
 * elsewhere: unknown keys are dropped and unknown update kinds pass (acknowledged and
 * ignored), so Telegram's additions are not refused — a refused update is redelivered
 * and holds back every later one of the bot (https://core.telegram.org/bots/api#setwebhook).
 */
import { z } from "zod";
import { jsonText } from "../json-text";
import { UserName, UserText } from "../../protocol";

/** Telegram's ids: integers up to 52 significant bits (chat ids may exceed 32 bits,
 * https://core.telegram.org/bots/api#chat), safe as JS numbers. */
const IntId = z.number().int().min(-(2 ** 53) + 1).max(2 ** 53 - 1);
/** Unix seconds → epoch ms. */
const Seconds = z.number().int().nonnegative().max(2 ** 40).transform((s) => s * 1000);
const FileId = z.string().min(1).max(512);
const FileSize = z.number().int().nonnegative().optional();
const Mime = z.string().max(255).optional();

const User = z.object({
  id: IntId,
  is_bot: z.boolean().optional(),
  first_name: UserName.max(256).optional(),
  last_name: UserName.max(256).optional(),
  username: z.string().max(64).optional(),
});

export const Chat = z.object({
  id: IntId,
  type: z.string().min(1).max(32),
  first_name: UserName.max(256).optional(),
  last_name: UserName.max(256).optional(),
  username: z.string().max(64).optional(),
});
export type Chat = z.infer<typeof Chat>;

const PhotoSize = z.object({ file_id: FileId, width: z.number().int().nonnegative(), height: z.number().int().nonnegative(), file_size: FileSize });
export type PhotoSize = z.infer<typeof PhotoSize>;

const FileBase = { file_id: FileId, file_size: FileSize, mime_type: Mime };
const NamedFile = z.object({ ...FileBase, file_name: UserName.max(1_000).optional() });
export type NamedFile = z.infer<typeof NamedFile>;

/** The fields a message's content may come in (one of them, usually), and a reply's. */
const Content = {
  text: UserText.optional(),
  caption: UserText.optional(),
  photo: z.array(PhotoSize).min(1).optional(),
  document: NamedFile.optional(),
  voice: z.object(FileBase).optional(),
  audio: NamedFile.extend({ title: UserName.max(256).optional(), performer: UserName.max(256).optional() }).optional(),
  video: NamedFile.optional(),
  video_note: z.object({ file_id: FileId, file_size: FileSize }).optional(),
  sticker: z.object({ file_id: FileId, file_size: FileSize, emoji: z.string().max(32).optional(), is_animated: z.boolean().optional(), is_video: z.boolean().optional() }).optional(),
  location: z.object({ latitude: z.number().min(-90).max(90), longitude: z.number().min(-180).max(180) }).optional(),
  venue: z.object({ title: UserName.max(1_000), address: UserName.max(1_000) }).optional(),
  contact: z.object({ phone_number: z.string().max(64), first_name: UserName.max(256), last_name: UserName.max(256).optional(), user_id: IntId.optional() }).optional(),
};

/** The message quoted by a reply: only its ids matter (it is already stored, or not ours). */
const QuotedMessage = z.object({ message_id: IntId, chat: Chat.pick({ id: true }).optional() });

export const Message = z.object({
  message_id: IntId,
  date: Seconds,
  /** Set on an edited message: when it was edited. */
  edit_date: Seconds.optional(),
  chat: Chat,
  from: User.optional(),
  reply_to_message: QuotedMessage.optional(),
  ...Content,
});
export type Message = z.infer<typeof Message>;

const ChatMember = z.object({ status: z.string().min(1).max(32) });

export const ChatMemberUpdated = z.object({
  chat: Chat,
  from: User,
  date: Seconds,
  old_chat_member: ChatMember,
  new_chat_member: ChatMember,
});
export type ChatMemberUpdated = z.infer<typeof ChatMemberUpdated>;

export const Update = z.object({
  update_id: IntId,
  message: Message.optional(),
  edited_message: Message.optional(),
  my_chat_member: ChatMemberUpdated.optional(),
});
export type Update = z.infer<typeof Update>;

/** The raw body: JSON first, then the shape. */
export const UpdateJson = jsonText(Update);
