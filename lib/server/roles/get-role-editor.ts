import "server-only";
import { mergePermissions } from "@/lib/permissions";
import { roleEditorSchema } from "@/lib/schemas/roles";
import { authorize } from "../authorize";
import { db } from "../db";
import { AppError } from "../errors";
import { activeGrantWhere, effectivePermissions, permissionSetOf } from "../access/effective-permissions";
import { isSodExemptRole, loadSodRules } from "./role-change";

/**
 * What the create and edit forms need to warn before saving: the actor's own permissions (nobody gives more than
 * they hold), the organization's rules and whether exceptions are allowed, and, for an edit, what each current holder
 * holds through their other roles. The server checks all of it again on save.
 */
export async function getRoleEditor(input: { id?: string } = {}) {
  const actor = await authorize("accounts", "manage");
  const parsed = roleEditorSchema.safeParse(input);
  if (!parsed.success) throw new AppError("not_found", "No such role.");
  const prisma = await db();
  const now = new Date();
  const organizationId = actor.organizationId;
  const [rules, organization] = await Promise.all([
    loadSodRules(prisma, organizationId),
    prisma.organization.findUniqueOrThrow({ where: { id: organizationId }, select: { sodOverrideAllowed: true } }),
  ]);
  const base = {
    actorPermissions: actor.permissions,
    rules,
    overrideAllowed: organization.sodOverrideAllowed,
  };
  const { id } = parsed.data;
  if (!id) return { ...base, role: null, holders: [] };

  const role = await prisma.role.findFirst({
    where: { id, organizationId },
    select: { id: true, name: true, description: true, builtIn: true, permissions: { select: { domain: true, level: true } } },
  });
  // Built-in roles have no editor: they cannot be changed.
  if (!role || role.builtIn) throw new AppError("not_found", "No such custom role.");
  const holderRows = await prisma.account.findMany({
    where: { organizationId, status: { not: "disabled" }, grants: { some: { roleId: id, organizationId, ...activeGrantWhere(now) } } },
    orderBy: [{ nameKana: { sort: "asc", nulls: "last" } }, { displayName: "asc" }, { id: "asc" }],
    select: { id: true, displayName: true, loginId: true },
  });
  const access = await effectivePermissions(prisma, organizationId, holderRows.map((h) => h.id), now);
  const holders = holderRows.map((h) => {
    const grants = access.get(h.id)!.grants;
    return {
      accountId: h.id,
      displayName: h.displayName,
      loginId: h.loginId,
      sodExempt: grants.some((g) => isSodExemptRole(g.roleKey)),
      /** What the holder has through their other roles; with this role's new permissions it is what they would hold. */
      otherPermissions: mergePermissions(grants.filter((g) => g.roleId !== id).map((g) => g.permissions)),
    };
  });
  return {
    ...base,
    role: { id: role.id, name: role.name, description: role.description, permissions: permissionSetOf(role.permissions) },
    holders,
  };
}
