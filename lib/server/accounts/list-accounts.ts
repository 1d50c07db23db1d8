import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { listAccountsSchema, type ListAccountsInput } from "@/lib/schemas/accounts";
import { authorize } from "../authorize";
import { db } from "../db";

export interface AccountRow {
  id: string;
  displayName: string;
  nameKana: string | null;
  loginId: string;
  employeeNumber: string | null;
  department: string | null;
  kind: "employee" | "contractor";
  status: "invited" | "active" | "locked" | "suspended" | "disabled";
  lastSignInAt: Date | null;
}

function orderBy(sort: string, dir: "asc" | "desc"): Prisma.AccountOrderByWithRelationInput[] {
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

/** One page of the organization's accounts, filtered and sorted on the server. */
export async function listAccounts(input: ListAccountsInput) {
  const actor = await authorize("accounts", "view");
  const query = listAccountsSchema.parse(input);
  const prisma = await db();
  const where: Prisma.AccountWhereInput = {
    organizationId: actor.organizationId,
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
  const [total, rows] = await Promise.all([
    prisma.account.count({ where }),
    prisma.account.findMany({
      where,
      orderBy: orderBy(query.sort, query.dir),
      skip: (query.page - 1) * query.pageSize,
      take: query.pageSize,
      select: {
        id: true,
        displayName: true,
        nameKana: true,
        loginId: true,
        employeeNumber: true,
        kind: true,
        status: true,
        lastSignInAt: true,
        department: { select: { name: true } },
      },
    }),
  ]);
  const accounts: AccountRow[] = rows.map(({ department, ...r }) => ({ ...r, department: department?.name ?? null }));
  return { query, total, accounts, pages: Math.max(1, Math.ceil(total / query.pageSize)) };
}
