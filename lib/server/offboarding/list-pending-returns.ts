import "server-only";
import { db, replicaDb } from "../db";
import { authorizeOffboardingReader } from "./read-access";

/** SIMs still to come back (open return tasks), overdue first, then by due day. */
export async function listPendingReturns() {
  const actor = await authorizeOffboardingReader();
  const prisma = await db();
  const now = new Date();
  const tasks = await prisma.offboardingTask.findMany({
    where: { organizationId: actor.organizationId, kind: "return_sim", status: "open", case: { status: { not: "cancelled" } } },
    orderBy: [{ dueAt: "asc" }, { id: "asc" }],
    take: 500,
    select: {
      id: true,
      dueAt: true,
      escalatedAt: true,
      case: { select: { id: true, trigger: true, effectiveAt: true, subjectLabel: true } },
      line: { select: { id: true, phoneNumber: true, iccid: true, status: true } },
    },
  });
  return { now, rows: tasks.map((t) => ({ ...t, overdue: t.dueAt < now, effective: t.case.effectiveAt <= now })) };
}

/** The dashboard's card: open tasks, overdue first (then the soonest due), and the counts. */
export async function pendingOffboardingSummary(organizationId: string, now = new Date()) {
  const prisma = await replicaDb();
  const where = { organizationId, status: "open" as const, case: { status: { in: ["scheduled" as const, "in_progress" as const] }, effectiveAt: { lte: now } } };
  const [open, overdue, next] = await Promise.all([
    prisma.offboardingTask.count({ where }),
    prisma.offboardingTask.count({ where: { ...where, dueAt: { lt: now } } }),
    prisma.offboardingTask.findMany({
      where,
      orderBy: [{ dueAt: "asc" }, { id: "asc" }],
      take: 5,
      select: { id: true, kind: true, dueAt: true, case: { select: { id: true, subjectLabel: true } }, line: { select: { phoneNumber: true } } },
    }),
  ]);
  return { open, overdue, next: next.map((t) => ({ ...t, overdue: t.dueAt < now })) };
}
