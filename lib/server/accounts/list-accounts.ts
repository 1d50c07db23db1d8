import "server-only";
import { listAccountsSchema, type ListAccountsInput } from "@/lib/schemas/accounts";
import { authorize } from "../authorize";
import { db } from "../db";
import { accountsOrderBy, accountsWhere } from "./account-list-query";

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

/** One page of the organization's accounts, filtered and sorted on the server. */
export async function listAccounts(input: ListAccountsInput) {
  const actor = await authorize("accounts", "view");
  const query = listAccountsSchema.parse(input);
  const prisma = await db();
  const where = accountsWhere(actor.organizationId, query);
  const [total, rows] = await Promise.all([
    prisma.account.count({ where }),
    prisma.account.findMany({
      where,
      orderBy: accountsOrderBy(query.sort, query.dir),
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
