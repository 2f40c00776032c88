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
