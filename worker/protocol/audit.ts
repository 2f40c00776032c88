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
  "agent.invited",
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

export const AuditActorType = z.enum(["agent", "token", "system", "anonymous"]);
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
