import "server-only";
import { updateRoleSchema, type UpdateRoleInput } from "@/lib/schemas/roles";
import { recordAudit } from "../audit";
import { authorize, clientContext } from "../authorize";
import { db } from "../db";
import { AppError } from "../errors";
import { activeGrantWhere } from "../access/effective-permissions";
import {
  assertNoEscalation,
  assertRoleNameFree,
  describeRule,
  holdersPushedIntoConflict,
  loadSodRules,
  lockRole,
  parseOrThrow,
  permissionRows,
  roleAuditView,
  type HolderConflict,
} from "./role-change";

const describeConflicts = (conflicts: HolderConflict[]) =>
  conflicts.map((c) => `${c.displayName} (${c.loginId}) would break ${c.rules.map(describeRule).join(" and ")}`).join("; ");

/**
 * Changes a custom role's name, description and permissions. A change that would put current holders into a
 * separation-of-duty conflict is refused, or, where the organization allows exceptions, goes ahead with a written
 * justification that is kept on those holders' grants and in the audit event.
 */
export async function updateRole(input: UpdateRoleInput) {
  const actor = await authorize("accounts", "manage");
  const parsed = updateRoleSchema.safeParse(input);
  if (!parsed.success && parsed.error.issues.some((i) => i.path[0] === "id")) throw new AppError("not_found", "No such role.");
  const v = parseOrThrow(updateRoleSchema, input);
  const { userAgent } = await clientContext();
  const prisma = await db();
  return prisma.$transaction(async (tx) => {
    const now = new Date();
    const organizationId = actor.organizationId;
    await tx.$queryRaw`SELECT id FROM organizations WHERE id = ${organizationId}::uuid FOR UPDATE`;
    const before = await lockRole(tx, organizationId, v.id);
    assertNoEscalation(actor.permissions, before.permissions, v.permissions);
    await assertRoleNameFree(tx, organizationId, v.name, v.id);

    const conflicts = await holdersPushedIntoConflict(tx, organizationId, v.id, v.permissions, await loadSodRules(tx, organizationId), now);
    if (conflicts.length > 0) {
      const { sodOverrideAllowed } = await tx.organization.findUniqueOrThrow({ where: { id: organizationId }, select: { sodOverrideAllowed: true } });
      if (!sodOverrideAllowed) {
        throw new AppError("conflict", `This change breaks separation of duties: ${describeConflicts(conflicts)}. Your organization does not allow exceptions.`, "permissions", "sod_refused");
      }
      if (!v.justification) {
        throw new AppError("invalid", `This change breaks separation of duties: ${describeConflicts(conflicts)}. Write why the exception is needed.`, "justification", "justification_required");
      }
    }

    const after = { name: v.name, description: v.description, permissions: v.permissions };
    await tx.role.update({ where: { id: v.id }, data: { name: after.name, description: after.description } });
    await tx.rolePermission.deleteMany({ where: { roleId: v.id } });
    await tx.rolePermission.createMany({ data: permissionRows(after.permissions).map((p) => ({ roleId: v.id, ...p })) });

    let justified: { grantId: string; accountId: string; previous: string | null }[] = [];
    if (conflicts.length > 0) {
      const grants = await tx.roleGrant.findMany({
        where: { organizationId, roleId: v.id, accountId: { in: conflicts.map((c) => c.accountId) }, ...activeGrantWhere(now) },
        select: { id: true, accountId: true, sodJustification: true },
      });
      await tx.roleGrant.updateMany({ where: { id: { in: grants.map((g) => g.id) } }, data: { sodJustification: v.justification } });
      justified = grants.map((g) => ({ grantId: g.id, accountId: g.accountId, previous: g.sodJustification }));
    }

    await recordAudit(tx, {
      organizationId,
      actorId: actor.accountId,
      actorLabel: actor.loginId,
      action: "role.updated",
      targetType: "role",
      targetId: v.id,
      targetLabel: after.name,
      outcome: "success",
      ip: actor.ip,
      userAgent,
      details: {
        before: roleAuditView(before),
        after: roleAuditView(after),
        ...(conflicts.length > 0
          ? {
              sodOverride: {
                justification: v.justification,
                holders: conflicts.map((c) => ({ accountId: c.accountId, loginId: c.loginId, rules: c.rules.map((r) => r.name) })),
                grants: justified,
              },
            }
          : {}),
      },
    });
    return { id: v.id, name: after.name, sodOverride: conflicts.length > 0 };
  });
}
