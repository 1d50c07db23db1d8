import "server-only";
import { can } from "@/lib/permissions";
import { allowedChanges } from "@/lib/policy/lines";
import { lineIdSchema } from "@/lib/schemas/lines";
import { authorize } from "../authorize";
import { db } from "../db";
import { AppError } from "../errors";
import { pendingRequestFor, targetHistory } from "../requests/pending-request";

/** One line of the caller's organization with its holder, the requests waiting on it, its history and what the caller may do. */
export async function getLineOrThrow(input: { id: string }) {
  const actor = await authorize("lines", "view");
  const parsed = lineIdSchema.safeParse(input);
  if (!parsed.success) throw new AppError("not_found", "No such line.");
  const prisma = await db();
  const line = await prisma.line.findFirst({
    where: { id: parsed.data.id, organizationId: actor.organizationId },
    select: {
      id: true,
      phoneNumber: true,
      iccid: true,
      simType: true,
      plan: true,
      dataAllowanceGb: true,
      internationalRoaming: true,
      status: true,
      costCenter: true,
      mnpNumber: true,
      mnpExpiresAt: true,
      statementsExportedAt: true,
      activatedAt: true,
      createdAt: true,
      updatedAt: true,
      assignedAccount: { select: { id: true, displayName: true, loginId: true, status: true, department: { select: { name: true } } } },
    },
  });
  if (!line) throw new AppError("not_found", "No such line.");
  const [pendingRequest, pendingAssignment, history] = await Promise.all([
    pendingRequestFor(prisma, actor, "line_settings", line.id),
    pendingRequestFor(prisma, actor, "line_assignment", line.id),
    targetHistory(prisma, actor, "line", line.id),
  ]);
  const { assignedAccount, ...rest } = line;
  return {
    ...rest,
    assignee: assignedAccount
      ? { id: assignedAccount.id, displayName: assignedAccount.displayName, loginId: assignedAccount.loginId, status: assignedAccount.status, department: assignedAccount.department?.name ?? null }
      : null,
    pendingRequest,
    pendingAssignment,
    allowedChanges: allowedChanges(line),
    now: new Date(),
    history,
    canManage: can(actor.permissions, "lines", "manage"),
    canRequest: can(actor.permissions, "lines", "request"),
    canSeeAccounts: can(actor.permissions, "accounts", "view"),
  };
}
