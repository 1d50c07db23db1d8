import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { isOffHours } from "@/lib/policy/business-calendar";
import type { Tx } from "./db";

export interface AuditInput {
  organizationId: string | null;
  actorId?: string | null;
  actorLabel?: string | null;
  action: string;
  targetType?: string | null;
  targetId?: string | null;
  targetLabel?: string | null;
  outcome: "success" | "failure";
  reason?: string | null;
  ip?: string | null;
  country?: string | null;
  userAgent?: string | null;
  details?: Prisma.InputJsonValue;
  occurredAt?: Date;
}

/** Writes one audit event inside the caller's transaction: no change without its record. */
export async function recordAudit(tx: Tx, event: AuditInput): Promise<bigint> {
  const row = await tx.auditEvent.create({
    data: {
      organizationId: event.organizationId,
      actorId: event.actorId ?? null,
      actorLabel: event.actorLabel ?? null,
      action: event.action,
      targetType: event.targetType ?? null,
      targetId: event.targetId ?? null,
      targetLabel: event.targetLabel ?? null,
      outcome: event.outcome,
      reason: event.reason ?? null,
      ip: event.ip ?? null,
      country: event.country ?? null,
      userAgent: event.userAgent?.slice(0, 512) ?? null,
      details: event.details ?? {},
      ...(event.occurredAt ? { occurredAt: event.occurredAt } : {}),
    },
    select: { id: true },
  });
  return row.id;
}

/** Sign-in events also move the hourly rollup that dashboards read. */
export async function recordSignInEvent(
  tx: Tx,
  event: AuditInput & { organizationId: string | null },
  businessHours: { startHour: number; endHour: number } = { startHour: 8, endHour: 20 },
): Promise<bigint> {
  const id = await recordAudit(tx, { ...event, action: "auth.sign_in" });
  if (event.organizationId) {
    const at = event.occurredAt ?? new Date();
    const hour = new Date(Math.floor(at.getTime() / 3_600_000) * 3_600_000);
    const success = event.outcome === "success" ? 1 : 0;
    const offHours = success && isOffHours(at, businessHours) ? 1 : 0;
    const foreign = event.country && event.country !== "JP" ? 1 : 0;
    await tx.$executeRaw`
      INSERT INTO sign_in_rollups (organization_id, hour, success_count, failure_count, off_hours_count, foreign_count)
      VALUES (${event.organizationId}::uuid, ${hour}, ${success}, ${1 - success}, ${offHours}, ${foreign})
      ON CONFLICT (organization_id, hour) DO UPDATE SET
        success_count = sign_in_rollups.success_count + EXCLUDED.success_count,
        failure_count = sign_in_rollups.failure_count + EXCLUDED.failure_count,
        off_hours_count = sign_in_rollups.off_hours_count + EXCLUDED.off_hours_count,
        foreign_count = sign_in_rollups.foreign_count + EXCLUDED.foreign_count`;
  }
  return id;
}
