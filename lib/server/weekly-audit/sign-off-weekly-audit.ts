import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { weekStartOf } from "@/lib/policy/security-dashboard";
import { signOffWeeklyAuditSchema, type SignOffWeeklyAuditInput } from "@/lib/schemas/weekly-audit";
import { recordAudit } from "../audit";
import { authorize, clientContext } from "../authorize";
import { db } from "../db";
import { AppError } from "../errors";
import { parseOrThrow } from "../roles/role-change";
import { weeklyFigures } from "./weekly-figures";

/**
 * Signs off one week's log review: stores the figures as they stand now, who signed and when. One sign-off per week;
 * a week that has not ended cannot be signed off, and a second sign-off is refused.
 */
export async function signOffWeeklyAudit(input: SignOffWeeklyAuditInput, now = new Date()) {
  const actor = await authorize("audit", "manage");
  const { week, note } = parseOrThrow(signOffWeeklyAuditSchema, input);
  if (week >= weekStartOf(now)) throw new AppError("invalid", "Only a week that has ended can be signed off.", "week", "weeklyAudit.notEnded");
  const { userAgent } = await clientContext();
  const prisma = await db();
  const weekStart = new Date(`${week}T00:00:00Z`);
  return prisma.$transaction(async (tx) => {
    // Taken before the check, so two sign-offs at once cannot both pass it.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`weekly_log_review:${actor.organizationId}:${week}`}))`;
    const existing = await tx.weeklyLogReview.findUnique({
      where: { organizationId_weekStart: { organizationId: actor.organizationId, weekStart } },
      select: { signedByLabel: true },
    });
    if (existing) throw new AppError("conflict", `This week was already signed off by ${existing.signedByLabel}.`, undefined, "weeklyAudit.alreadySigned");
    const figures = await weeklyFigures(tx, actor.organizationId, week);
    const review = await tx.weeklyLogReview.create({
      data: {
        organizationId: actor.organizationId,
        weekStart,
        snapshot: figures as unknown as Prisma.InputJsonValue,
        note: note ?? null,
        signedById: actor.accountId,
        signedByLabel: `${actor.displayName} (${actor.loginId})`,
        signedAt: now,
      },
      select: { id: true, signedByLabel: true, signedAt: true },
    });
    await recordAudit(tx, {
      organizationId: actor.organizationId,
      actorId: actor.accountId,
      actorLabel: actor.loginId,
      action: "audit.weekly_review.signed_off",
      targetType: "weekly_log_review",
      targetId: review.id,
      targetLabel: week,
      outcome: "success",
      ip: actor.ip,
      userAgent,
      details: { week, note: note ?? null, figures: { signIns: figures.signIns, failures: figures.failures, lateNight: figures.lateNight, offHours: figures.offHours } },
    });
    return { id: review.id, week, signedByLabel: review.signedByLabel, signedAt: review.signedAt };
  });
}
