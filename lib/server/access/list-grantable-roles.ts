import "server-only";
import { BUILT_IN_ROLE_KEYS, levelSatisfies, type Domain, type Level } from "@/lib/permissions";
import { authorize } from "../authorize";
import { db } from "../db";

/** The organization's roles for a grant form, built-in first; a role above the caller's own permissions is marked. */
export async function listGrantableRoles() {
  const actor = await authorize("accounts", "request");
  const prisma = await db();
  const roles = await prisma.role.findMany({
    where: { organizationId: actor.organizationId },
    orderBy: { name: "asc" },
    select: { id: true, key: true, name: true, builtIn: true, permissions: { select: { domain: true, level: true } } },
  });
  const order = (key: string | null) => (key ? BUILT_IN_ROLE_KEYS.indexOf(key as (typeof BUILT_IN_ROLE_KEYS)[number]) : BUILT_IN_ROLE_KEYS.length);
  return roles
    .sort((a, b) => order(a.key) - order(b.key))
    .map((role) => ({
      id: role.id,
      key: role.key,
      name: role.name,
      permissions: role.permissions as { domain: Domain; level: Level }[],
      aboveMine: role.permissions.some((p) => !levelSatisfies(actor.permissions[p.domain], p.level)),
    }));
}
