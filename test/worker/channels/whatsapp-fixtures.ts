/**
 * The WhatsApp webhook bodies the tests use, as their exact text (test/fixtures/channels/
 * whatsapp, provenance in ../SOURCES.md): real ones from pywa and ones written from
 * Meta's webhook reference.
 */
import accountUpdateUnhandled from "../../fixtures/channels/whatsapp/account_update_unhandled.json?raw";
import batchThreeMessages from "../../fixtures/channels/whatsapp/batch_three_messages.json?raw";
import audioVoice from "../../fixtures/channels/whatsapp/message_audio_voice.json?raw";
import bsuidOnly from "../../fixtures/channels/whatsapp/message_bsuid_only.json?raw";
import buttonTemplateReply from "../../fixtures/channels/whatsapp/message_button_template_reply.json?raw";
import contacts from "../../fixtures/channels/whatsapp/message_contacts.json?raw";
import documentMessage from "../../fixtures/channels/whatsapp/message_document.json?raw";
import edit from "../../fixtures/channels/whatsapp/message_edit.json?raw";
import buttonReply from "../../fixtures/channels/whatsapp/message_interactive_button_reply.json?raw";
import listReply from "../../fixtures/channels/whatsapp/message_interactive_list_reply.json?raw";
import location from "../../fixtures/channels/whatsapp/message_location.json?raw";
import reaction from "../../fixtures/channels/whatsapp/message_reaction.json?raw";
import reactionRemoved from "../../fixtures/channels/whatsapp/message_reaction_removed.json?raw";
import replyContext from "../../fixtures/channels/whatsapp/message_reply_context.json?raw";
import revoke from "../../fixtures/channels/whatsapp/message_revoke.json?raw";
import sticker from "../../fixtures/channels/whatsapp/message_sticker.json?raw";
import textUnicodeEscaped from "../../fixtures/channels/whatsapp/message_text_unicode_escaped.json?raw";
import video from "../../fixtures/channels/whatsapp/message_video.json?raw";
import pywaImage from "../../fixtures/channels/whatsapp/pywa_message_image.json?raw";
import pywaText from "../../fixtures/channels/whatsapp/pywa_message_text.json?raw";
import pywaUnsupported from "../../fixtures/channels/whatsapp/pywa_message_unsupported.json?raw";
import pywaDelivered from "../../fixtures/channels/whatsapp/pywa_status_delivered.json?raw";
import smbEcho from "../../fixtures/channels/whatsapp/smb_message_echo.json?raw";
import smbStateSyncUnhandled from "../../fixtures/channels/whatsapp/smb_app_state_sync_unhandled.json?raw";
import statusFailed from "../../fixtures/channels/whatsapp/status_failed.json?raw";
import statusRead from "../../fixtures/channels/whatsapp/status_read.json?raw";
import statusSent from "../../fixtures/channels/whatsapp/status_sent.json?raw";
import templateStatusUpdate from "../../fixtures/channels/whatsapp/template_status_update.json?raw";

export const WA = {
  accountUpdateUnhandled,
  batchThreeMessages,
  audioVoice,
  bsuidOnly,
  buttonTemplateReply,
  contacts,
  document: documentMessage,
  edit,
  buttonReply,
  listReply,
  location,
  reaction,
  reactionRemoved,
  replyContext,
  revoke,
  sticker,
  textUnicodeEscaped,
  video,
  pywaImage,
  pywaText,
  pywaUnsupported,
  pywaDelivered,
  smbEcho,
  smbStateSyncUnhandled,
  statusFailed,
  statusRead,
  statusSent,
  templateStatusUpdate,
} as const;
