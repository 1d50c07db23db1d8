import "server-only";
import { caseIdSchema, type CaseIdInput } from "@/lib/schemas/offboarding";
import { recordAudit } from "../audit";
import { authorize } from "../authorize";
import { db } from "../db";
import { AppError } from "../errors";

interface SnapshotGrant {
  grantId: string;
  endsAt: string | null;
}

/**
 * Calls off a case before its effective time (the person stays after all): the access end is lifted, a transfer's
 * grants get their own ends back, the open tasks are dropped. Once effective, a case cannot be cancelled — the account
 * stays disabled; someone who stays after all is invited again with a new account.
 */
export async function cancelOffboarding(input: CaseIdInput): Promise<void> {
  const actor = await authorize("offboarding", "manage");
  const data = caseIdSchema.parse(input);
  const prisma = await db();
  await prisma.$transaction(async (tx) => {
    const now = new Date();
    const c = await tx.offboardingCase.findFirst({
      where: { id: data.caseId, organizationId: actor.organizationId },
      select: { id: true, status: true, effectiveAt: true, accountId: true, trigger: true, grantsSnapshot: true, subjectLabel: true, account: { select: { loginId: true } } },
    });
    if (!c) throw new AppError("not_found", "No such case.");
    if (c.status !== "scheduled" || c.effectiveAt <= now) throw new AppError("conflict", "Only a case that has not taken effect yet can be cancelled.", undefined, "not_cancellable");
    await tx.offboardingCase.update({ where: { id: c.id }, data: { status: "cancelled", cancelledAt: now, cancelledById: actor.accountId } });
    await tx.offboardingTask.updateMany({ where: { caseId: c.id, status: "open" }, data: { status: "skipped", note: "case cancelled", completedAt: now, completedById: actor.accountId, completedByLabel: actor.loginId } });
    if (c.accountId) {
      if (c.trigger === "transfer") {
        for (const g of (c.grantsSnapshot as SnapshotGrant[] | null) ?? []) {
          await tx.roleGrant.updateMany({ where: { id: g.grantId, accountId: c.accountId, revokedAt: null }, data: { endsAt: g.endsAt ? new Date(g.endsAt) : null } });
        }
      } else {
        await tx.account.update({ where: { id: c.accountId }, data: { accessEndsAt: null } });
      }
    }
    await recordAudit(tx, {
      organizationId: actor.organizationId,
      actorId: actor.accountId,
      actorLabel: actor.loginId,
      action: "offboarding.cancelled",
      targetType: "account",
      targetId: c.accountId,
      targetLabel: c.account?.loginId ?? c.subjectLabel,
      outcome: "success",
      reason: data.note || null,
      ip: actor.ip,
      occurredAt: now,
      details: { caseId: c.id, trigger: c.trigger, effectiveAt: c.effectiveAt.toISOString() },
    });
  });
}
