import "server-only";
import { levelSatisfies, type Domain, type Level } from "@/lib/permissions";
import { sodConflicts, type SodRuleLike } from "@/lib/policy/separation-of-duties";
import type { Db, Tx } from "../db";
import { activeGrantWhere, effectivePermissions, type EffectiveGrant } from "../access/effective-permissions";
import { isSodExemptRole } from "../roles/role-change";

// Who breaks which rule now, from the permissions each person actually holds (the union of their grants in effect).
// Shared by the conflicts list and the rules screen's counts.

export interface RoleRef {
  roleId: string;
  roleKey: string | null;
  roleName: string;
}

export interface SodConflictRow {
  account: { id: string; displayName: string; loginId: string; status: string };
  rule: SodRuleLike;
  /** The roles that bring each side of the rule. */
  rolesA: RoleRef[];
  rolesB: RoleRef[];
  /** Justifications written when a grant bringing either side went ahead as an exception. */
  justifications: string[];
}

export interface PrivilegedHolder {
  account: { id: string; displayName: string; loginId: string; status: string };
  grants: { grantId: string; roleKey: string | null; roleName: string; endsAt: Date | null }[];
}

const roleRef = (g: EffectiveGrant): RoleRef => ({ roleId: g.roleId, roleKey: g.roleKey, roleName: g.roleName });

const bringing = (grants: EffectiveGrant[], domain: Domain, level: Level) => grants.filter((g) => levelSatisfies(g.permissions[domain], level));

function uniqueRoles(grants: EffectiveGrant[]): RoleRef[] {
  const seen = new Map<string, RoleRef>();
  for (const g of grants) if (!seen.has(g.roleId)) seen.set(g.roleId, roleRef(g));
  return [...seen.values()];
}

/**
 * Every account (disabled ones aside: they cannot act) whose permissions now break a rule, one row per account and
 * rule, and apart from them the holders of the exempt org admin role, who hold everything by definition.
 */
export async function findSodConflicts(tx: Db | Tx, organizationId: string, rules: readonly SodRuleLike[], now: Date) {
  // Only someone holding a role with at least one permission can break a rule: members-only accounts are skipped.
  const accounts = await tx.account.findMany({
    where: {
      organizationId,
      status: { not: "disabled" },
      grants: { some: { organizationId, ...activeGrantWhere(now), role: { permissions: { some: {} } } } },
    },
    orderBy: [{ nameKana: { sort: "asc", nulls: "last" } }, { displayName: "asc" }, { id: "asc" }],
    select: { id: true, displayName: true, loginId: true, status: true },
  });
  const access = await effectivePermissions(tx, organizationId, accounts.map((a) => a.id), now);
  const conflicts: SodConflictRow[] = [];
  const privileged: PrivilegedHolder[] = [];
  for (const account of accounts) {
    const { permissions, grants } = access.get(account.id)!;
    const exempt = grants.filter((g) => isSodExemptRole(g.roleKey));
    if (exempt.length > 0) {
      privileged.push({ account, grants: exempt.map((g) => ({ grantId: g.grantId, roleKey: g.roleKey, roleName: g.roleName, endsAt: g.endsAt })) });
      continue;
    }
    for (const rule of sodConflicts(permissions, rules)) {
      const a = bringing(grants, rule.domainA, rule.levelA);
      const b = bringing(grants, rule.domainB, rule.levelB);
      const justifications = [...new Set([...a, ...b].flatMap((g) => (g.sodJustification ? [g.sodJustification] : [])))];
      conflicts.push({ account, rule, rolesA: uniqueRoles(a), rolesB: uniqueRoles(b), justifications });
    }
  }
  return { conflicts, privileged };
}
