/**
 * Reading the audit log in tests: through the owners' route (what the console shows) and,
 * for the secret scan, every stored row straight from D1.
 */
import { env } from "cloudflare:workers";
import { expect } from "vitest";
import { call, type Client } from "../http-client";
import type { AuditEntry } from "../../../worker/protocol";

/** The newest entries matching `query` (GET /api/v1/audit-log as `owner`). */
export async function auditEntries(owner: Client, query: Record<string, string | number> = {}): Promise<AuditEntry[]> {
  const qs = new URLSearchParams(Object.entries({ limit: 200, ...query }).map(([k, v]) => [k, String(v)]));
  const res = await call(`/api/v1/audit-log?${qs}`, { client: owner });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.entries;
}

/** The one entry for `targetId` with `action` (fails if there is not exactly one). */
export async function onlyEntry(owner: Client, action: string, targetId: string): Promise<AuditEntry> {
  const found = await auditEntries(owner, { action, targetId });
  expect(found, `${action} on ${targetId}`).toHaveLength(1);
  return found[0]!;
}

/** Every audit row as stored, each as its JSON text (columns and details). */
export async function storedAuditText(): Promise<string> {
  const { results } = await env.DB.prepare("SELECT * FROM audit_log").all();
  return JSON.stringify(results);
}

/** How many entries the log holds. */
export async function auditCount(): Promise<number> {
  const row = await env.DB.prepare("SELECT count(*) AS n FROM audit_log").first<{ n: number }>();
  return row?.n ?? 0;
}
