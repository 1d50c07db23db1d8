import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Db, Tx } from "../db";

/** Active accounts of the organization that hold any security permission now: those an alert may be assigned to. */
export function securityPeopleWhere(organizationId: string, now: Date): Prisma.AccountWhereInput {
  return {
    organizationId,
    status: "active",
    grants: {
      some: {
        organizationId,
        revokedAt: null,
        startsAt: { lte: now },
        OR: [{ endsAt: null }, { endsAt: { gt: now } }],
        role: { permissions: { some: { domain: "security" } } },
      },
    },
  };
}

export interface AlertPerson {
  id: string;
  loginId: string;
  displayName: string;
}

export function listSecurityPeople(prisma: Db | Tx, organizationId: string, now = new Date()): Promise<AlertPerson[]> {
  return prisma.account.findMany({
    where: securityPeopleWhere(organizationId, now),
    orderBy: [{ displayName: "asc" }, { loginId: "asc" }],
    select: { id: true, loginId: true, displayName: true },
    take: 500,
  });
}
