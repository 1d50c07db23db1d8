import "server-only";
import { reassignReviewerSchema, type ReassignReviewerInput } from "@/lib/schemas/reviews";
import { recordAudit } from "../audit";
import { authorize, clientContext } from "../authorize";
import { db } from "../db";
import { AppError } from "../errors";
import { deliver, publicUrl, queueMail } from "../mail/mailer";
import { parseOrThrow } from "../requests/request-kind";

/**
 * reviews:manage names a reviewer: the undecided items of one reviewer (a manager on leave) or the unassigned ones go
 * to another active person — never the items about that person themselves, which stay. Audited as
 * review.reviewer_assigned; the new reviewer is mailed.
 */
export async function reassignReviewer(input: ReassignReviewerInput): Promise<{ moved: number; kept: number }> {
  const actor = await authorize("reviews", "manage");
  const v = parseOrThrow(reassignReviewerSchema, input);
  const { userAgent } = await clientContext();
  const prisma = await db();
  const { result, mailIds } = await prisma.$transaction(async (tx) => {
    // Under the campaign's shared lock, like a decision: not while it is being closed.
    await tx.$queryRaw`SELECT id FROM access_reviews WHERE id = ${v.reviewId}::uuid AND organization_id = ${actor.organizationId}::uuid FOR SHARE`;
    const review = await tx.accessReview.findFirst({ where: { id: v.reviewId, organizationId: actor.organizationId }, select: { id: true, title: true, status: true } });
    if (!review) throw new AppError("not_found", "No such campaign.");
    if (review.status !== "open") throw new AppError("conflict", "The campaign is closed: its decisions can no longer change.", undefined, "campaign_closed");
    const person = (loginId: string, field: string) =>
      tx.account
        .findFirst({ where: { organizationId: actor.organizationId, loginId: loginId.toLowerCase() }, select: { id: true, loginId: true, email: true, status: true } })
        .then((a) => {
          if (!a) throw new AppError("invalid", `No account has the OCN ID "${loginId}".`, field, "reviewer_not_found");
          return a;
        });
    const from = v.fromLoginId ? await person(v.fromLoginId, "fromLoginId") : null;
    const to = await person(v.toLoginId, "toLoginId");
    if (to.status !== "active") throw new AppError("invalid", `${to.loginId} cannot review: the account is ${to.status}.`, "toLoginId", "reviewer_not_active");
    if (from?.id === to.id) throw new AppError("invalid", "Choose someone other than the current reviewer.", "toLoginId", "same_reviewer");
    const where = { reviewId: review.id, decision: null, reviewerId: from?.id ?? null };
    const kept = await tx.accessReviewItem.count({ where: { ...where, accountId: to.id } });
    const { count: moved } = await tx.accessReviewItem.updateMany({ where: { ...where, accountId: { not: to.id } }, data: { reviewerId: to.id } });
    if (moved === 0) throw new AppError("invalid", from ? `${from.loginId} has no undecided items to hand over.` : "There are no unassigned undecided items.", "fromLoginId", "nothing_to_move");
    const now = new Date();
    await recordAudit(tx, {
      organizationId: actor.organizationId,
      actorId: actor.accountId,
      actorLabel: actor.loginId,
      action: "review.reviewer_assigned",
      targetType: "access_review",
      targetId: review.id,
      targetLabel: review.title,
      outcome: "success",
      ip: actor.ip,
      userAgent,
      occurredAt: now,
      details: { before: { reviewer: from?.loginId ?? null }, after: { reviewer: to.loginId }, moved, keptWithFormer: kept },
    });
    const mailId = await queueMail(tx, {
      organizationId: actor.organizationId,
      to: to.email,
      subject: `【OCN ビジネスコンソール】アカウント棚卸しの担当になりました: ${review.title}`,
      body: [`${review.title} で ${moved} 件のアカウントの判断を担当することになりました。`, "", `You now review ${moved} account(s) in "${review.title}".`, "", publicUrl(`/reviews/${review.id}?filter=mine`)].join("\n"),
    });
    return { result: { moved, kept }, mailIds: [mailId] };
  });
  await deliver(mailIds);
  return result;
}
