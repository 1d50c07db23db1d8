import "server-only";
import { planDisposalTasks } from "@/lib/policy/offboarding";
import { startDisposalSchema, type StartDisposalInput } from "@/lib/schemas/offboarding";
import { recordAudit } from "../audit";
import { authorize } from "../authorize";
import { db } from "../db";
import { AppError } from "../errors";

/**
 * A device or SIM retired outside offboarding (a broken phone, a spare SIM): the same credential-wipe and return (or
 * eSIM deletion) tasks, in a case of its own that is effective at once and touches no account.
 */
export async function startDeviceDisposal(input: StartDisposalInput): Promise<{ caseId: string }> {
  const actor = await authorize("lines", "manage");
  const data = startDisposalSchema.parse(input);
  const prisma = await db();
  return prisma.$transaction(async (tx) => {
    const now = new Date();
    const line = await tx.line.findFirst({
      where: { id: data.lineId, organizationId: actor.organizationId },
      select: { id: true, phoneNumber: true, simType: true, status: true, assignedAccountId: true, assignedAccount: { select: { loginId: true, displayName: true } } },
    });
    if (!line) throw new AppError("not_found", "No such line.", "lineId");
    if (line.status === "cancelled" || line.status === "ported_out" || line.status === "returned") throw new AppError("conflict", "This line's SIM is already gone.", "lineId", "line_closed");
    const open = await tx.offboardingTask.findFirst({ where: { lineId: line.id, status: "open", kind: { in: ["return_sim", "delete_esim"] } }, select: { id: true } });
    if (open) throw new AppError("conflict", "A return or deletion of this SIM is already open.", "lineId", "disposal_open");
    const org = await tx.organization.findUniqueOrThrow({ where: { id: actor.organizationId }, select: { simReturnDays: true } });
    const holder = line.assignedAccount ? `${line.assignedAccount.displayName} (${line.assignedAccount.loginId})` : null;
    const created = await tx.offboardingCase.create({
      data: {
        organizationId: actor.organizationId,
        accountId: line.assignedAccountId,
        trigger: "device_disposal",
        effectiveAt: now,
        status: "in_progress",
        appliedAt: now,
        initiatedById: actor.accountId,
        note: data.note || null,
        subjectLabel: holder ? `${line.phoneNumber} — ${holder}` : line.phoneNumber,
      },
      select: { id: true },
    });
    const planned = planDisposalTasks(line, line.assignedAccountId !== null, now, org.simReturnDays);
    await tx.offboardingTask.createMany({
      data: planned.map((t) => ({ organizationId: actor.organizationId, caseId: created.id, kind: t.kind, lineId: t.lineId, ownerRoleKey: t.ownerRoleKey, dueAt: t.dueAt })),
    });
    await recordAudit(tx, {
      organizationId: actor.organizationId,
      actorId: actor.accountId,
      actorLabel: actor.loginId,
      action: "offboarding.disposal_started",
      targetType: "line",
      targetId: line.id,
      targetLabel: line.phoneNumber,
      outcome: "success",
      reason: data.note || null,
      ip: actor.ip,
      occurredAt: now,
      details: { caseId: created.id, tasks: planned.map((t) => t.kind), holder },
    });
    return { caseId: created.id };
  });
}
