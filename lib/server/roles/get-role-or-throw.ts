import "server-only";
import { can } from "@/lib/permissions";
import { sodConflicts } from "@/lib/policy/separation-of-duties";
import { roleIdSchema, type RoleIdInput } from "@/lib/schemas/roles";
import { authorize } from "../authorize";
import { db } from "../db";
import { AppError } from "../errors";
import { activeGrantWhere, permissionSetOf } from "../access/effective-permissions";
import { isSodExemptRole, loadSodRules } from "./role-change";

/** One role of the caller's organization: its permissions, the people who hold it now, and the rules it breaks by itself. */
export async function getRoleOrThrow(input: RoleIdInput) {
  const actor = await authorize("accounts", "view");
  const parsed = roleIdSchema.safeParse(input);
  if (!parsed.success) throw new AppError("not_found", "No such role.");
  const prisma = await db();
  const now = new Date();
  const role = await prisma.role.findFirst({
    where: { id: parsed.data.id, organizationId: actor.organizationId },
    select: {
      id: true,
      key: true,
      name: true,
      description: true,
      builtIn: true,
      createdAt: true,
      updatedAt: true,
      permissions: { select: { domain: true, level: true } },
      grants: {
        where: { organizationId: actor.organizationId, ...activeGrantWhere(now) },
        orderBy: [{ account: { nameKana: { sort: "asc", nulls: "last" } } }, { account: { displayName: "asc" } }, { startsAt: "asc" }],
        select: {
          id: true,
          startsAt: true,
          endsAt: true,
          sodJustification: true,
          account: { select: { id: true, displayName: true, loginId: true, status: true } },
          grantedBy: { select: { id: true, displayName: true } },
        },
      },
    },
  });
  if (!role) throw new AppError("not_found", "No such role.");
  const permissions = permissionSetOf(role.permissions);
  const sodExempt = role.builtIn && isSodExemptRole(role.key);
  const rules = sodExempt ? [] : sodConflicts(permissions, await loadSodRules(prisma, actor.organizationId));
  return {
    id: role.id,
    key: role.key,
    name: role.name,
    description: role.description,
    builtIn: role.builtIn,
    sodExempt,
    createdAt: role.createdAt,
    updatedAt: role.updatedAt,
    permissions,
    holders: role.grants.map((g) => ({
      grantId: g.id,
      account: g.account,
      startsAt: g.startsAt,
      endsAt: g.endsAt,
      grantedBy: g.grantedBy,
      sodJustification: g.sodJustification,
    })),
    /** Rules anyone holding just this role would break: every grant of it needs an exception. */
    ownConflicts: rules.map((r) => ({ id: r.id, name: r.name, domainA: r.domainA, levelA: r.levelA, domainB: r.domainB, levelB: r.levelB })),
    canManage: can(actor.permissions, "accounts", "manage") && !role.builtIn,
  };
}
