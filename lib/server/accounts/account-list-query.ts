import "server-only";
// The accounts list's filters and order, shared by the list page and the CSV export so both show the same people.
import type { Prisma } from "@/lib/generated/prisma/client";
import type { ListAccountsQuery } from "@/lib/schemas/accounts";

/** The organization's accounts matching the list's search box, status, kind and department. */
export function accountsWhere(organizationId: string, query: Pick<ListAccountsQuery, "q" | "status" | "kind" | "department">): Prisma.AccountWhereInput {
  return {
    organizationId,
    ...(query.status ? { status: query.status } : {}),
    ...(query.kind ? { kind: query.kind } : {}),
    ...(query.department ? { departmentId: query.department } : {}),
    ...(query.q
      ? {
          OR: [
            { displayName: { contains: query.q, mode: "insensitive" } },
            { nameKana: { contains: query.q, mode: "insensitive" } },
            { loginId: { contains: query.q.toLowerCase() } },
            { employeeNumber: { contains: query.q, mode: "insensitive" } },
            { email: { contains: query.q.toLowerCase() } },
          ],
        }
      : {}),
  };
}

/** The list's sort, with the id as the last tie-breaker so every order is total (stable pages, stable exports). */
export function accountsOrderBy(sort: string, dir: "asc" | "desc"): Prisma.AccountOrderByWithRelationInput[] {
  const tie: Prisma.AccountOrderByWithRelationInput = { id: "asc" };
  switch (sort) {
    case "loginId":
      return [{ loginId: dir }, tie];
    case "employeeNumber":
      return [{ employeeNumber: { sort: dir, nulls: "last" } }, tie];
    case "department":
      return [{ department: { name: dir } }, { displayName: "asc" }, tie];
    case "status":
      return [{ status: dir }, { displayName: "asc" }, tie];
    case "lastSignInAt":
      return [{ lastSignInAt: { sort: dir, nulls: "last" } }, tie];
    default:
      return [{ nameKana: { sort: dir, nulls: "last" } }, { displayName: dir }, tie];
  }
}
