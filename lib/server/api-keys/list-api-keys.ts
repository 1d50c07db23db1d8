import "server-only";
import { can } from "@/lib/permissions";
import { authorize } from "../authorize";
import { db } from "../db";

/** The organization's API keys, newest first: never the key or its hash, only the prefix that identifies it. */
export async function listApiKeys() {
  const actor = await authorize("org", "view");
  const prisma = await db();
  const keys = await prisma.apiKey.findMany({
    where: { organizationId: actor.organizationId },
    orderBy: { createdAt: "desc" },
    select: { id: true, name: true, prefix: true, scopes: true, createdById: true, createdAt: true, lastUsedAt: true, revokedAt: true, revokedById: true },
  });
  const peopleIds = [...new Set(keys.flatMap((k) => [k.createdById, k.revokedById]).filter((id): id is string => id !== null))];
  const people = await prisma.account.findMany({
    where: { organizationId: actor.organizationId, id: { in: peopleIds } },
    select: { id: true, loginId: true, displayName: true },
  });
  const nameOf = (id: string | null) => {
    const p = people.find((a) => a.id === id);
    return p ? { displayName: p.displayName, loginId: p.loginId } : null;
  };
  return {
    canManage: can(actor.permissions, "org", "manage"),
    keys: keys.map((k) => ({
      id: k.id,
      name: k.name,
      prefix: `ocnk_${k.prefix}`,
      scopes: k.scopes,
      createdAt: k.createdAt,
      createdBy: nameOf(k.createdById),
      lastUsedAt: k.lastUsedAt,
      revokedAt: k.revokedAt,
      revokedBy: nameOf(k.revokedById),
    })),
  };
}
