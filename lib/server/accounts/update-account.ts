import "server-only";
import { updateAccountSchema, type UpdateAccountInput } from "@/lib/schemas/accounts";
import { recordAudit } from "../audit";
import { authorize } from "../authorize";
import { db } from "../db";
import { AppError } from "../errors";
import { assertOnePersonOneId, isUniqueViolation } from "./one-person-one-id";

const FIELDS = ["displayName", "nameKana", "email", "employeeNumber", "departmentId", "kind", "contractorCompany"] as const;

/** Edits a person's details; the audit event keeps only the fields that changed, before and after. */
export async function updateAccount(input: UpdateAccountInput): Promise<{ changed: string[] }> {
  const actor = await authorize("accounts", "manage");
  const data = updateAccountSchema.parse(input);
  const prisma = await db();
  try {
    return await prisma.$transaction(async (tx) => {
      const now = new Date();
      const current = await tx.account.findFirst({
        where: { id: data.id, organizationId: actor.organizationId },
        select: { id: true, loginId: true, status: true, displayName: true, nameKana: true, email: true, employeeNumber: true, departmentId: true, kind: true, contractorCompany: true },
      });
      if (!current) throw new AppError("not_found", "No such account.");
      if (current.status === "disabled") throw new AppError("conflict", "A disabled account cannot be edited.", undefined, "disabled_not_editable");
      if (data.departmentId) {
        const department = await tx.department.findFirst({ where: { id: data.departmentId, organizationId: actor.organizationId }, select: { id: true } });
        if (!department) throw new AppError("invalid", "No such department.", "departmentId", "no_department");
      }
      const next = {
        displayName: data.displayName,
        nameKana: data.nameKana ?? null,
        email: data.email,
        employeeNumber: data.employeeNumber ?? null,
        departmentId: data.departmentId ?? null,
        kind: data.kind,
        contractorCompany: data.kind === "contractor" ? (data.contractorCompany ?? null) : null,
      };
      const changed = FIELDS.filter((f) => current[f] !== next[f]);
      if (changed.length === 0) return { changed };
      if (next.kind === "contractor" && current.kind !== "contractor") {
        const open = await tx.roleGrant.count({ where: { accountId: current.id, revokedAt: null, endsAt: null, role: { key: { not: "member" } } } });
        if (open > 0) throw new AppError("conflict", "A contractor's roles must have an end time: set end times on this person's roles first.", "kind", "contractor_needs_end");
      }
      await assertOnePersonOneId(tx, { organizationId: actor.organizationId, email: next.email, employeeNumber: next.employeeNumber, exceptAccountId: current.id });
      await tx.account.update({ where: { id: current.id }, data: next });
      await recordAudit(tx, {
        organizationId: actor.organizationId,
        actorId: actor.accountId,
        actorLabel: actor.loginId,
        action: "account.updated",
        targetType: "account",
        targetId: current.id,
        targetLabel: current.loginId,
        outcome: "success",
        ip: actor.ip,
        occurredAt: now,
        details: { before: Object.fromEntries(changed.map((f) => [f, current[f]])), after: Object.fromEntries(changed.map((f) => [f, next[f]])) },
      });
      return { changed };
    });
  } catch (e) {
    if (isUniqueViolation(e) && !(e instanceof AppError)) throw new AppError("conflict", "Someone else just registered the same mail address or employee number.", "email", "email_taken");
    throw e;
  }
}
