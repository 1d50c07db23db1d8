import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Tx } from "./db";
import { recordSignInEvents } from "./audit/sign-in-events";

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

/**
 * A sign-in attempt: for an organization through recordSignInEvents (rollups and detections too); an attempt with an
 * ID that belongs to no organization is only recorded.
 */
export async function recordSignInEvent(tx: Tx, event: AuditInput): Promise<bigint> {
  if (!event.organizationId) return recordAudit(tx, { ...event, action: "auth.sign_in" });
  const { organizationId, action: _action, ...rest } = event;
  void _action;
  const [recorded] = await recordSignInEvents(tx, organizationId, [rest]);
  return recorded!.id;
}
