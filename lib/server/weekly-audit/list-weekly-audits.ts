import "server-only";
import { addDays, failureRate, weekStartOf } from "@/lib/policy/security-dashboard";
import { authorize } from "../authorize";
import { db, replicaDb } from "../db";
import { weekCounts } from "./weekly-figures";

export const WEEKS_LISTED = 26;

/**
 * The last 26 weeks (JST, newest first) with their sign-in figures (from the replica when there is one) and whether
 * each has been signed off (from the primary).
 */
export async function listWeeklyAudits(now = new Date()) {
  const actor = await authorize("audit", "view");
  const [prisma, replica] = await Promise.all([db(), replicaDb()]);
  const current = weekStartOf(now);
  const oldest = addDays(current, -7 * (WEEKS_LISTED - 1));
  const [counts, reviews] = await Promise.all([
    weekCounts(replica, actor.organizationId, current, WEEKS_LISTED),
    prisma.weeklyLogReview.findMany({
      where: { organizationId: actor.organizationId, weekStart: { gte: new Date(`${oldest}T00:00:00Z`) } },
      select: { weekStart: true, signedByLabel: true, signedAt: true },
    }),
  ]);
  const byWeek = new Map(reviews.map((r) => [r.weekStart.toISOString().slice(0, 10), r]));
  return counts
    .map((w) => {
      const review = byWeek.get(w.weekStart);
      return {
        weekStart: w.weekStart,
        weekEnd: addDays(w.weekStart, 6),
        inProgress: w.weekStart === current,
        signIns: w.success + w.failure,
        failures: w.failure,
        failureRate: failureRate(w.success, w.failure),
        offHours: w.offHours,
        signedBy: review?.signedByLabel ?? null,
        signedAt: review?.signedAt ?? null,
      };
    })
    .reverse();
}
