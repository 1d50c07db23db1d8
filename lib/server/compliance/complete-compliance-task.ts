import "server-only";
import { can } from "@/lib/permissions";
import { COMPLIANCE_OWNERS, completesFromSource, type ComplianceKind } from "@/lib/policy/compliance";
import {
  completeComplianceTaskSchema,
  skipComplianceTaskSchema,
  type CompleteComplianceTaskInput,
  type SkipComplianceTaskInput,
} from "@/lib/schemas/compliance";
import { recordAudit } from "../audit";
import { authorize, type Actor } from "../authorize";
import { db, type Tx } from "../db";
import { AppError } from "../errors";
import { parseOrThrow } from "../roles/role-change";

/**
 * The open task `id` of the caller's organization, if the caller may record it: manage in the domain that owns its
 * kind (security:manage for the IP allowlist review, reviews:manage for the reconciliation with HR). Kinds whose record
 * is their source (the weekly sign-off, the disposal case, the incident) are never recorded by hand.
 */
async function recordableTask(tx: Tx, actor: Actor, id: string) {
  const task = await tx.complianceTask.findFirst({
    where: { id, organizationId: actor.organizationId },
    select: { id: true, kind: true, title: true, periodKey: true, status: true, dueAt: true },
  });
  if (!task) throw new AppError("not_found", "No such task.", undefined, "not_found");
  const kind = task.kind as ComplianceKind;
  const { domain } = COMPLIANCE_OWNERS[kind];
  if (!can(actor.permissions, domain, "manage")) throw new AppError("forbidden", `Recording this task needs the ${domain}:manage permission.`, undefined, "forbidden");
  if (completesFromSource(kind)) throw new AppError("conflict", "This task completes itself from its source; do the work there.", undefined, "from_source");
  if (task.status !== "open") throw new AppError("conflict", "This task is already closed.", undefined, "task_closed");
  return { ...task, kind };
}

/** Records a recurring task done, with what was checked and, optionally, where the evidence is kept. */
export async function completeComplianceTask(input: CompleteComplianceTaskInput): Promise<{ id: string; completedAt: Date }> {
  const actor = await authorize("security", "view");
  const { id, note, evidenceUrl } = parseOrThrow(completeComplianceTaskSchema, input);
  const prisma = await db();
  return prisma.$transaction(async (tx) => {
    const task = await recordableTask(tx, actor, id);
    const now = new Date();
    const evidence = { kind: "manual", ...(evidenceUrl ? { url: evidenceUrl } : {}) };
    // Claimed only while still open: of two people recording at once, the second is told it is closed.
    const claimed = await tx.complianceTask.updateMany({
      where: { id: task.id, status: "open" },
      data: { status: "done", note, evidence, completedById: actor.accountId, completedByLabel: `${actor.displayName} (${actor.loginId})`, completedAt: now },
    });
    if (claimed.count === 0) throw new AppError("conflict", "This task is already closed.", undefined, "task_closed");
    await recordAudit(tx, {
      organizationId: actor.organizationId,
      actorId: actor.accountId,
      actorLabel: actor.loginId,
      action: "compliance.task_completed",
      targetType: "compliance_task",
      targetId: task.id,
      targetLabel: task.title,
      outcome: "success",
      ip: actor.ip,
      occurredAt: now,
      details: { kind: task.kind, period: task.periodKey, dueAt: task.dueAt.toISOString(), late: task.dueAt < now, note, evidenceUrl: evidenceUrl ?? null },
    });
    return { id: task.id, completedAt: now };
  });
}

/** Records a recurring task as not applicable this period (the allowlist is not in use, say), with why. */
export async function skipComplianceTask(input: SkipComplianceTaskInput): Promise<{ id: string }> {
  const actor = await authorize("security", "view");
  const { id, note } = parseOrThrow(skipComplianceTaskSchema, input);
  const prisma = await db();
  return prisma.$transaction(async (tx) => {
    const task = await recordableTask(tx, actor, id);
    const now = new Date();
    const claimed = await tx.complianceTask.updateMany({
      where: { id: task.id, status: "open" },
      data: { status: "skipped", note, evidence: { kind: "manual" }, completedById: actor.accountId, completedByLabel: `${actor.displayName} (${actor.loginId})`, completedAt: now },
    });
    if (claimed.count === 0) throw new AppError("conflict", "This task is already closed.", undefined, "task_closed");
    await recordAudit(tx, {
      organizationId: actor.organizationId,
      actorId: actor.accountId,
      actorLabel: actor.loginId,
      action: "compliance.task_skipped",
      targetType: "compliance_task",
      targetId: task.id,
      targetLabel: task.title,
      outcome: "success",
      reason: note,
      ip: actor.ip,
      occurredAt: now,
      details: { kind: task.kind, period: task.periodKey },
    });
    return { id: task.id };
  });
}
