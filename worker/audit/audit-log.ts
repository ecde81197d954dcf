/** Appends to the audit log: who did what to which thing. Never pass secrets in `detail`. */
import type { Database } from "../db/client";
import { auditLog } from "../db/schema";

export type AuditEntry = {
  actorId: string | null;
  action: string;
  targetType?: string;
  targetId?: string;
  detail?: Record<string, unknown>;
  requestId?: string;
};

export function auditInsert(db: Database, entry: AuditEntry) {
  return db.insert(auditLog).values({
    actorId: entry.actorId,
    action: entry.action,
    targetType: entry.targetType ?? null,
    targetId: entry.targetId ?? null,
    detail: entry.detail ? JSON.stringify(entry.detail) : null,
    requestId: entry.requestId ?? null,
    createdAt: Date.now(),
  });
}
