/**
 * @module Settings → Audit log's HTTP call, the answer parsed with the protocol's schema.
 */
import { AuditPage, type AuditAction } from "../../worker/protocol";
import { call } from "../api";

export interface AuditFilters {
  action?: AuditAction;
  actorId?: string;
  targetId?: string;
  from?: number;
  to?: number;
}

export const auditLogApi = {
  page: (filters: AuditFilters, cursor: string | null) => {
    const query = new URLSearchParams();
    for (const [key, value] of Object.entries(filters)) if (value !== undefined && value !== "") query.set(key, String(value));
    if (cursor) query.set("cursor", cursor);
    const qs = query.toString();
    return call(AuditPage, qs ? `/api/v1/audit-log?${qs}` : "/api/v1/audit-log");
  },
};
