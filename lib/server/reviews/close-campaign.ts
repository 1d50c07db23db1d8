import "server-only";
import { reviewIdSchema } from "@/lib/schemas/reviews";
import { recordAudit } from "../audit";
import { authorize, clientContext } from "../authorize";
import { db } from "../db";
import { AppError } from "../errors";
import { applyCampaign, type ApplyProgress } from "./apply-campaign";

/**
 * reviews:manage closes a campaign: decisions freeze, items nobody decided take the campaign's undecided outcome
 * (no change = keep, or revoke the account), audited as review.closed — then every revocation and modification is
 * applied (apply-campaign.ts), reporting progress. Closing a closed campaign whose applying stopped resumes it.
 */
export async function closeCampaign(input: { id: string }, onProgress?: (p: ApplyProgress) => void): Promise<ApplyProgress> {
  const actor = await authorize("reviews", "manage");
  // A malformed id names no campaign: the same answer as an unknown one.
  const parsed = reviewIdSchema.safeParse(input);
  if (!parsed.success) throw new AppError("not_found", "No such campaign.");
  const { id } = parsed.data;
  const { userAgent } = await clientContext();
  const prisma = await db();
  await prisma.$transaction(
    async (tx) => {
      await tx.$queryRaw`SELECT id FROM access_reviews WHERE id = ${id}::uuid AND organization_id = ${actor.organizationId}::uuid FOR UPDATE`;
      const review = await tx.accessReview.findFirst({ where: { id, organizationId: actor.organizationId }, select: { id: true, status: true, title: true, undecidedOutcome: true, appliedAt: true } });
      if (!review) throw new AppError("not_found", "No such campaign.");
      if (review.status === "closed") {
        if (review.appliedAt) throw new AppError("conflict", "This campaign is closed and its decisions are applied.", undefined, "already_applied");
        return;
      }
      const now = new Date();
      // Items nobody decided in time: the campaign's outcome for them, marked as made by default. A default never takes
      // access from a privileged account (that needs someone's decision) nor from the person closing: both are kept.
      const byDefault = { byDefault: true, decidedAt: now, decidedByLabel: "既定の処理 / by default" };
      const revoked =
        review.undecidedOutcome === "revoke"
          ? await tx.accessReviewItem.updateMany({
              where: { reviewId: id, decision: null, accountId: { not: actor.accountId }, NOT: { flags: { has: "privileged" } } },
              data: { decision: "revoke", revokeGrantIds: [], ...byDefault },
            })
          : { count: 0 };
      const kept = await tx.accessReviewItem.updateMany({ where: { reviewId: id, decision: null }, data: { decision: "keep", ...byDefault } });
      const undecided = { count: revoked.count + kept.count };
      await tx.accessReview.update({ where: { id }, data: { status: "closed", closedAt: now, closedById: actor.accountId } });
      const counts = await tx.accessReviewItem.groupBy({ by: ["decision"], where: { reviewId: id }, _count: { _all: true } });
      await recordAudit(tx, {
        organizationId: actor.organizationId,
        actorId: actor.accountId,
        actorLabel: actor.loginId,
        action: "review.closed",
        targetType: "access_review",
        targetId: id,
        targetLabel: review.title,
        outcome: "success",
        ip: actor.ip,
        userAgent,
        occurredAt: now,
        details: { undecided: undecided.count, undecidedOutcome: review.undecidedOutcome, decisions: Object.fromEntries(counts.map((c) => [c.decision ?? "none", c._count._all])) },
      });
    },
    { timeout: 120_000 },
  );
  return applyCampaign(actor.organizationId, id, { id: actor.accountId, label: actor.loginId, ip: actor.ip }, onProgress);
}
