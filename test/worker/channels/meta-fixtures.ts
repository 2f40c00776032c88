/**
 * The Messenger and Instagram webhook bodies the tests use, as their exact text
 * (test/fixtures/channels/{messenger,instagram}/, provenance in ../SOURCES.md), so a test
 * signs and parses the bytes Meta sent, escaped unicode and all.
 */
import mAttachmentsMixed from "../../fixtures/channels/messenger/attachments_mixed.json?raw";
import mBatchThree from "../../fixtures/channels/messenger/batch_three.json?raw";
import mDeliveryWithMids from "../../fixtures/channels/messenger/delivery_with_mids.json?raw";
import mEchoOurApp from "../../fixtures/channels/messenger/echo_our_app.json?raw";
import mEchoPageInbox from "../../fixtures/channels/messenger/echo_page_inbox.json?raw";
import mMessageEdit from "../../fixtures/channels/messenger/message_edit.json?raw";
import mOptinUnhandled from "../../fixtures/channels/messenger/optin_unhandled.json?raw";
import mPostback from "../../fixtures/channels/messenger/postback.json?raw";
import mQuickReplyUnicode from "../../fixtures/channels/messenger/quick_reply_unicode.json?raw";
import mReactionReact from "../../fixtures/channels/messenger/reaction_react.json?raw";
import mReactionUnreact from "../../fixtures/channels/messenger/reaction_unreact.json?raw";
import mRead from "../../fixtures/channels/messenger/read.json?raw";
import mReplyTo from "../../fixtures/channels/messenger/reply_to.json?raw";
import mStandbyUnhandled from "../../fixtures/channels/messenger/standby_unhandled.json?raw";
import mStickerTransition from "../../fixtures/channels/messenger/sticker_transition.json?raw";
import mTextEscapedUnicode from "../../fixtures/channels/messenger/text_escaped_unicode.json?raw";
import mVlixAttachmentCallbackImage from "../../fixtures/channels/messenger/vlix_attachment_callback_image.json?raw";
import mVlixDeliveryCallback from "../../fixtures/channels/messenger/vlix_delivery_callback.json?raw";
import mVlixRegularTextCallback from "../../fixtures/channels/messenger/vlix_regular_text_callback.json?raw";
import igEchoOurApp from "../../fixtures/channels/instagram/echo_our_app.json?raw";
import igEchoPhone from "../../fixtures/channels/instagram/echo_phone.json?raw";
import igImage from "../../fixtures/channels/instagram/image.json?raw";
import igPostbackIcebreaker from "../../fixtures/channels/instagram/postback_icebreaker.json?raw";
import igReaction from "../../fixtures/channels/instagram/reaction.json?raw";
import igReferralUnhandled from "../../fixtures/channels/instagram/referral_unhandled.json?raw";
import igSeen from "../../fixtures/channels/instagram/seen.json?raw";
import igShareReel from "../../fixtures/channels/instagram/share_reel.json?raw";
import igStoryMention from "../../fixtures/channels/instagram/story_mention.json?raw";
import igStoryReply from "../../fixtures/channels/instagram/story_reply.json?raw";
import igTextEmoji from "../../fixtures/channels/instagram/text_emoji.json?raw";
import igUnsend from "../../fixtures/channels/instagram/unsend.json?raw";
import igUnsupported from "../../fixtures/channels/instagram/unsupported.json?raw";

/** Vlix's attachment and delivery samples are single `messaging[]` items: as Meta sends
 * them, inside an entry of their page. */
function inPageEntry(item: string): string {
  return `{"object":"page","entry":[{"id":"234554838031189","time":1521927088700,"messaging":[${item}]}]}`;
}

export const messengerBodies = {
  vlixText: mVlixRegularTextCallback,
  vlixImage: inPageEntry(mVlixAttachmentCallbackImage),
  vlixDelivery: inPageEntry(mVlixDeliveryCallback),
  quickReplyUnicode: mQuickReplyUnicode,
  textEscapedUnicode: mTextEscapedUnicode,
  postback: mPostback,
  replyTo: mReplyTo,
  reactionReact: mReactionReact,
  reactionUnreact: mReactionUnreact,
  messageEdit: mMessageEdit,
  echoOurApp: mEchoOurApp,
  echoPageInbox: mEchoPageInbox,
  deliveryWithMids: mDeliveryWithMids,
  read: mRead,
  batchThree: mBatchThree,
  stickerTransition: mStickerTransition,
  attachmentsMixed: mAttachmentsMixed,
  optinUnhandled: mOptinUnhandled,
  standbyUnhandled: mStandbyUnhandled,
};

export const instagramBodies = {
  textEmoji: igTextEmoji,
  image: igImage,
  storyReply: igStoryReply,
  storyMention: igStoryMention,
  unsend: igUnsend,
  reaction: igReaction,
  seen: igSeen,
  echoOurApp: igEchoOurApp,
  echoPhone: igEchoPhone,
  unsupported: igUnsupported,
  postbackIcebreaker: igPostbackIcebreaker,
  referralUnhandled: igReferralUnhandled,
  shareReel: igShareReel,
};
