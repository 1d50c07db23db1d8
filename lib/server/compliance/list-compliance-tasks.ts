import "server-only";
import { can } from "@/lib/permissions";
import { calendarMonth, COMPLIANCE_OWNERS, completesFromSource, isDueThisWeek, isOverdue, type ComplianceKind } from "@/lib/policy/compliance";
import { authorize } from "../authorize";
import { db } from "../db";
import { ensureComplianceTasks } from "./ensure-compliance-tasks";

export const HISTORY_SIZE = 50;

const select = {
  id: true,
  kind: true,
  title: true,
  periodKey: true,
  dueAt: true,
  status: true,
  relatedId: true,
  evidence: true,
  note: true,
  completedAt: true,
  completedByLabel: true,
} as const;

/** Where a task is done: the page to open for it. */
function workplace(kind: ComplianceKind, relatedId: string | null, incidentAccount: string | undefined): string {
  switch (kind) {
    case "ip_allowlist_monthly":
      return "/security/network";
    case "permission_reconciliation_monthly":
      return "/reviews/roster";
    case "log_audit_weekly":
      return `/audit/weekly/${relatedId}`;
    case "device_disposal":
      return `/offboarding/${relatedId}`;
    case "incident_response":
      return incidentAccount ? `/accounts/${incidentAccount}` : "/accounts";
  }
}

/**
 * The compliance calendar: every open task (overdue ones whatever their month) and every task due from this month on,
 * open first and soonest due first, each with where it is done and whether the caller may record it; then the last
 * closed tasks with their evidence. The calendar is brought up to date first (ensureComplianceTasks).
 */
export async function listComplianceTasks(now = new Date()) {
  const actor = await authorize("security", "view");
  const organizationId = actor.organizationId;
  await ensureComplianceTasks(organizationId, now);
  const prisma = await db();
  const { month, start } = calendarMonth(now);
  const [current, closed] = await Promise.all([
    prisma.complianceTask.findMany({
      where: { organizationId, OR: [{ status: "open" }, { dueAt: { gte: start } }] },
      orderBy: [{ dueAt: "asc" }, { id: "asc" }],
      take: 500,
      select,
    }),
    prisma.complianceTask.findMany({
      where: { organizationId, status: { in: ["done", "skipped"] } },
      orderBy: [{ completedAt: "desc" }, { id: "asc" }],
      take: HISTORY_SIZE,
      select,
    }),
  ]);

  // What each per-event task is about: the disposal case's device, the incident's account.
  const all = [...current, ...closed];
  const ids = (kind: ComplianceKind) => [...new Set(all.filter((t) => t.kind === kind && t.relatedId).map((t) => t.relatedId!))];
  const [cases, incidents] = await Promise.all([
    prisma.offboardingCase.findMany({ where: { organizationId, id: { in: ids("device_disposal") } }, select: { id: true, subjectLabel: true } }),
    prisma.incident.findMany({ where: { organizationId, id: { in: ids("incident_response") } }, select: { id: true, accountId: true, account: { select: { loginId: true } } } }),
  ]);
  const caseSubject = new Map(cases.map((c) => [c.id, c.subjectLabel]));
  const incidentOf = new Map(incidents.map((i) => [i.id, i]));

  const view = (task: (typeof all)[number]) => {
    const kind = task.kind as ComplianceKind;
    const owner = COMPLIANCE_OWNERS[kind];
    const incident = kind === "incident_response" && task.relatedId ? incidentOf.get(task.relatedId) : undefined;
    return {
      id: task.id,
      kind,
      title: task.title,
      periodKey: task.periodKey,
      week: kind === "log_audit_weekly" ? task.relatedId : null,
      subject: kind === "device_disposal" ? (caseSubject.get(task.relatedId ?? "") ?? null) : (incident?.account.loginId ?? null),
      dueAt: task.dueAt,
      status: task.status,
      overdue: isOverdue(task, now),
      dueThisWeek: isDueThisWeek(task, now),
      ownerDomain: owner.domain,
      ownerRoleKey: owner.roleKey,
      fromSource: completesFromSource(kind),
      canRecord: !completesFromSource(kind) && can(actor.permissions, owner.domain, "manage"),
      href: workplace(kind, task.relatedId, incident?.accountId),
      note: task.note,
      evidence: (task.evidence ?? null) as Record<string, string | number | boolean | null> | null,
      completedAt: task.completedAt,
      completedByLabel: task.completedByLabel,
    };
  };
  const tasks = current.map(view).sort((a, b) => Number(b.status === "open") - Number(a.status === "open") || a.dueAt.getTime() - b.dueAt.getTime());
  return {
    now,
    month,
    tasks,
    history: closed.map(view),
    counts: {
      overdue: tasks.filter((t) => t.overdue).length,
      dueThisWeek: tasks.filter((t) => t.dueThisWeek).length,
      open: tasks.filter((t) => t.status === "open").length,
    },
  };
}

export type ComplianceTaskView = Awaited<ReturnType<typeof listComplianceTasks>>["tasks"][number];
