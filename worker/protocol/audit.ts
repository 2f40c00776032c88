/**
 * @module Wire shapes of the audit log (issue 16): admin and security events, append-only,
 * viewable and filterable by owners, never editable. An entry says who did what to which
 * target, when and from where; `details` holds names and ids, never secrets or the
 * personal data an erasure removed.
 */
import { z } from "zod";

export const AuditAction = z.enum([
  "auth.sign_in",
  "auth.sign_in_failed",
  "auth.sign_out",
  "auth.password_changed",
  // The customer portal's own sign-ins (issue 17): the actor is the customer (contact).
  "portal.sign_in",
  "portal.sign_in_failed",
  "portal.password_changed",
  "agent.created",
  "agent.invited",
  "agent.invite_accepted",
  "agent.role_changed",
  "agent.disabled",
  "agent.enabled",
  "token.created",
  "token.revoked",
  "credentials.changed",
  "contact.exported",
  "contact.erased",
  "consent.recorded",
  "consent.purpose_changed",
  "settings.changed",
  "campaign.started",
  "retention.erased",
]);
export type AuditAction = z.infer<typeof AuditAction>;

export const AuditActorType = z.enum(["agent", "token", "system", "anonymous", "contact"]);
export type AuditActorType = z.infer<typeof AuditActorType>;

export const AuditEntry = z.object({
  id: z.string(),
  at: z.number().int(),
  action: AuditAction,
  actor: z.object({ type: AuditActorType, id: z.string().nullable(), name: z.string().nullable() }),
  /** What was acted on: "agent", "token", "inbox", "contact", "purpose", "settings", … */
  targetType: z.string().nullable(),
  targetId: z.string().nullable(),
  ip: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

/** `settings.changed`'s `details.area`: each admin configuration surface. */
export const SettingsArea = z.enum([
  "agents",
  "inboxes",
  "inbox_bot",
  "inbox_agent_bot",
  "teams",
  "team_members",
  "routing_rules",
  "priority_rules",
  "automation_rules",
  "webhooks",
  "tags",
  "conversation_types",
  "canned_responses",
]);
export type SettingsArea = z.infer<typeof SettingsArea>;
export const SettingsOp = z.enum(["created", "updated", "deleted", "reordered", "added", "removed", "enabled"]);
export type SettingsOp = z.infer<typeof SettingsOp>;

/** At most this many entries per page of GET /api/v1/audit-log. */
export const AUDIT_PAGE_MAX = 200;

/** The owners' view's query: filters, and the opaque keyset cursor the previous page's
 * `next` gave (routes/cursor.ts). */
export const AuditQuery = z.strictObject({
  action: AuditAction.optional(),
  actorId: z.string().min(1).max(64).optional(),
  targetId: z.string().min(1).max(128).optional(),
  /** Epoch milliseconds, inclusive. */
  from: z.coerce.number().int().min(0).optional(),
  to: z.coerce.number().int().min(0).optional(),
  cursor: z.string().min(1).max(200).optional(),
  limit: z.coerce.number().int().min(1).max(AUDIT_PAGE_MAX).default(50),
});
export type AuditQuery = z.infer<typeof AuditQuery>;

export const AuditPage = z.object({ entries: z.array(AuditEntry), next: z.string().nullable() });
export type AuditPage = z.infer<typeof AuditPage>;
