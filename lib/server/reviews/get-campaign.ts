import "server-only";
import { can } from "@/lib/permissions";
import { getCampaignSchema } from "@/lib/schemas/reviews";
import type { Prisma } from "@/lib/generated/prisma/client";
import { authorize, type Actor } from "../authorize";
import { db } from "../db";
import { AppError } from "../errors";
import { applyProgress } from "./apply-campaign";
import { snapshotOf } from "./build-items";
import { mayDecide } from "./decide-item";

/** A campaign the caller may see: all of it with reviews:view, else only when they review some of its items. */
export async function campaignFor(actor: Actor, id: string) {
  const prisma = await db();
  const review = await prisma.accessReview.findFirst({
    where: { id, organizationId: actor.organizationId },
    select: {
      id: true,
      quarter: true,
      title: true,
      status: true,
      dueAt: true,
      startedAt: true,
      closedAt: true,
      appliedAt: true,
      remindedAt: true,
      undecidedOutcome: true,
      dormantDays: true,
      createdAutomatically: true,
      createdAt: true,
      fallbackReviewer: { select: { displayName: true, loginId: true } },
      closedBy: { select: { displayName: true, loginId: true } },
    },
  });
  const seesAll = can(actor.permissions, "reviews", "view");
  if (!review) throw new AppError("not_found", "No such campaign.");
  if (!seesAll && !(await prisma.accessReviewItem.count({ where: { reviewId: id, reviewerId: actor.accountId } }))) throw new AppError("not_found", "No such campaign.");
  return { review, seesAll };
}

export type CampaignItemRow = Awaited<ReturnType<typeof getCampaign>>["items"][number];

/** The campaign page: its settings, progress, the items (filtered) with their snapshots, flags and decisions. */
export async function getCampaign(input: { id: string; filter?: string }) {
  const actor = await authorize();
  const parsed = getCampaignSchema.safeParse(input);
  if (!parsed.success) throw new AppError("not_found", "No such campaign.");
  const { id, filter } = parsed.data;
  const { review, seesAll } = await campaignFor(actor, id);
  const prisma = await db();
  const scope: Prisma.AccessReviewItemWhereInput = seesAll ? {} : { reviewerId: actor.accountId };
  const where: Prisma.AccessReviewItemWhereInput = {
    reviewId: id,
    ...scope,
    ...(filter === "mine" ? { reviewerId: actor.accountId } : {}),
    ...(filter === "undecided" ? { decision: null } : {}),
    ...(filter === "flagged" ? { NOT: { flags: { isEmpty: true } } } : {}),
    ...(filter === "revoke" ? { decision: { in: ["revoke", "modify"] } } : {}),
  };
  const [items, counts, progress] = await Promise.all([
    prisma.accessReviewItem.findMany({
      where,
      orderBy: [{ decision: { sort: "asc", nulls: "first" } }, { id: "asc" }],
      take: 2_000,
      select: {
        id: true,
        accountId: true,
        reviewerId: true,
        flags: true,
        snapshot: true,
        decision: true,
        comment: true,
        revokeGrantIds: true,
        modifyEndsAt: true,
        decidedAt: true,
        decidedByLabel: true,
        byDefault: true,
        appliedAt: true,
        applyResult: true,
        reviewer: { select: { displayName: true, loginId: true } },
      },
    }),
    prisma.accessReviewItem.groupBy({ by: ["decision"], where: { reviewId: id, ...scope }, _count: { _all: true } }),
    applyProgress(prisma, id),
  ]);
  const byDecision = Object.fromEntries(counts.map((c) => [c.decision ?? "undecided", c._count._all])) as Record<string, number>;
  const total = counts.reduce((s, c) => s + c._count._all, 0);
  return {
    review,
    filter,
    seesAll,
    canManage: can(actor.permissions, "reviews", "manage"),
    counts: { total, undecided: byDecision.undecided ?? 0, keep: byDecision.keep ?? 0, revoke: byDecision.revoke ?? 0, modify: byDecision.modify ?? 0 },
    progress,
    items: items.map((i) => ({ ...i, snapshot: snapshotOf(i.snapshot), mayDecide: review.status === "open" && mayDecide(actor, i), isSelf: i.accountId === actor.accountId })),
  };
}
