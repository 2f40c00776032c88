/**
 * @module The one error shape every API answers with, and the codes it may carry.
 */
import { z } from "zod";

export const ErrorCode = z.enum([
  "bad_request",
  "validation_failed",
  "malformed_json",
  "payload_too_large",
  "unauthenticated",
  "forbidden",
  "csrf_rejected",
  "not_found",
  "method_not_allowed",
  "conflict",
  "setup_already_done",
  "rate_limited",
  "invalid_credentials",
  "invalid_token",
  "conversation_not_found",
  "inbox_not_found",
  "agent_not_found",
  "team_not_found",
  "invalid_transition",
  "attachment_not_found",
  "contact_not_found",
  "message_not_found",
  "tag_not_found",
  "conversation_type_not_found",
  "canned_response_not_found",
  "unsupported_media_type",
  "identity_required",
  "too_many_identities",
  "token_expired",
  "link_expired",
  "credentials_unavailable",
  "outside_service_window",
  /** The customer blocked the bot or opted out of the channel: nothing may be sent. */
  "recipient_unreachable",
  /** The provider refused what the admin entered (a bot token it does not know). */
  "provider_refused",
  /** An invite link with no invite behind it (issue 14). */
  "invite_not_found",
  /** An invite already accepted, or past its expiry: ask for a new one. */
  "invite_used",
  "invite_expired",
  /** The change would leave no active owner. */
  "last_owner",
  /** Next found no conversation waiting in the caller's teams' queues. */
  "queue_empty",
  /** A callback time in the past, or more than MAX_CALLBACK_AHEAD_MS ahead. */
  "callback_time_out_of_range",
  /** No routing rule with that id (issue 14). */
  "routing_rule_not_found",
  /** No segment rule (contact priority) with that id. */
  "priority_rule_not_found",
  /** No API token with that id (issue 15). */
  "api_token_not_found",
  /** No automation rule with that id (issue 15). */
  "automation_rule_not_found",
  /** A webhook URL that is not https or points at a private or loopback address. */
  "url_not_allowed",
  /** No outbound webhook endpoint with that id (issue 15). */
  "webhook_not_found",
  /** No delivery with that id in the webhook delivery log (or it has been pruned). */
  "webhook_delivery_not_found",
  /** An erasure without the typed confirmation (issue 16). */
  "confirmation_required",
  /** Issue 16: no current consent for this contact, channel and purpose, and the
   * customer has not written in the last 24 hours: a company-initiated send is refused. */
  "consent_required",
  /** The contact has no address on the inbox's channel (no WhatsApp number, phone or e-mail). */
  "no_identity_on_channel",
  /** The inbox's channel cannot start conversations (only WhatsApp, SMS and e-mail can). */
  "channel_not_supported",
  /** What was sent does not fit the channel (WhatsApp needs a template, e-mail a subject). */
  "outbound_content_mismatch",
  /** No consent purpose with that id (or it is archived). */
  "purpose_not_found",
  /** No campaign with that id. */
  "campaign_not_found",
  /** The inbox's widget offers no consent checkbox, or its purpose is archived. */
  "consent_not_offered",
  /** The text the widget says it showed is not the inbox's configured opt-in text. */
  "consent_text_mismatch",
  /** No saved report with that id among the caller's own (issue 18). */
  "report_not_found",
  /** No help center portal, category, folder or article with that id or slug (issue 17). */
  "portal_not_found",
  "category_not_found",
  "folder_not_found",
  "article_not_found",
  "unavailable",
  "internal",
]);
export type ErrorCode = z.infer<typeof ErrorCode>;

export const ErrorBody = z.object({
  error: z.object({
    code: ErrorCode,
    message: z.string(),
    issues: z
      .array(z.object({ path: z.array(z.union([z.string(), z.number()])), message: z.string() }))
      .optional(),
  }),
});
export type ErrorBody = z.infer<typeof ErrorBody>;
