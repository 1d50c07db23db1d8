import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { LINES_PAGE_SIZE, listLinesSchema, phoneSearchPatterns, type LineStatus, type ListLinesInput } from "@/lib/schemas/lines";
import { authorize } from "../authorize";
import { db } from "../db";

export interface LineRow {
  id: string;
  phoneNumber: string;
  simType: "physical" | "esim";
  plan: string;
  dataAllowanceGb: number;
  internationalRoaming: boolean;
  status: LineStatus;
  costCenter: string | null;
  assignee: { id: string; displayName: string } | null;
}

/** One page of the organization's lines, by phone number; the search matches the number (with or without hyphens) or the person. */
export async function listLines(input: ListLinesInput) {
  const actor = await authorize("lines", "view");
  const query = listLinesSchema.parse(input);
  const prisma = await db();
  const person = (q: string): Prisma.AccountWhereInput => ({
    OR: [
      { displayName: { contains: q, mode: "insensitive" } },
      { nameKana: { contains: q, mode: "insensitive" } },
      { loginId: { contains: q.toLowerCase() } },
      { employeeNumber: { contains: q, mode: "insensitive" } },
    ],
  });
  const where: Prisma.LineWhereInput = {
    organizationId: actor.organizationId,
    ...(query.status ? { status: query.status } : {}),
    ...(query.q
      ? { OR: [...phoneSearchPatterns(query.q).map((p) => ({ phoneNumber: { contains: p } })), { assignedAccount: person(query.q) }] }
      : {}),
  };
  const [total, rows] = await Promise.all([
    prisma.line.count({ where }),
    prisma.line.findMany({
      where,
      orderBy: [{ phoneNumber: "asc" }, { id: "asc" }],
      skip: (query.page - 1) * LINES_PAGE_SIZE,
      take: LINES_PAGE_SIZE,
      select: {
        id: true,
        phoneNumber: true,
        simType: true,
        plan: true,
        dataAllowanceGb: true,
        internationalRoaming: true,
        status: true,
        costCenter: true,
        assignedAccount: { select: { id: true, displayName: true } },
      },
    }),
  ]);
  const lines: LineRow[] = rows.map(({ assignedAccount, ...r }) => ({ ...r, assignee: assignedAccount }));
  return { query, total, lines, pageSize: LINES_PAGE_SIZE, pages: Math.max(1, Math.ceil(total / LINES_PAGE_SIZE)) };
}
