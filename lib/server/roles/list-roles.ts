import "server-only";
import { BUILT_IN_ROLE_KEYS, can, type PermissionSet } from "@/lib/permissions";
import { authorize } from "../authorize";
import { db } from "../db";
import { permissionSetOf } from "../access/effective-permissions";
import { isSodExemptRole } from "./role-change";

export interface RoleRow {
  id: string;
  key: string | null;
  name: string;
  description: string | null;
  builtIn: boolean;
  /** Outside the separation-of-duty rules (the org admin holds everything by definition). */
  sodExempt: boolean;
  permissions: PermissionSet;
  /** People holding the role now: a grant not revoked, started and not ended. */
  holderCount: number;
}

const builtInOrder = (key: string | null) => {
  const i = (BUILT_IN_ROLE_KEYS as readonly (string | null)[]).indexOf(key);
  return i === -1 ? BUILT_IN_ROLE_KEYS.length : i;
};

/** Every role of the organization with its permissions and holder count: built-in roles in their fixed order, then custom ones by name. */
export async function listRoles() {
  const actor = await authorize("accounts", "view");
  const prisma = await db();
  const now = new Date();
  const [roles, holders] = await Promise.all([
    prisma.role.findMany({
      where: { organizationId: actor.organizationId },
      select: { id: true, key: true, name: true, description: true, builtIn: true, permissions: { select: { domain: true, level: true } } },
    }),
    // Distinct people per role, counted in the database: the member role alone can have tens of thousands.
    // Active is activeGrantWhere's rule: not revoked, started, not ended.
    prisma.$queryRaw<{ role_id: string; holders: number }[]>`
      SELECT role_id::text, count(DISTINCT account_id)::int AS holders FROM role_grants
      WHERE organization_id = ${actor.organizationId}::uuid AND revoked_at IS NULL
        AND starts_at <= ${now} AND (ends_at IS NULL OR ends_at > ${now})
      GROUP BY role_id`,
  ]);
  const holderCount = new Map(holders.map((h) => [h.role_id, Number(h.holders)]));
  const rows: RoleRow[] = roles
    .map((r) => ({
      id: r.id,
      key: r.key,
      name: r.name,
      description: r.description,
      builtIn: r.builtIn,
      sodExempt: r.builtIn && isSodExemptRole(r.key),
      permissions: permissionSetOf(r.permissions),
      holderCount: holderCount.get(r.id) ?? 0,
    }))
    .sort((a, b) => {
      if (a.builtIn !== b.builtIn) return a.builtIn ? -1 : 1;
      if (a.builtIn) return builtInOrder(a.key) - builtInOrder(b.key);
      return a.name.localeCompare(b.name, "ja");
    });
  return { roles: rows, canManage: can(actor.permissions, "accounts", "manage") };
}
