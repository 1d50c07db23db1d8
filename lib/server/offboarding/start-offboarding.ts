import "server-only";
import { endsAccess, planOffboardingTasks } from "@/lib/policy/offboarding";
import { startOffboardingSchema, type StartOffboardingInput } from "@/lib/schemas/offboarding";
import { recordAudit } from "../audit";
import { authorize } from "../authorize";
import { db } from "../db";
import { AppError } from "../errors";
import { applyCase } from "./apply-case";

const YEAR = 366 * 86_400_000;
/** A time typed a moment ago (the form was open for a while) still counts as now rather than the past. */
const PAST_GRACE_MS = 5 * 60_000;

/**
 * HR starts an offboarding case for a leaver, a contract end or a transfer, effective now or at a date and time
 * (Japan time). In one transaction: the case with a snapshot of the person's roles and grants, its tasks from what
 * the person holds, and — for a leaver or a contract end — the account's access end, which sign-in and every
 * session check compare with the clock, so it holds exactly from that instant with no job. Effective now: the
 * account is disabled and its sessions end before this returns.
 */
export async function startOffboarding(input: StartOffboardingInput): Promise<{ caseId: string }> {
  const actor = await authorize("offboarding", "manage");
  const data = startOffboardingSchema.parse(input);
  const prisma = await db();
  return prisma.$transaction(async (tx) => {
    const now = new Date();
    const effectiveAt = data.effectiveAt ?? now;
    if (effectiveAt.getTime() < now.getTime() - PAST_GRACE_MS) throw new AppError("invalid", "The effective time is in the past: choose now or a later time.", "effectiveAt", "effective_past");
    if (effectiveAt.getTime() > now.getTime() + YEAR) throw new AppError("invalid", "The effective time is more than a year ahead.", "effectiveAt", "effective_too_far");
    // The person's row, locked: two HR staff registering the same person at once make one case, the second is refused.
    await tx.$queryRaw`SELECT id FROM accounts WHERE id = ${data.accountId}::uuid AND organization_id = ${actor.organizationId}::uuid FOR UPDATE`;
    const account = await tx.account.findFirst({
      where: { id: data.accountId, organizationId: actor.organizationId },
      select: { id: true, loginId: true, displayName: true, status: true, accessEndsAt: true, department: { select: { name: true } } },
    });
    if (!account) throw new AppError("not_found", "No such account.", "accountId");
    if (account.id === actor.accountId) throw new AppError("forbidden", "You cannot start your own offboarding: someone else in HR must.", "accountId", "self_offboarding");
    if (account.status === "disabled") throw new AppError("conflict", "This account is already disabled.", "accountId", "already_disabled");
    // Never the organization's last org admin: nobody would be left to run the console.
    const holdsAdmin = (accountId: { not: string } | string) => ({
      accountId,
      organizationId: actor.organizationId,
      revokedAt: null,
      startsAt: { lte: now },
      OR: [{ endsAt: null }, { endsAt: { gt: effectiveAt } }],
      role: { key: "org_admin" },
      account: { status: { in: ["active" as const, "locked" as const] }, OR: [{ accessEndsAt: null }, { accessEndsAt: { gt: effectiveAt } }] },
    });
    if ((await tx.roleGrant.count({ where: holdsAdmin(account.id) })) > 0 && (await tx.roleGrant.count({ where: holdsAdmin({ not: account.id }) })) === 0) {
      throw new AppError("conflict", "This person is the organization's last org admin. Give the org admin role to someone else first.", "accountId", "last_admin");
    }
    const open = await tx.offboardingCase.findFirst({ where: { organizationId: actor.organizationId, accountId: account.id, status: { in: ["scheduled", "in_progress"] }, trigger: { not: "device_disposal" } }, select: { id: true } });
    if (open) throw new AppError("conflict", "This person already has an offboarding case in progress.", "accountId", "case_open");

    const [org, grants, lines] = await Promise.all([
      tx.organization.findUniqueOrThrow({ where: { id: actor.organizationId }, select: { simReturnDays: true } }),
      tx.roleGrant.findMany({
        where: { accountId: account.id, revokedAt: null, OR: [{ endsAt: null }, { endsAt: { gt: now } }] },
        select: { id: true, startsAt: true, endsAt: true, reason: true, role: { select: { key: true, name: true } } },
      }),
      tx.line.findMany({ where: { organizationId: actor.organizationId, assignedAccountId: account.id }, select: { id: true, simType: true, status: true, phoneNumber: true } }),
    ]);
    const immediate = effectiveAt.getTime() <= now.getTime();
    const created = await tx.offboardingCase.create({
      data: {
        organizationId: actor.organizationId,
        accountId: account.id,
        trigger: data.trigger,
        effectiveAt,
        status: "scheduled",
        initiatedById: actor.accountId,
        note: data.note || null,
        newDepartment: data.trigger === "transfer" ? data.newDepartment : null,
        subjectLabel: `${account.displayName} (${account.loginId})`,
        grantsSnapshot: grants.map((g) => ({
          grantId: g.id,
          role: g.role.key ?? g.role.name,
          roleName: g.role.name,
          startsAt: g.startsAt.toISOString(),
          endsAt: g.endsAt?.toISOString() ?? null,
          reason: g.reason,
        })),
      },
      select: { id: true },
    });
    // A review's proposal for this person is answered by the case.
    await tx.offboardingProposal.updateMany({ where: { organizationId: actor.organizationId, accountId: account.id, resolvedAt: null }, data: { resolvedAt: now } });
    const planned = planOffboardingTasks(data.trigger, effectiveAt, lines, org.simReturnDays);
    await tx.offboardingTask.createMany({
      data: planned.map((t) => ({ organizationId: actor.organizationId, caseId: created.id, kind: t.kind, lineId: t.lineId, ownerRoleKey: t.ownerRoleKey, dueAt: t.dueAt })),
    });
    if (endsAccess(data.trigger)) {
      await tx.account.update({ where: { id: account.id }, data: { accessEndsAt: account.accessEndsAt && account.accessEndsAt < effectiveAt ? account.accessEndsAt : effectiveAt } });
    } else {
      // A transfer: the roles held now other than member (custom roles included) end at the effective time — the
      // grant checks compare with the clock. Roles granted later, for the new department, are not touched.
      const ending = grants.filter((g) => g.role.key !== "member" && (g.endsAt === null || g.endsAt > effectiveAt)).map((g) => g.id);
      if (ending.length > 0) await tx.roleGrant.updateMany({ where: { id: { in: ending } }, data: { endsAt: effectiveAt } });
    }
    await recordAudit(tx, {
      organizationId: actor.organizationId,
      actorId: actor.accountId,
      actorLabel: actor.loginId,
      action: "offboarding.started",
      targetType: "account",
      targetId: account.id,
      targetLabel: account.loginId,
      outcome: "success",
      reason: data.note || null,
      ip: actor.ip,
      occurredAt: now,
      details: {
        caseId: created.id,
        trigger: data.trigger,
        effectiveAt: effectiveAt.toISOString(),
        immediate,
        newDepartment: data.trigger === "transfer" ? data.newDepartment : null,
        tasks: planned.map((t) => t.kind),
        lines: lines.map((l) => l.phoneNumber),
      },
    });
    if (immediate) {
      await applyCase(tx, { id: created.id, organizationId: actor.organizationId, accountId: account.id, trigger: data.trigger, effectiveAt, subjectLabel: null }, now);
    }
    return { caseId: created.id };
  });
}
