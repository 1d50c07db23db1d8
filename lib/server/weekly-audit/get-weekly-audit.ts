import "server-only";
import { can } from "@/lib/permissions";
import { weekBounds, weekStartOf } from "@/lib/policy/security-dashboard";
import { weeklyAuditPageSchema, type WeeklyAuditPageInput } from "@/lib/schemas/weekly-audit";
import { authorize } from "../authorize";
import { db, replicaDb } from "../db";
import { AppError } from "../errors";
import { LATE_NIGHT_PAGE_SIZE, listLateNight, weeklyFigures } from "./weekly-figures";

/**
 * One week of the weekly log audit: its figures, a page of late-night sign-ins (both from the replica when there is
 * one), and its sign-off if any (from the primary, so a sign-off shows at once).
 */
export async function getWeeklyAudit(input: WeeklyAuditPageInput, now = new Date()) {
  const actor = await authorize("audit", "view");
  const parsed = weeklyAuditPageSchema.safeParse(input);
  // A week in the URL that is no Monday names no page: "not found", as a missing id would.
  if (!parsed.success) throw new AppError("not_found", "No such week.", "week", "weeklyAudit.futureWeek");
  const { week, page } = parsed.data;
  if (week > weekStartOf(now)) throw new AppError("not_found", "That week has not started yet.", "week", "weeklyAudit.futureWeek");
  const [prisma, replica] = await Promise.all([db(), replicaDb()]);
  const { from, to } = weekBounds(week)!;
  const [figures, lateNight, review] = await Promise.all([
    weeklyFigures(replica, actor.organizationId, week),
    listLateNight(replica, actor.organizationId, from, to, page),
    prisma.weeklyLogReview.findUnique({
      where: { organizationId_weekStart: { organizationId: actor.organizationId, weekStart: new Date(`${week}T00:00:00Z`) } },
      select: { id: true, note: true, signedByLabel: true, signedAt: true, snapshot: true },
    }),
  ]);
  return {
    organizationName: actor.organizationName,
    canSignOff: can(actor.permissions, "audit", "manage"),
    week,
    inProgress: week === weekStartOf(now),
    figures,
    lateNight: { rows: lateNight, page, pageSize: LATE_NIGHT_PAGE_SIZE, total: figures.lateNight },
    review,
  };
}
