import "server-only";
import { isOverdue } from "@/lib/policy/offboarding";
import { Prisma } from "@/lib/generated/prisma/client";
import { listCasesSchema, type ListCasesInput } from "@/lib/schemas/offboarding";
import { db } from "../db";
import { authorizeOffboardingReader } from "./read-access";

export const CASES_PAGE_SIZE = 25;

export interface CaseRow {
  id: string;
  trigger: string;
  status: string;
  effectiveAt: Date;
  subjectLabel: string | null;
  accountId: string | null;
  createdAt: Date;
  tasks: { total: number; open: number; overdue: number };
  /** The case's effective time has come but nobody opened it since (status still scheduled): it holds anyway. */
  effective: boolean;
}

/** HR's list: cases with their progress, the ones still open first (overdue tasks first among them). */
export async function listOffboardingCases(input: ListCasesInput = {}) {
  const actor = await authorizeOffboardingReader();
  const query = listCasesSchema.parse(input);
  const prisma = await db();
  const now = new Date();
  const where: Prisma.OffboardingCaseWhereInput = {
    organizationId: actor.organizationId,
    ...(query.status === "active" ? { status: { in: ["scheduled", "in_progress"] } } : query.status === "all" ? {} : { status: query.status }),
    ...(query.q ? { OR: [{ subjectLabel: { contains: query.q, mode: "insensitive" } }, { note: { contains: query.q, mode: "insensitive" } }] } : {}),
  };
  const [total, cases, org] = await Promise.all([
    prisma.offboardingCase.count({ where }),
    prisma.offboardingCase.findMany({
      where,
      orderBy: [{ effectiveAt: "desc" }, { id: "asc" }],
      skip: (query.page - 1) * CASES_PAGE_SIZE,
      take: CASES_PAGE_SIZE,
      select: { id: true, trigger: true, status: true, effectiveAt: true, subjectLabel: true, accountId: true, createdAt: true, tasks: { select: { status: true, dueAt: true } } },
    }),
    prisma.organization.findUniqueOrThrow({ where: { id: actor.organizationId }, select: { simReturnDays: true } }),
  ]);
  const rows: CaseRow[] = cases.map(({ tasks, ...c }) => ({
    ...c,
    effective: c.effectiveAt <= now,
    tasks: {
      total: tasks.length,
      open: tasks.filter((t) => t.status === "open").length,
      overdue: tasks.filter((t) => isOverdue(t, now)).length,
    },
  }));
  return { query, rows, total, pages: Math.max(1, Math.ceil(total / CASES_PAGE_SIZE)), pageSize: CASES_PAGE_SIZE, now, simReturnDays: org.simReturnDays };
}
