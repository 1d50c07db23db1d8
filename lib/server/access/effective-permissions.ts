import "server-only";
import { mergePermissions, type Domain, type Level, type PermissionSet } from "@/lib/permissions";
import type { Db, Tx } from "../db";

// What each account holds at one moment: its grants in effect and the permissions they add up to. Shared by the
// grant operation, the account page, role edits and the separation-of-duties views, so all count the same way.

export interface EffectiveGrant {
  grantId: string;
  roleId: string;
  roleKey: string | null;
  roleName: string;
  endsAt: Date | null;
  sodJustification: string | null;
  /** This grant's role's permissions, to tell which role brings which permission. */
  permissions: PermissionSet;
}

export interface EffectiveAccess {
  permissions: PermissionSet;
  grants: EffectiveGrant[];
}

/** A grant counts from its start until its end (exclusive) unless revoked: compared with `now`, so no job is needed. */
export function activeGrantWhere(now: Date) {
  return { revokedAt: null, startsAt: { lte: now }, OR: [{ endsAt: null }, { endsAt: { gt: now } }] };
}

export function permissionSetOf(rows: readonly { domain: Domain; level: Level }[]): PermissionSet {
  return Object.fromEntries(rows.map((p) => [p.domain, p.level])) as PermissionSet;
}

const CHUNK = 5_000;

/**
 * The grants in effect at `now` and the merged permissions, per account of the organization. Every id asked for has
 * an entry (no grants, no permissions when it holds nothing); ids of another organization come back empty.
 */
export async function effectivePermissions(
  tx: Db | Tx,
  organizationId: string,
  accountIds: readonly string[],
  now: Date,
): Promise<Map<string, EffectiveAccess>> {
  const ids = [...new Set(accountIds)];
  const grantsByAccount = new Map<string, EffectiveGrant[]>(ids.map((id) => [id, []]));
  for (let i = 0; i < ids.length; i += CHUNK) {
    const rows = await tx.roleGrant.findMany({
      where: { organizationId, accountId: { in: ids.slice(i, i + CHUNK) }, ...activeGrantWhere(now) },
      orderBy: [{ startsAt: "asc" }, { id: "asc" }],
      select: {
        id: true,
        accountId: true,
        endsAt: true,
        sodJustification: true,
        role: { select: { id: true, key: true, name: true, permissions: { select: { domain: true, level: true } } } },
      },
    });
    for (const row of rows) {
      grantsByAccount.get(row.accountId)!.push({
        grantId: row.id,
        roleId: row.role.id,
        roleKey: row.role.key,
        roleName: row.role.name,
        endsAt: row.endsAt,
        sodJustification: row.sodJustification,
        permissions: permissionSetOf(row.role.permissions),
      });
    }
  }
  return new Map(
    [...grantsByAccount].map(([accountId, grants]) => [accountId, { permissions: mergePermissions(grants.map((g) => g.permissions)), grants }]),
  );
}
