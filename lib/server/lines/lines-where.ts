import "server-only";
// The list's filters as a query, shared by the list and its export.
import type { Prisma } from "@/lib/generated/prisma/client";
import { phoneSearchPatterns, type ListLinesQuery } from "@/lib/schemas/lines";

export function linesWhere(organizationId: string, query: ListLinesQuery): Prisma.LineWhereInput {
  const person = (q: string): Prisma.AccountWhereInput => ({
    OR: [
      { displayName: { contains: q, mode: "insensitive" } },
      { nameKana: { contains: q, mode: "insensitive" } },
      { loginId: { contains: q.toLowerCase() } },
      { employeeNumber: { contains: q, mode: "insensitive" } },
    ],
  });
  return {
    organizationId,
    ...(query.status ? { status: query.status } : {}),
    ...(query.simType ? { simType: query.simType } : {}),
    ...(query.holder === "assigned" ? { assignedAccountId: { not: null } } : query.holder === "unassigned" ? { assignedAccountId: null } : {}),
    ...(query.plan ? { plan: query.plan } : {}),
    ...(query.q
      ? {
          OR: [
            ...phoneSearchPatterns(query.q).map((p) => ({ phoneNumber: { contains: p } })),
            ...(/^\d{4,20}$/.test(query.q) ? [{ iccid: { contains: query.q } }] : []),
            { assignedAccount: person(query.q) },
          ],
        }
      : {}),
  };
}
