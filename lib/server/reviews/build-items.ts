import "server-only";
// A campaign's items: one per account that can still act, with a snapshot of what it holds (roles, grants, lines) and
// the flags a reviewer should look at, read in a few set-based queries however many accounts there are.
import { reviewFlags, type ReviewFlag } from "@/lib/policy/reviews";
import type { Prisma } from "@/lib/generated/prisma/client";
import { activeGrantWhere, effectivePermissions } from "../access/effective-permissions";
import type { Tx } from "../db";
import { loadSodRules } from "../roles/role-change";
import { reconcileRoster } from "../hr/reconcile";
import { findSodConflicts } from "../sod/sod-conflicts";

export interface ReviewSnapshot {
  loginId: string;
  displayName: string;
  kind: "employee" | "contractor";
  status: string;
  employeeNumber: string | null;
  department: string | null;
  hrStatus: string | null;
  lastSignInAt: string | null;
  grants: { grantId: string; roleName: string; roleKey: string | null; endsAt: string | null; permissions: Record<string, string> }[];
  permissions: Record<string, string>;
  lines: string[];
}

export interface PlannedItem {
  accountId: string;
  reviewerId: string | null;
  flags: ReviewFlag[];
  snapshot: ReviewSnapshot;
}

export async function planReviewItems(
  tx: Tx,
  organizationId: string,
  settings: { dormantDays: number; fallbackReviewerId: string | null; creatorId: string | null },
  now: Date,
): Promise<PlannedItem[]> {
  const accounts = await tx.account.findMany({
    where: { organizationId, status: { not: "disabled" } },
    orderBy: { loginId: "asc" },
    select: {
      id: true,
      loginId: true,
      displayName: true,
      kind: true,
      status: true,
      employeeNumber: true,
      lastSignInAt: true,
      createdAt: true,
      department: { select: { name: true, managerId: true } },
      lines: { where: { status: { notIn: ["cancelled", "ported_out"] } }, select: { phoneNumber: true }, orderBy: { phoneNumber: "asc" } },
      _count: { select: { grants: true } },
    },
  });
  const ids = accounts.map((a) => a.id);
  const [access, roster, rules, activeIds] = await Promise.all([
    effectivePermissions(tx, organizationId, ids, now),
    reconcileRoster(tx, organizationId, now),
    loadSodRules(tx, organizationId),
    tx.account.findMany({ where: { organizationId, status: "active" }, select: { id: true } }),
  ]);
  const { conflicts } = await findSodConflicts(tx, organizationId, rules, now);
  const inConflict = new Set(conflicts.map((c) => c.account.id));
  const active = new Set(activeIds.map((a) => a.id));
  // A campaign nobody started (the quarter's automatic one) falls back to someone who manages reviews.
  const creatorId =
    settings.creatorId ??
    (
      await tx.account.findFirst({
        where: { organizationId, status: "active", grants: { some: { ...activeGrantWhere(now), role: { permissions: { some: { domain: "reviews", level: "manage" } } } } } },
        orderBy: { loginId: "asc" },
        select: { id: true },
      })
    )?.id ??
    null;
  // Nobody reviews themselves: the department's manager, else the campaign's fallback, else its creator.
  const reviewerFor = (accountId: string, managerId: string | null | undefined) =>
    [managerId, settings.fallbackReviewerId, creatorId].find((id): id is string => !!id && id !== accountId && active.has(id)) ?? null;
  return accounts.map((a) => {
    const held = access.get(a.id) ?? { permissions: {}, grants: [] };
    const hr = roster.get(a.id) ?? { hrStatus: null, noHrRecord: false, hrTerminated: false, hrLeave: false };
    const hrStatus = hr.hrStatus;
    const flags = reviewFlags(
      {
        kind: a.kind,
        hr,
        lastSignInAt: a.lastSignInAt,
        createdAt: a.createdAt,
        permissions: held.permissions,
        sodConflict: inConflict.has(a.id),
        grants: held.grants,
        hadGrants: a._count.grants > 0,
      },
      now,
      settings.dormantDays,
    );
    return {
      accountId: a.id,
      reviewerId: reviewerFor(a.id, a.department?.managerId),
      flags,
      snapshot: {
        loginId: a.loginId,
        displayName: a.displayName,
        kind: a.kind,
        status: a.status,
        employeeNumber: a.employeeNumber,
        department: a.department?.name ?? null,
        hrStatus,
        lastSignInAt: a.lastSignInAt?.toISOString() ?? null,
        grants: held.grants.map((g) => ({ grantId: g.grantId, roleName: g.roleName, roleKey: g.roleKey, endsAt: g.endsAt?.toISOString() ?? null, permissions: g.permissions as Record<string, string> })),
        permissions: held.permissions as Record<string, string>,
        lines: a.lines.map((l) => l.phoneNumber),
      },
    };
  });
}

export const snapshotOf = (json: Prisma.JsonValue): ReviewSnapshot => json as unknown as ReviewSnapshot;
