/**
 * @module What a route records in the audit log, in one line: who (the session's agent or
 * the API token, from the request's principal), from where (CF-Connecting-IP), at what,
 * and details made of names and ids only. The returned statement goes into the batch of
 * the change it records, right after that change's write (db/audit-if-changed.ts), so
 * the entry lands exactly when the change does; a refused or failed change records
 * nothing.
 *
 * Never put in `details` a password, a token or webhook secret, a credential, message
 * text, or a value an admin typed that could hold any of those (a webhook URL may carry a
 * key in its query): the changed field names say what changed.
 */
import type { Context } from "hono";
import type { BatchItem } from "drizzle-orm/batch";
import type { AppEnv } from "../env";
import type { NewAuditEntry } from "../db/audit-log";
import { auditIfChanged, auditIfChangedStatement } from "../db/audit-conditional";
import type { AuditAction, AuditEntry, SettingsArea, SettingsOp } from "../protocol";

export interface AuditTarget {
  type: string;
  id: string | null;
}

/** The caller as the audit log names it; anonymous before authentication. */
export function auditActor(c: Context<AppEnv>): AuditEntry["actor"] {
  const p = c.get("principal");
  if (p?.kind === "agent") return { type: "agent", id: p.agent.id, name: p.agent.name };
  if (p?.kind === "token") return { type: "token", id: p.token.id, name: p.token.name };
  return { type: "anonymous", id: null, name: null };
}

/** The client address Cloudflare's edge sets (https://developers.cloudflare.com/fundamentals/reference/http-headers/#cf-connecting-ip);
 * null where there is none (local tools, tests). Bounded so a forged value cannot bloat a row. */
export function clientIp(c: Context<AppEnv>): string | null {
  return c.req.header("CF-Connecting-IP")?.slice(0, 64) ?? null;
}

export function auditEntry(
  c: Context<AppEnv>,
  action: AuditAction,
  target: AuditTarget | null,
  details: Record<string, unknown> = {},
  actor: AuditEntry["actor"] = auditActor(c),
): NewAuditEntry {
  return { action, actor, targetType: target?.type ?? null, targetId: target?.id ?? null, ip: clientIp(c), details, at: Date.now() };
}

/** The entry, recorded only if the statement just before it in the batch changed a row. */
export function audited(c: Context<AppEnv>, action: AuditAction, target: AuditTarget | null, details?: Record<string, unknown>, actor?: AuditEntry["actor"]): BatchItem<"sqlite"> {
  return auditIfChanged(c.var.db, auditEntry(c, action, target, details, actor));
}

/** The same, for the modules that batch raw D1 statements. */
export function auditedStatement(c: Context<AppEnv>, action: AuditAction, target: AuditTarget | null, details?: Record<string, unknown>, actor?: AuditEntry["actor"]): D1PreparedStatement {
  return auditIfChangedStatement(c.env.DB, auditEntry(c, action, target, details, actor));
}

/** An admin configuration change: `settings.changed` with the area, the operation, the
 * names of the fields sent (never their values) and, where it helps, the thing's name. */
export function settingsChanged(
  c: Context<AppEnv>,
  area: SettingsArea,
  op: SettingsOp,
  target: AuditTarget,
  extra: { fields?: object; name?: string | null } & Record<string, unknown> = {},
): BatchItem<"sqlite"> {
  const { fields, ...rest } = extra;
  const details: Record<string, unknown> = { area, op, ...rest };
  if (fields) details.fields = Object.keys(fields).sort();
  return audited(c, "settings.changed", target, details);
}
