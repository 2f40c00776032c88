/**
 * The Telegram webhook bodies the tests use, as their exact text (test/fixtures/channels/
 * telegram, provenance in ../SOURCES.md): real ones from teloxide and ones written from
 * the Bot API reference. teloxide's photo fixtures are `Message`s: wrapped in an Update.
 */
import photoCaption from "../../fixtures/channels/telegram/teloxide_message_photo_caption_entities.json?raw";
import photoCyrillic from "../../fixtures/channels/telegram/teloxide_message_photo_cyrillic_names.json?raw";
import teloxideText from "../../fixtures/channels/telegram/teloxide_update_text_private.json?raw";
import audio from "../../fixtures/channels/telegram/update_audio.json?raw";
import callbackQuery from "../../fixtures/channels/telegram/update_callback_query.json?raw";
import contact from "../../fixtures/channels/telegram/update_contact.json?raw";
import documentMessage from "../../fixtures/channels/telegram/update_document.json?raw";
import edited from "../../fixtures/channels/telegram/update_edited_message.json?raw";
import groupMessage from "../../fixtures/channels/telegram/update_group_message.json?raw";
import location from "../../fixtures/channels/telegram/update_location.json?raw";
import kicked from "../../fixtures/channels/telegram/update_my_chat_member_kicked.json?raw";
import member from "../../fixtures/channels/telegram/update_my_chat_member_member.json?raw";
import poll from "../../fixtures/channels/telegram/update_poll.json?raw";
import reply from "../../fixtures/channels/telegram/update_reply.json?raw";
import sticker from "../../fixtures/channels/telegram/update_sticker.json?raw";
import textEntities from "../../fixtures/channels/telegram/update_text_entities.json?raw";
import venue from "../../fixtures/channels/telegram/update_venue.json?raw";
import video from "../../fixtures/channels/telegram/update_video.json?raw";
import videoNote from "../../fixtures/channels/telegram/update_video_note.json?raw";
import voice from "../../fixtures/channels/telegram/update_voice.json?raw";

/** A teloxide `Message` fixture as the Update Telegram delivers it. */
const asUpdate = (message: string, updateId: number) => `{"update_id":${updateId},"message":${message}}`;

export const TG = {
  teloxideText,
  photoCaption: asUpdate(photoCaption, 800000001),
  photoCyrillic: asUpdate(photoCyrillic, 800000002),
  textEntities,
  edited,
  document: documentMessage,
  voice,
  audio,
  video,
  videoNote,
  sticker,
  location,
  venue,
  contact,
  reply,
  kicked,
  member,
  groupMessage,
  callbackQuery,
  poll,
};

/** The chat (= customer) id of the fixtures written for this project. */
export const JOANA_CHAT = "5512345678";
