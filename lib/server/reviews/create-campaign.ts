import "server-only";
import { formatJst } from "@/lib/policy/account-csv";
import { defaultDueAt, inAutoStartWindow, quarterKeyOf } from "@/lib/policy/reviews";
import { createCampaignSchema, type CreateCampaignInput } from "@/lib/schemas/reviews";
import { recordAudit } from "../audit";
import { authorize } from "../authorize";
import { db, type Tx } from "../db";
import { AppError } from "../errors";
import { deliver, publicUrl, queueMail } from "../mail/mailer";
import { parseOrThrow } from "../requests/request-kind";
import { withOrganization } from "../tenant-context";
import { forEachOrganization } from "../tenant-lookup";
import { planReviewItems } from "./build-items";

interface CampaignSpec {
  organizationId: string;
  quarter: string;
  title: string;
  dueAt: Date;
  undecidedOutcome: "no_change" | "revoke";
  dormantDays: number;
  fallbackReviewerId: string | null;
  createdBy: { id: string; label: string } | null;
  automatic: boolean;
  now: Date;
}

/** Writes a campaign, open at once, with its items; audited as review.created; each reviewer is mailed once. */
async function writeCampaign(tx: Tx, s: CampaignSpec): Promise<{ id: string; itemCount: number; mailIds: string[] }> {
  const planned = await planReviewItems(tx, s.organizationId, { dormantDays: s.dormantDays, fallbackReviewerId: s.fallbackReviewerId, creatorId: s.createdBy?.id ?? null }, s.now);
  const review = await tx.accessReview.create({
    data: {
      organizationId: s.organizationId,
      quarter: s.quarter,
      title: s.title,
      status: "open",
      dueAt: s.dueAt,
      undecidedOutcome: s.undecidedOutcome,
      dormantDays: s.dormantDays,
      fallbackReviewerId: s.fallbackReviewerId,
      createdById: s.createdBy?.id ?? null,
      createdAutomatically: s.automatic,
      startedAt: s.now,
      createdAt: s.now,
    },
    select: { id: true },
  });
  await tx.accessReviewItem.createMany({
    data: planned.map((p) => ({ organizationId: s.organizationId, reviewId: review.id, accountId: p.accountId, reviewerId: p.reviewerId, flags: p.flags, snapshot: p.snapshot as object })),
  });
  const flagged = planned.filter((p) => p.flags.length > 0).length;
  await recordAudit(tx, {
    organizationId: s.organizationId,
    actorId: s.createdBy?.id ?? null,
    actorLabel: s.createdBy?.label ?? "system (reviews)",
    action: "review.created",
    targetType: "access_review",
    targetId: review.id,
    targetLabel: s.title,
    outcome: "success",
    occurredAt: s.now,
    details: { quarter: s.quarter, items: planned.length, flagged, dueAt: s.dueAt.toISOString(), undecidedOutcome: s.undecidedOutcome, dormantDays: s.dormantDays, automatic: s.automatic },
  });
  const perReviewer = new Map<string, number>();
  for (const p of planned) if (p.reviewerId) perReviewer.set(p.reviewerId, (perReviewer.get(p.reviewerId) ?? 0) + 1);
  const reviewers = await tx.account.findMany({ where: { id: { in: [...perReviewer.keys()] } }, select: { id: true, email: true } });
  const due = s.dueAt.toLocaleString("ja-JP", { timeZone: "Asia/Tokyo", dateStyle: "medium", timeStyle: "short" });
  const mailIds: string[] = [];
  for (const r of reviewers) {
    const count = perReviewer.get(r.id) ?? 0;
    mailIds.push(
      await queueMail(tx, {
        organizationId: s.organizationId,
        to: r.email,
        subject: `【OCN ビジネスコンソール】アカウント棚卸しのお願い: ${s.title}`,
        body: [
          `${s.title} が始まりました。担当のアカウント ${count} 件について、継続・取り消し・変更を ${due} までに判断してください。`,
          "",
          `The access review "${s.title}" has started: decide keep, revoke or modify for the ${count} account(s) you review by ${formatJst(s.dueAt)} (Japan time).`,
          "",
          publicUrl(`/reviews/${review.id}?filter=mine`),
        ].join("\n"),
      }),
    );
  }
  return { id: review.id, itemCount: planned.length, mailIds };
}

