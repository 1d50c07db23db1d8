import "server-only";
// The shared shape of a step in an alert's workflow: authorize, scope, check the status the person saw, change, audit.
import type { AlertStatus } from "@/lib/schemas/alerts";
import { recordAudit } from "../audit";
import { authorize, type Actor } from "../authorize";
import { db, type Tx } from "../db";
import { AppError } from "../errors";

export const ALERT_STATE_SELECT = {
  id: true,
  kind: true,
  subjectKey: true,
  subjectLabel: true,
  status: true,
  assigneeId: true,
  acknowledgedAt: true,
  acknowledgedById: true,
  resolvedAt: true,
  resolvedById: true,
  resolution: true,
} as const;

export interface AlertState {
  id: string;
  kind: string;
  subjectKey: string;
  subjectLabel: string | null;
  status: AlertStatus;
  assigneeId: string | null;
  acknowledgedAt: Date | null;
  acknowledgedById: string | null;
  resolvedAt: Date | null;
  resolvedById: string | null;
  resolution: string | null;
}

export const alertTargetLabel = (a: { kind: string; subjectKey: string; subjectLabel: string | null }) => `${a.kind}: ${a.subjectLabel ?? a.subjectKey}`;

const snapshot = (a: AlertState) => ({
  status: a.status,
  assigneeId: a.assigneeId,
  acknowledgedById: a.acknowledgedById,
  resolvedById: a.resolvedById,
  resolution: a.resolution,
});

export const alertChanged = () =>
  new AppError("conflict", "Someone else changed this alert while you were looking at it. Reload to see its current state.", undefined, "alert_changed");

/**
 * Loads the alert inside the actor's organization (another organization's alert is "not found"), runs the change in
 * one transaction and records it with before and after. `change` returns false when its guarded update matched no row
 * (the status moved under it), which is reported as `alert_changed`.
 */
export async function onAlert(
  id: string,
  action: string,
  reason: string | null,
  change: (tx: Tx, alert: AlertState, actor: Actor, now: Date) => Promise<boolean>,
): Promise<{ id: string; status: AlertStatus }> {
  const actor = await authorize("security", "manage");
  const prisma = await db();
  return prisma.$transaction(async (tx) => {
    const alert = (await tx.alert.findFirst({
      where: { id, organizationId: actor.organizationId },
      select: ALERT_STATE_SELECT,
    })) as AlertState | null;
    if (!alert) throw new AppError("not_found", "No such alert.", undefined, "not_found");
    const now = new Date();
    if (!(await change(tx, alert, actor, now))) throw alertChanged();
    const after = (await tx.alert.findUniqueOrThrow({
      where: { id },
      select: ALERT_STATE_SELECT,
    })) as AlertState;
    await recordAudit(tx, {
      organizationId: actor.organizationId,
      actorId: actor.accountId,
      actorLabel: actor.loginId,
      action,
      targetType: "alert",
      targetId: alert.id,
      targetLabel: alertTargetLabel(alert),
      outcome: "success",
      reason,
      ip: actor.ip,
      occurredAt: now,
      details: { before: snapshot(alert), after: snapshot(after) },
    });
    return { id: alert.id, status: after.status };
  });
}

/** Refuses a step from the wrong status: a status other than the one seen means someone else moved it. */
export function checkTransition(alert: AlertState, expected: AlertStatus, from: readonly AlertStatus[]) {
  if (alert.status !== expected) throw alertChanged();
  if (!from.includes(alert.status)) {
    throw new AppError("conflict", `An alert that is ${alert.status} cannot take this step.`, undefined, "invalid_transition");
  }
}
