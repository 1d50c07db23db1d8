import "server-only";
import { can } from "@/lib/permissions";
import { authorize } from "../authorize";
import { db } from "../db";
import { AppError } from "../errors";

/**
 * The campaigns, newest first, with their progress. reviews:view sees them all; a reviewer without it sees the
 * campaigns that have items for them, with their own counts; someone with neither is refused.
 */
export async function listCampaigns() {
  const actor = await authorize();
  const all = can(actor.permissions, "reviews", "view");
  const prisma = await db();
  const reviews = await prisma.accessReview.findMany({
    where: { organizationId: actor.organizationId, ...(all ? {} : { items: { some: { reviewerId: actor.accountId } } }) },
    orderBy: { createdAt: "desc" },
    take: 40,
    select: { id: true, quarter: true, title: true, status: true, dueAt: true, startedAt: true, closedAt: true, appliedAt: true, undecidedOutcome: true, createdAutomatically: true },
  });
  if (!all && reviews.length === 0) throw new AppError("forbidden", "Only reviews:view and the reviewers of a campaign see access reviews.");
  const ids = reviews.map((r) => r.id);
  const scope = all ? {} : { reviewerId: actor.accountId };
  const [totals, decided, flagged, mine] = await Promise.all([
    prisma.accessReviewItem.groupBy({ by: ["reviewId"], where: { reviewId: { in: ids }, ...scope }, _count: { _all: true } }),
    prisma.accessReviewItem.groupBy({ by: ["reviewId"], where: { reviewId: { in: ids }, decision: { not: null }, ...scope }, _count: { _all: true } }),
    prisma.accessReviewItem.groupBy({ by: ["reviewId"], where: { reviewId: { in: ids }, NOT: { flags: { isEmpty: true } }, ...scope }, _count: { _all: true } }),
    prisma.accessReviewItem.groupBy({ by: ["reviewId"], where: { reviewId: { in: ids }, reviewerId: actor.accountId, decision: null }, _count: { _all: true } }),
  ]);
  const count = (rows: { reviewId: string; _count: { _all: number } }[], id: string) => rows.find((r) => r.reviewId === id)?._count._all ?? 0;
  return {
    campaigns: reviews.map((r) => ({ ...r, items: count(totals, r.id), decided: count(decided, r.id), flagged: count(flagged, r.id), waitingForMe: count(mine, r.id) })),
    canManage: can(actor.permissions, "reviews", "manage"),
    seesAll: all,
  };
}
