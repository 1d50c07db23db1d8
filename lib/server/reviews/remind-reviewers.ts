import "server-only";
import { formatJst } from "@/lib/policy/account-csv";
import { reminderDueAt } from "@/lib/policy/reviews";
import { recordAudit } from "../audit";
import { db } from "../db";
import { deliver, publicUrl, queueMail } from "../mail/mailer";
import { forEachOrganization } from "../tenant-lookup";

/**
 * Half way to the due time, each reviewer with items still undecided is reminded once per campaign (the campaign's
 * reminded_at is claimed in the same transaction, so two instances do not both send).
 */
export async function sweepReviewReminders(now = new Date()): Promise<void> {
  const prisma = await db();
  await forEachOrganization(
    async (organizationId) => {
      const open = await prisma.accessReview.findMany({
        where: { organizationId, status: "open", remindedAt: null },
        select: {
          id: true,
          title: true,
          startedAt: true,
          createdAt: true,
          dueAt: true,
        },
      });
      for (const r of open) {
        if (reminderDueAt(r.startedAt ?? r.createdAt, r.dueAt) > now) continue;
        const mailIds = await prisma.$transaction(async (tx) => {
          const { count } = await tx.accessReview.updateMany({
            where: { id: r.id, remindedAt: null },
            data: { remindedAt: now },
          });
          if (count === 0) return [];
          const waiting = await tx.accessReviewItem.groupBy({
            by: ["reviewerId"],
            where: {
              reviewId: r.id,
              decision: null,
              reviewerId: { not: null },
            },
            _count: { _all: true },
          });
          const reviewers = await tx.account.findMany({
            where: {
              id: { in: waiting.map((w) => w.reviewerId!) },
              status: "active",
            },
            select: { id: true, email: true },
          });
          const due = r.dueAt.toLocaleString("ja-JP", {
            timeZone: "Asia/Tokyo",
            dateStyle: "medium",
            timeStyle: "short",
          });
          const ids: string[] = [];
          for (const rv of reviewers) {
            const n =
              waiting.find((w) => w.reviewerId === rv.id)?._count._all ?? 0;
            ids.push(
              await queueMail(tx, {
                organizationId,
                to: rv.email,
                subject: `【OCN ビジネスコンソール】アカウント棚卸しの期限が近づいています: ${r.title}`,
                body: [
                  `未判断のアカウントが ${n} 件あります。期限は ${due} です。`,
                  "",
                  `${n} account(s) still wait for your decision in "${r.title}", due ${formatJst(r.dueAt)} (Japan time).`,
                  "",
                  publicUrl(`/reviews/${r.id}?filter=mine`),
                ].join("\n"),
              }),
            );
          }
          await recordAudit(tx, {
            organizationId,
            actorLabel: "system (reviews)",
            action: "review.reminded",
            targetType: "access_review",
            targetId: r.id,
            targetLabel: r.title,
            outcome: "success",
            occurredAt: now,
            details: {
              reviewers: reviewers.length,
              undecided: waiting.reduce((s, w) => s + w._count._all, 0),
            },
          });
          return ids;
        });
        await deliver(mailIds);
      }
    },
    { isolate: "review reminders" },
  );
}
