import "server-only";
import { roleIdSchema, type RoleIdInput } from "@/lib/schemas/roles";
import { recordAudit } from "../audit";
import { authorize, clientContext } from "../authorize";
import { db } from "../db";
import { AppError } from "../errors";
import { activeGrantWhere } from "../access/effective-permissions";
import { lockRole, roleAuditView } from "./role-change";

/** Deletes a custom role nobody holds any more; its ended and revoked grants go with it (the audit log keeps their history). */
export async function deleteRole(input: RoleIdInput) {
  const actor = await authorize("accounts", "manage");
  const parsed = roleIdSchema.safeParse(input);
  if (!parsed.success) throw new AppError("not_found", "No such role.");
  const { id } = parsed.data;
  const { userAgent } = await clientContext();
  const prisma = await db();
  return prisma.$transaction(async (tx) => {
    const now = new Date();
    const organizationId = actor.organizationId;
    const role = await lockRole(tx, organizationId, id);
    const holders = await tx.roleGrant.groupBy({ by: ["accountId"], where: { organizationId, roleId: id, ...activeGrantWhere(now) } });
    if (holders.length > 0) {
      throw new AppError(
        "conflict",
        `"${role.name}" is held by ${holders.length} ${holders.length === 1 ? "person" : "people"}; revoke their grants before deleting the role.`,
        undefined,
        "role_held",
      );
    }
    const pastGrants = await tx.roleGrant.count({ where: { organizationId, roleId: id } });
    await tx.role.delete({ where: { id } });
    await recordAudit(tx, {
      organizationId,
      actorId: actor.accountId,
      actorLabel: actor.loginId,
      action: "role.deleted",
      targetType: "role",
      targetId: id,
      targetLabel: role.name,
      outcome: "success",
      ip: actor.ip,
      userAgent,
      details: { before: roleAuditView(role), after: null, pastGrantsRemoved: pastGrants },
    });
    return { id, name: role.name };
  });
}
