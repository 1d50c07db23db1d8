import "server-only";
import { createRoleSchema, type CreateRoleInput } from "@/lib/schemas/roles";
import { recordAudit } from "../audit";
import { authorize, clientContext } from "../authorize";
import { db } from "../db";
import { assertNoEscalation, assertRoleNameFree, orderedPermissions, parseOrThrow, permissionRows, roleAuditView } from "./role-change";

/** Creates a custom role: a name unique in the organization, a description, one level or none per domain. */
export async function createRole(input: CreateRoleInput) {
  const actor = await authorize("accounts", "manage");
  const v = parseOrThrow(createRoleSchema, input);
  assertNoEscalation(actor.permissions, {}, v.permissions);
  const { userAgent } = await clientContext();
  const prisma = await db();
  return prisma.$transaction(async (tx) => {
    // One role change at a time per organization, so two people cannot create the same name at once.
    await tx.$queryRaw`SELECT id FROM organizations WHERE id = ${actor.organizationId}::uuid FOR UPDATE`;
    await assertRoleNameFree(tx, actor.organizationId, v.name);
    const role = await tx.role.create({
      data: {
        organizationId: actor.organizationId,
        name: v.name,
        description: v.description,
        builtIn: false,
        permissions: { create: permissionRows(v.permissions) },
      },
      select: { id: true, name: true },
    });
    await recordAudit(tx, {
      organizationId: actor.organizationId,
      actorId: actor.accountId,
      actorLabel: actor.loginId,
      action: "role.created",
      targetType: "role",
      targetId: role.id,
      targetLabel: role.name,
      outcome: "success",
      ip: actor.ip,
      userAgent,
      details: { before: null, after: roleAuditView({ ...v, permissions: orderedPermissions(v.permissions) }) },
    });
    return role;
  });
}
