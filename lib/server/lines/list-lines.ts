import "server-only";
import { can } from "@/lib/permissions";
import { LINES_PAGE_SIZE, listLinesSchema, type LineStatus, type ListLinesInput } from "@/lib/schemas/lines";
import { authorize } from "../authorize";
import { db } from "../db";
import { linesWhere } from "./lines-where";

export interface LineRow {
  id: string;
  phoneNumber: string;
  iccid: string | null;
  mnpNumber: string | null;
  mnpExpiresAt: Date | null;
  simType: "physical" | "esim";
  plan: string;
  dataAllowanceGb: number;
  internationalRoaming: boolean;
  status: LineStatus;
  costCenter: string | null;
  assignee: { id: string; displayName: string; loginId: string } | null;
}

/**
 * One page of the organization's lines, by phone number. Filters: status, SIM type, held or not, plan; the search
 * matches the number (with or without hyphens), the ICCID, or the holder (name, OCN ID, employee number).
 */
export async function listLines(input: ListLinesInput) {
  const actor = await authorize("lines", "view");
  const query = listLinesSchema.parse(input);
  const prisma = await db();
  const where = linesWhere(actor.organizationId, query);
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
        iccid: true,
        mnpNumber: true,
        mnpExpiresAt: true,
        simType: true,
        plan: true,
        dataAllowanceGb: true,
        internationalRoaming: true,
        status: true,
        costCenter: true,
        assignedAccount: { select: { id: true, displayName: true, loginId: true } },
      },
    }),
  ]);
  const lines: LineRow[] = rows.map(({ assignedAccount, ...r }) => ({ ...r, assignee: assignedAccount }));
  return {
    query,
    total,
    lines,
    pageSize: LINES_PAGE_SIZE,
    pages: Math.max(1, Math.ceil(total / LINES_PAGE_SIZE)),
    now: new Date(),
    canManage: can(actor.permissions, "lines", "manage"),
    canSeeAccounts: can(actor.permissions, "accounts", "view"),
  };
}
