import "server-only";
import { weekBounds, weekStartOf } from "@/lib/policy/security-dashboard";
import { db } from "../db";

/**
 * The dashboard's card: how many open tasks are overdue and how many fall due before this week ends (JST), and the
 * first few of them. The caller has checked who may see it and brought the calendar up to date.
 */
export async function summarizeComplianceTasks(organizationId: string, now = new Date()) {
  const prisma = await db();
  const weekEnd = weekBounds(weekStartOf(now))!.to;
  const open = { organizationId, status: "open" as const };
  const [overdue, dueThisWeek, next] = await Promise.all([
    prisma.complianceTask.count({ where: { ...open, dueAt: { lt: now } } }),
    prisma.complianceTask.count({ where: { ...open, dueAt: { gte: now, lt: weekEnd } } }),
    prisma.complianceTask.findMany({
      where: { ...open, dueAt: { lt: weekEnd } },
      orderBy: [{ dueAt: "asc" }, { id: "asc" }],
      take: 5,
      select: { id: true, kind: true, periodKey: true, relatedId: true, dueAt: true },
    }),
  ]);
  return { overdue, dueThisWeek, next: next.map((t) => ({ ...t, overdue: t.dueAt < now })) };
}
