import "server-only";
import { db } from "../db";
import { authorizeOffboardingReader } from "./read-access";

export type CaseProposal = {
  accountId: string;
  loginId: string;
  displayName: string;
} & (
  | { source: "roster"; employeeNumber: string; rosterName: string; terminationDate: Date | null }
  | { source: "review"; reviewId: string | null; reviewTitle: string | null; reason: string; proposedAt: Date }
);

/**
 * Proposed offboarding cases for HR to start, for people with no case open whose OCN IDs still work: those the HR
 * roster (hr_roster_records, replaced by each roster import) says have left, and those an access review revoked whole
 * (offboarding_proposals, resolved when a case starts).
 */
export async function listProposedCases(): Promise<CaseProposal[]> {
  const actor = await authorizeOffboardingReader();
  const prisma = await db();
  const fromReviews = await prisma.offboardingProposal.findMany({
    where: {
      organizationId: actor.organizationId,
      resolvedAt: null,
      account: { status: { not: "disabled" }, offboardingCases: { none: { status: { in: ["scheduled", "in_progress"] } } } },
    },
    orderBy: { createdAt: "desc" },
    take: 500,
    select: { reviewId: true, reason: true, createdAt: true, review: { select: { title: true } }, account: { select: { id: true, loginId: true, displayName: true } } },
  });
  const reviewed: CaseProposal[] = [];
  const seen = new Set<string>();
  for (const p of fromReviews) {
    if (seen.has(p.account.id)) continue;
    seen.add(p.account.id);
    reviewed.push({ source: "review", accountId: p.account.id, loginId: p.account.loginId, displayName: p.account.displayName, reviewId: p.reviewId, reviewTitle: p.review?.title ?? null, reason: p.reason, proposedAt: p.createdAt });
  }
  return [...reviewed, ...(await rosterProposals(prisma, actor.organizationId)).filter((p) => !seen.has(p.accountId))];
}

async function rosterProposals(prisma: Awaited<ReturnType<typeof db>>, organizationId: string): Promise<CaseProposal[]> {
  const actor = { organizationId };
  const terminated = await prisma.hrRosterRecord.findMany({
    where: { organizationId: actor.organizationId, employmentStatus: "terminated" },
    select: { employeeNumber: true, name: true, terminationDate: true },
    take: 1000,
  });
  if (terminated.length === 0) return [];
  const accounts = await prisma.account.findMany({
    where: {
      organizationId: actor.organizationId,
      employeeNumber: { in: terminated.map((r) => r.employeeNumber) },
      status: { not: "disabled" },
      accessEndsAt: null,
      offboardingCases: { none: { status: { in: ["scheduled", "in_progress"] } } },
    },
    select: { id: true, loginId: true, displayName: true, employeeNumber: true },
    orderBy: { loginId: "asc" },
  });
  const byNumber = new Map(terminated.map((r) => [r.employeeNumber, r]));
  return accounts.map((a) => {
    const r = byNumber.get(a.employeeNumber!)!;
    return { source: "roster" as const, accountId: a.id, loginId: a.loginId, displayName: a.displayName, employeeNumber: a.employeeNumber!, rosterName: r.name, terminationDate: r.terminationDate };
  });
}
