import "server-only";
import { endsAccess } from "@/lib/policy/offboarding";
import { recordAudit } from "../audit";
import type { Tx } from "../db";
import { applyLineChange } from "../lines/apply-line-change";
import { forEachOrganization } from "../tenant-lookup";
import { db } from "../db";

export interface CaseToApply {
  id: string;
  organizationId: string;
  accountId: string | null;
  trigger: string;
  effectiveAt: Date;
  subjectLabel: string | null;
}

/**
 * Writes down what a case's effective time means, once: for a leaver or a contract end the account becomes disabled,
 * its sessions and grants end, and its physical SIMs are marked as awaiting return; for a transfer the roles other
 * than member end. Sign-in and sessions are refused from effectiveAt on by accounts.access_ends_at whether or not this
 * has run; this makes the status, the grants and the lines say so too. Audited as the system.
 */
export async function applyCase(tx: Tx, c: CaseToApply, now: Date): Promise<void> {
  const claimed = await tx.offboardingCase.updateMany({
    where: { id: c.id, appliedAt: null, status: { in: ["scheduled", "in_progress"] } },
    data: { appliedAt: now, status: "in_progress" },
  });
  if (claimed.count === 0) return;
  const system = { organizationId: c.organizationId, actorId: null, actorLabel: "system (offboarding)", occurredAt: now, outcome: "success" as const };
  if (!c.accountId) return;
  const account = await tx.account.findUniqueOrThrow({ where: { id: c.accountId }, select: { id: true, loginId: true, status: true } });
  // A leaver loses every grant; a transfer the ones it held when the case started, other than member (the snapshot).
  let transferred: string[] | null = null;
  if (!endsAccess(c.trigger)) {
    const { grantsSnapshot } = await tx.offboardingCase.findUniqueOrThrow({ where: { id: c.id }, select: { grantsSnapshot: true } });
    transferred = ((grantsSnapshot as { grantId?: string; role?: string }[] | null) ?? []).filter((g) => g.grantId && g.role !== "member").map((g) => g.grantId!);
  }
  const grants = await tx.roleGrant.findMany({
    where: { accountId: account.id, revokedAt: null, ...(transferred ? { id: { in: transferred } } : {}) },
    select: { id: true, role: { select: { key: true, name: true } } },
  });
  if (grants.length > 0) await tx.roleGrant.updateMany({ where: { id: { in: grants.map((g) => g.id) } }, data: { revokedAt: now } });
  if (endsAccess(c.trigger)) {
    if (account.status !== "disabled") {
      await tx.account.update({ where: { id: account.id }, data: { status: "disabled", disabledAt: now, sessionVersion: { increment: 1 } } });
    }
    await tx.session.updateMany({ where: { accountId: account.id, revokedAt: null }, data: { revokedAt: now } });
    const lines = await tx.line.findMany({ where: { organizationId: c.organizationId, assignedAccountId: account.id, simType: "physical", status: "active" }, select: { id: true } });
    for (const line of lines) {
      await applyLineChange(tx, { organizationId: c.organizationId, lineId: line.id, change: { kind: "mark_pending_return" }, actor: { accountId: null, label: "system (offboarding)" }, now });
    }
  }
  await recordAudit(tx, {
    ...system,
    action: "offboarding.applied",
    targetType: "account",
    targetId: account.id,
    targetLabel: account.loginId,
    details: {
      caseId: c.id,
      trigger: c.trigger,
      effectiveAt: c.effectiveAt.toISOString(),
      before: { status: account.status },
      after: { status: endsAccess(c.trigger) ? "disabled" : account.status },
      grantsRevoked: grants.map((g) => g.role.key ?? g.role.name),
    },
  });
}

/** The sweeper: cases whose effective time has come and whose consequences are not written down yet. */
export async function sweepDueOffboarding(now = new Date()): Promise<void> {
  const prisma = await db();
  await forEachOrganization(async (organizationId) => {
    const due = await prisma.offboardingCase.findMany({
      where: { organizationId, appliedAt: null, status: "scheduled", effectiveAt: { lte: now } },
      select: { id: true, organizationId: true, accountId: true, trigger: true, effectiveAt: true, subjectLabel: true },
      orderBy: { effectiveAt: "asc" },
      take: 100,
    });
    for (const c of due) {
      // One case that fails (and is retried next time) does not hold up the others.
      await prisma.$transaction((tx) => applyCase(tx, c, now)).catch((e) => console.error(`offboarding case ${c.id} could not be applied`, e));
    }
  });
}