/** reviews:manage starts a campaign by hand (any quarter; several may run in one). */
export async function createCampaign(input: CreateCampaignInput): Promise<{ id: string; itemCount: number }> {
  const actor = await authorize("reviews", "manage");
  const v = parseOrThrow(createCampaignSchema, input);
  const now = new Date();
  if (v.dueAt && v.dueAt <= now) throw new AppError("invalid", "The due date must be in the future.", "dueAt", "due_in_past");
  const prisma = await db();
  const { mailIds, ...result } = await prisma.$transaction(
    async (tx) => {
      let fallbackReviewerId: string | null = null;
      if (v.fallbackReviewerLoginId) {
        const found = await tx.account.findFirst({
          where: { organizationId: actor.organizationId, loginId: v.fallbackReviewerLoginId.toLowerCase(), status: "active" },
          select: { id: true },
        });
        if (!found) throw new AppError("invalid", `No active account has the OCN ID "${v.fallbackReviewerLoginId}".`, "fallbackReviewerLoginId", "reviewer_not_found");
        fallbackReviewerId = found.id;
      }
      return writeCampaign(tx, {
        organizationId: actor.organizationId,
        quarter: v.quarter,
        title: v.title ?? `${v.quarter.replace("-Q", "年 第")}四半期 アカウント棚卸し`,
        dueAt: v.dueAt ?? defaultDueAt(v.quarter, now),
        undecidedOutcome: v.undecidedOutcome,
        dormantDays: v.dormantDays,
        fallbackReviewerId,
        createdBy: { id: actor.accountId, label: actor.loginId },
        automatic: false,
        now,
      });
    },
    { timeout: 120_000 },
  );
  await deliver(mailIds);
  return result;
}

/**
 * In the first week of a quarter, the quarter's automatic campaign, once (a unique index backs it across instances),
 * with the organization's review settings. Returns its id when this call created it.
 */
export async function ensureQuarterCampaign(organizationId: string, now = new Date()): Promise<string | null> {
  if (!inAutoStartWindow(now)) return null;
  const quarter = quarterKeyOf(now);
  const prisma = await db();
  const created = await withOrganization(organizationId, () =>
    prisma.$transaction(
      async (tx) => {
        await tx.$executeRaw`SELECT pg_advisory_xact_lock(727010, hashtext(${`${organizationId}:${quarter}`}))`;
        // One campaign a quarter is enough: none automatic when someone already started one by hand.
        const exists = await tx.accessReview.findFirst({ where: { organizationId, quarter }, select: { id: true } });
        if (exists) return null;
        const org = await tx.organization.findUniqueOrThrow({ where: { id: organizationId }, select: { reviewDormantDays: true, reviewUndecidedOutcome: true, reviewFallbackReviewerId: true } });
        return writeCampaign(tx, {
          organizationId,
          quarter,
          title: `${quarter.replace("-Q", "年 第")}四半期 アカウント棚卸し`,
          dueAt: defaultDueAt(quarter, now),
          undecidedOutcome: org.reviewUndecidedOutcome === "revoke" ? "revoke" : "no_change",
          dormantDays: org.reviewDormantDays,
          fallbackReviewerId: org.reviewFallbackReviewerId,
          createdBy: null,
          automatic: true,
          now,
        });
      },
      { timeout: 120_000 },
    ),
  );
  if (!created) return null;
  await deliver(created.mailIds);
  return created.id;
}

export async function sweepQuarterCampaigns(now = new Date()): Promise<void> {
  if (!inAutoStartWindow(now)) return;
  await forEachOrganization(
    async (organizationId) => {
      await ensureQuarterCampaign(organizationId, now);
    },
    { isolate: "quarterly campaign" },
  );
}
