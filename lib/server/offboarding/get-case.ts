import "server-only";
import { isOverdue, type TaskKind } from "@/lib/policy/offboarding";
import { can } from "@/lib/permissions";
import { db } from "../db";
import { AppError } from "../errors";
import { mayComplete } from "./complete-task";
import { authorizeOffboardingReader } from "./read-access";

/** One case: the person, what they held, the checklist with who may close each task, and the case's history. */
export async function getOffboardingCase(caseId: string) {
  const actor = await authorizeOffboardingReader();
  if (!/^[0-9a-f-]{36}$/i.test(caseId)) throw new AppError("not_found", "No such case.");
  const prisma = await db();
  const now = new Date();
  const c = await prisma.offboardingCase.findFirst({
    where: { id: caseId, organizationId: actor.organizationId },
    select: {
      id: true,
      trigger: true,
      status: true,
      effectiveAt: true,
      appliedAt: true,
      cancelledAt: true,
      completedAt: true,
      createdAt: true,
      note: true,
      newDepartment: true,
      subjectLabel: true,
      grantsSnapshot: true,
      account: { select: { id: true, loginId: true, displayName: true, status: true, employeeNumber: true, accessEndsAt: true, department: { select: { name: true } } } },
      initiatedBy: { select: { loginId: true, displayName: true } },
      tasks: {
        orderBy: [{ dueAt: "asc" }, { kind: "asc" }, { id: "asc" }],
        select: {
          id: true,
          kind: true,
          status: true,
          ownerRoleKey: true,
          dueAt: true,
          decision: true,
          trackingNumber: true,
          receivedAt: true,
          condition: true,
          evidence: true,
          note: true,
          completedByLabel: true,
          completedAt: true,
          escalatedAt: true,
          line: { select: { id: true, phoneNumber: true, simType: true, status: true, iccid: true, mnpNumber: true, mnpExpiresAt: true, statementsExportedAt: true } },
        },
      },
    },
  });
  if (!c) throw new AppError("not_found", "No such case.");
  const history = await prisma.auditEvent.findMany({
    where: { organizationId: actor.organizationId, OR: [{ targetType: "offboarding_case", targetId: c.id }, { details: { path: ["caseId"], equals: c.id } }] },
    orderBy: [{ occurredAt: "asc" }, { id: "asc" }],
    select: { id: true, occurredAt: true, action: true, actorLabel: true, details: true },
    take: 200,
  });
  // Task owners outside HR (line operators, account admins, billing) see the checklist, not the person's file: the
  // reason noted by HR, the employee number and the roles held are for offboarding:view.
  const fullView = can(actor.permissions, "offboarding", "view");
  const redacted = fullView
    ? c
    : { ...c, note: null, grantsSnapshot: null, account: c.account ? { ...c.account, employeeNumber: null } : null };
  return {
    now,
    fullView,
    case: {
      ...redacted,
      tasks: c.tasks.map((t) => ({ ...t, overdue: isOverdue(t, now), mayComplete: c.status !== "cancelled" && mayComplete(actor, t.kind as TaskKind) })),
    },
    history: history.map((h) => ({ ...h, id: String(h.id) })),
    canManage: can(actor.permissions, "offboarding", "manage"),
    cancellable: can(actor.permissions, "offboarding", "manage") && c.status === "scheduled" && c.effectiveAt > now,
  };
}
