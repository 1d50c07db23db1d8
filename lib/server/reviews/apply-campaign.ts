import "server-only";
// Applying a closed campaign: each revocation or modification through the same audited commands as an admin's, one
// item per transaction, and the item marked applied in that same transaction. A crash between items loses nothing and
// repeats nothing: applying again (by hand, or the sweeper) picks up exactly the items not yet applied.
import type { Prisma } from "@/lib/generated/prisma/client";
import { recordAudit } from "../audit";
import { activeGrantWhere } from "../access/effective-permissions";
import { revokeGrantIn, type ChangeBy } from "../access/revoke-grant";
import { db, type Tx } from "../db";
import { withOrganization } from "../tenant-context";
import { forEachOrganization } from "../tenant-lookup";
import { snapshotOf } from "./build-items";

/**
 * Whether someone other than `accountId` is a working org admin (active, holding org_admin now). Taken under a lock per
 * organization, so two appliers revoking the last two admins at once cannot both see the other one still there.
 */
async function anotherOrgAdmin(tx: Tx, organizationId: string, accountId: string, now: Date): Promise<boolean> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(727011, hashtext(${organizationId}))`;
  const n = await tx.account.count({
    where: { organizationId, id: { not: accountId }, status: "active", grants: { some: { ...activeGrantWhere(now), role: { key: "org_admin" } } } },
  });
  return n > 0;
}

export interface ApplyProgress {
  done: number;
  total: number;
}

/** The decisions a closed campaign still has to apply, and how many it has applied. */
export async function applyProgress(tx: Tx | Awaited<ReturnType<typeof db>>, reviewId: string): Promise<ApplyProgress> {
  const [total, done] = await Promise.all([
    tx.accessReviewItem.count({ where: { reviewId, decision: { in: ["revoke", "modify"] } } }),
    tx.accessReviewItem.count({ where: { reviewId, decision: { in: ["revoke", "modify"] }, appliedAt: { not: null } } }),
  ]);
  return { done, total };
}

async function applyItem(tx: Tx, organizationId: string, itemId: string, by: ChangeBy, now: Date): Promise<boolean> {
  await tx.$queryRaw`SELECT id FROM access_review_items WHERE id = ${itemId}::uuid FOR UPDATE`;
  const item = await tx.accessReviewItem.findUniqueOrThrow({
    where: { id: itemId },
    select: { id: true, reviewId: true, accountId: true, decision: true, revokeGrantIds: true, modifyEndsAt: true, comment: true, appliedAt: true, snapshot: true, byDefault: true, review: { select: { title: true } } },
  });
  // Another applier got here first.
  if (item.appliedAt) return false;
  const label = snapshotOf(item.snapshot).loginId;
  const reason = `${item.review.title}: ${item.byDefault ? "期限までに判断なし (既定の処理)" : (item.comment ?? "アカウント棚卸しの結果")}`;
  const trail = { reviewId: item.reviewId, itemId: item.id };
  const result: Record<string, unknown> = {};
  if (item.decision === "revoke" && item.revokeGrantIds.length === 0) {
    // The whole account: every role it holds now ends (member aside), it is suspended so no session survives, and
    // HR is asked to start its offboarding.
    const grants = await tx.roleGrant.findMany({
      where: { organizationId, accountId: item.accountId, ...activeGrantWhere(now), NOT: { role: { key: "member" } } },
      select: { id: true, role: { select: { key: true } } },
    });
    // Never the organization's last working org admin: that would leave nobody able to administer it.
    if (grants.some((g) => g.role.key === "org_admin") && !(await anotherOrgAdmin(tx, organizationId, item.accountId, now))) {
      result.skipped = "last_org_admin";
      await tx.accessReviewItem.update({ where: { id: item.id }, data: { appliedAt: now, applyResult: result as Prisma.InputJsonObject } });
      await recordAudit(tx, {
        organizationId,
        actorId: by.id,
        actorLabel: by.label,
        action: "review.item_applied",
        targetType: "account",
        targetId: item.accountId,
        targetLabel: label,
        outcome: "failure",
        reason: "last_org_admin",
        occurredAt: now,
        details: { ...trail, decision: item.decision, byDefault: item.byDefault, skipped: "last_org_admin" },
      });
      return true;
    }
    const revoked: string[] = [];
    for (const g of grants) if (await revokeGrantIn(tx, organizationId, by, g.id, reason, now, trail)) revoked.push(g.id);
    const account = await tx.account.findUniqueOrThrow({ where: { id: item.accountId }, select: { status: true, loginId: true } });
    // As the suspend command: an account in use is suspended; an invited one has no session and keeps its status.
    const suspend = account.status === "active" || account.status === "locked";
    await tx.account.update({
      where: { id: item.accountId },
      data: { sessionVersion: { increment: 1 }, ...(suspend ? { status: "suspended", suspendedAt: now } : {}) },
    });
    const sessions = await tx.session.updateMany({ where: { accountId: item.accountId, revokedAt: null }, data: { revokedAt: now } });
    await recordAudit(tx, {
      organizationId,
      actorId: by.id,
      actorLabel: by.label,
      action: suspend ? "account.suspended" : "account.sessions_ended",
      targetType: "account",
      targetId: item.accountId,
      targetLabel: account.loginId,
      outcome: "success",
      reason,
      occurredAt: now,
      details: { before: { status: account.status }, after: { status: suspend ? "suspended" : account.status }, sessionsEnded: sessions.count, ...trail },
    });
    const proposal = await tx.offboardingProposal.upsert({
      where: { reviewId_accountId: { reviewId: item.reviewId, accountId: item.accountId } },
      create: { organizationId, accountId: item.accountId, reviewId: item.reviewId, reason, createdAt: now },
      update: {},
      select: { id: true },
    });
    Object.assign(result, { revokedGrants: revoked, suspended: suspend, sessionsEnded: sessions.count, proposalId: proposal.id });
  } else if (item.decision === "revoke") {
    const revoked: string[] = [];
    const kept: string[] = [];
    for (const id of item.revokeGrantIds) {
      const live = await tx.roleGrant.findFirst({ where: { id, organizationId, accountId: item.accountId, ...activeGrantWhere(now) }, select: { id: true, role: { select: { key: true } } } });
      if (live?.role.key === "org_admin" && !(await anotherOrgAdmin(tx, organizationId, item.accountId, now))) {
        result.skipped = "last_org_admin";
        kept.push(id);
        continue;
      }
      if (live && (await revokeGrantIn(tx, organizationId, by, id, reason, now, trail))) revoked.push(id);
    }
    Object.assign(result, { revokedGrants: revoked, alreadyEnded: item.revokeGrantIds.filter((id) => !revoked.includes(id) && !kept.includes(id)) });
  } else if (item.decision === "modify" && item.modifyEndsAt) {
    const endsAt = item.modifyEndsAt;
    const changed: string[] = [];
    for (const id of item.revokeGrantIds) {
      const g = await tx.roleGrant.findFirst({ where: { id, organizationId, accountId: item.accountId, ...activeGrantWhere(now) }, select: { id: true, endsAt: true, role: { select: { key: true, name: true } } } });
      // Only ever sooner: a grant that already ends before the date keeps its end.
      if (!g || (g.endsAt && g.endsAt <= endsAt)) continue;
      await tx.roleGrant.update({ where: { id: g.id }, data: { endsAt } });
      await recordAudit(tx, {
        organizationId,
        actorId: by.id,
        actorLabel: by.label,
        action: "grant.end_changed",
        targetType: "account",
        targetId: item.accountId,
        targetLabel: label,
        outcome: "success",
        reason,
        occurredAt: now,
        details: { grantId: g.id, role: g.role.key ?? g.role.name, before: { endsAt: g.endsAt?.toISOString() ?? null }, after: { endsAt: endsAt.toISOString() }, ...trail },
      });
      changed.push(g.id);
    }
    Object.assign(result, { endsAt: endsAt.toISOString(), changedGrants: changed });
  }
  await tx.accessReviewItem.update({ where: { id: item.id }, data: { appliedAt: now, applyResult: result as Prisma.InputJsonObject } });
  await recordAudit(tx, {
    organizationId,
    actorId: by.id,
    actorLabel: by.label,
    action: "review.item_applied",
    targetType: "account",
    targetId: item.accountId,
    targetLabel: label,
    outcome: "success",
    reason,
    occurredAt: now,
    details: { ...trail, decision: item.decision, byDefault: item.byDefault, ...result },
  });
  return true;
}

/**
 * Applies what a closed campaign still has to apply, item by item, reporting progress; marks the campaign applied
 * when nothing is left. Safe to run again, and from two places at once.
 */
export async function applyCampaign(organizationId: string, reviewId: string, by: ChangeBy, onProgress?: (p: ApplyProgress) => void): Promise<ApplyProgress> {
  const prisma = await db();
  return withOrganization(organizationId, async () => {
    const review = await prisma.accessReview.findFirst({ where: { id: reviewId, organizationId }, select: { status: true, title: true } });
    if (!review || review.status !== "closed") return { done: 0, total: 0 };
    const pending = await prisma.accessReviewItem.findMany({
      where: { reviewId, decision: { in: ["revoke", "modify"] }, appliedAt: null },
      orderBy: { id: "asc" },
      select: { id: true },
    });
    const progress = await applyProgress(prisma, reviewId);
    onProgress?.(progress);
    for (const { id } of pending) {
      const applied = await prisma.$transaction((tx) => applyItem(tx, organizationId, id, by, new Date()));
      if (applied) progress.done += 1;
      onProgress?.({ ...progress });
    }
    const final = await applyProgress(prisma, reviewId);
    if (final.done === final.total) {
      await prisma.$transaction(async (tx) => {
        const { count } = await tx.accessReview.updateMany({ where: { id: reviewId, appliedAt: null }, data: { appliedAt: new Date() } });
        if (count === 1) {
          await recordAudit(tx, {
            organizationId,
            actorId: by.id,
            actorLabel: by.label,
            action: "review.applied",
            targetType: "access_review",
            targetId: reviewId,
            targetLabel: review.title,
            outcome: "success",
            details: { applied: final.total },
          });
        }
      });
    }
    return final;
  });
}

/** Finishes campaigns whose applying stopped half way (a crash, a restart): run by the sweeper. */
export async function sweepUnappliedCampaigns(): Promise<void> {
  const prisma = await db();
  await forEachOrganization(
    async (organizationId) => {
      const open = await prisma.accessReview.findMany({ where: { organizationId, status: "closed", appliedAt: null }, select: { id: true, closedById: true, closedBy: { select: { loginId: true } } } });
      for (const r of open) await applyCampaign(organizationId, r.id, { id: r.closedById, label: r.closedBy?.loginId ?? "system (reviews)" });
    },
    { isolate: "review applying" },
  );
}
