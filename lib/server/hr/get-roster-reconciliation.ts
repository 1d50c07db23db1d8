import "server-only";
import type { EmploymentStatusValue } from "@/lib/policy/hr-csv";
import type { AccountStatusValue } from "@/lib/policy/roster-reconcile";
import {
  ROSTER_CATEGORIES,
  ROSTER_PAGE_SIZE,
  rosterReconciliationQuerySchema,
  type RosterCategory,
  type RosterReconciliationInput,
  type RosterReconciliationQuery,
} from "@/lib/schemas/hr-roster";
import { authorize } from "../authorize";
import { db } from "../db";
import { reconcileRosterInDetail, type RosterAccount } from "./reconcile";

/** One difference as the page lists it: an account, a person with no account, or a line (fields the category has). */
export interface RosterDifference {
  key: string;
  /** Terminated but usable is high; leave or secondment is medium; the rest are for tidying up. */
  severity: "high" | "medium" | "low";
  accountId: string | null;
  loginId: string | null;
  displayName: string | null;
  accountStatus: AccountStatusValue | null;
  accessEndsAt: Date | null;
  /** The account's access has ended (an offboarding case's effective time has passed). */
  accessEnded: boolean;
  departmentName: string | null;
  employeeNumber: string | null;
  hrName: string | null;
  hrDepartment: string | null;
  hrStatus: EmploymentStatusValue | null;
  terminationDate: Date | null;
  lineId: string | null;
  phoneNumber: string | null;
  lineStatus: string | null;
}

export interface RosterReconciliationPage {
  query: RosterReconciliationQuery;
  rosterLoaded: boolean;
  latestImport: { createdAt: Date; fileName: string; rowCount: number } | null;
  rosterSize: number;
  counts: Record<RosterCategory, number>;
  /** Of the hr_status differences, the terminated ones (high severity). */
  terminatedCount: number;
  rows: RosterDifference[];
  total: number;
  pages: number;
  pageSize: number;
}

const EMPTY = { accountId: null, loginId: null, displayName: null, accountStatus: null, accessEndsAt: null, accessEnded: false, departmentName: null, employeeNumber: null, hrName: null, hrDepartment: null, hrStatus: null, terminationDate: null, lineId: null, phoneNumber: null, lineStatus: null };

const ofAccount = (a: RosterAccount, now: Date): RosterDifference => ({
  ...EMPTY,
  key: a.accountId,
  severity: a.flags.hrTerminated ? "high" : a.flags.hrLeave ? "medium" : "low",
  accountId: a.accountId,
  loginId: a.loginId,
  displayName: a.displayName,
  accountStatus: a.status,
  accessEndsAt: a.accessEndsAt,
  accessEnded: a.accessEndsAt !== null && a.accessEndsAt.getTime() <= now.getTime(),
  departmentName: a.departmentName,
  employeeNumber: a.employeeNumber,
  hrName: a.hr?.name ?? null,
  hrDepartment: a.hr?.department ?? null,
  hrStatus: a.hr?.employmentStatus ?? null,
  terminationDate: a.hr?.terminationDate ?? null,
});

const matches = (row: RosterDifference, q: string) =>
  [row.loginId, row.displayName, row.employeeNumber, row.hrName, row.departmentName, row.hrDepartment, row.phoneNumber].some((v) => v?.normalize("NFKC").toLowerCase().includes(q)) ||
  (/\d{3}/.test(q) && (row.phoneNumber ?? "").replace(/\D/g, "").includes(q.replace(/\D/g, "")));

/** The reconciliation page: counts per kind of difference, and one kind's rows filtered and paged (filters in the URL). */
export async function getRosterReconciliation(input: RosterReconciliationInput = {}): Promise<RosterReconciliationPage> {
  // HR reads this through its reviews:view; every built-in role with offboarding:view holds reviews:view as well.
  const actor = await authorize("reviews", "view");
  const query = rosterReconciliationQuerySchema.parse(input);
  const prisma = await db();
  const organizationId = actor.organizationId;
  const now = new Date();
  const [picture, latestImport, rosterSize] = await Promise.all([
    reconcileRosterInDetail(prisma, organizationId, now),
    prisma.hrImport.findFirst({ where: { organizationId }, orderBy: { createdAt: "desc" }, select: { createdAt: true, fileName: true, rowCount: true } }),
    prisma.hrRosterRecord.count({ where: { organizationId } }),
  ]);

  const rank = { high: 0, medium: 1, low: 2 } as const;
  const byCategory: Record<RosterCategory, () => RosterDifference[]> = {
    hr_status: () =>
      picture.accounts
        .filter((a) => a.flags.hrTerminated || a.flags.hrLeave)
        .map((a) => ofAccount(a, now))
        .sort((a, b) => rank[a.severity] - rank[b.severity] || (a.terminationDate?.getTime() ?? Infinity) - (b.terminationDate?.getTime() ?? Infinity) || a.loginId!.localeCompare(b.loginId!)),
    no_hr_record: () => picture.accounts.filter((a) => a.flags.noHrRecord).map((a) => ofAccount(a, now)),
    department: () => picture.accounts.filter((a) => a.flags.departmentMismatch).map((a) => ofAccount(a, now)),
    no_account: () =>
      picture.peopleWithoutAccount.map((p) => ({ ...EMPTY, key: p.employeeNumber, severity: "low" as const, employeeNumber: p.employeeNumber, hrName: p.name, hrDepartment: p.department, hrStatus: "active" as const })),
    lines: () =>
      picture.linesOfInactive.map((l) => ({
        ...EMPTY,
        key: l.lineId,
        severity: l.hrStatus === "terminated" ? ("high" as const) : ("medium" as const),
        accountId: l.accountId,
        loginId: l.loginId,
        displayName: l.displayName,
        accountStatus: l.accountStatus,
        employeeNumber: l.employeeNumber,
        hrStatus: l.hrStatus,
        terminationDate: l.terminationDate,
        lineId: l.lineId,
        phoneNumber: l.phoneNumber,
        lineStatus: l.lineStatus,
      })),
  };
  const all = Object.fromEntries(ROSTER_CATEGORIES.map((c) => [c, byCategory[c]()])) as Record<RosterCategory, RosterDifference[]>;
  const counts = Object.fromEntries(ROSTER_CATEGORIES.map((c) => [c, all[c].length])) as Record<RosterCategory, number>;

  const q = query.q?.toLowerCase();
  const filtered = all[query.category].filter(
    (row) => (!q || matches(row, q)) && (!query.hrStatus || (query.category !== "hr_status" && query.category !== "lines") || row.hrStatus === query.hrStatus),
  );
  const pages = Math.max(1, Math.ceil(filtered.length / ROSTER_PAGE_SIZE));
  const page = Math.min(query.page, pages);
  return {
    query: { ...query, page },
    rosterLoaded: picture.rosterLoaded,
    latestImport,
    rosterSize,
    counts,
    terminatedCount: all.hr_status.filter((r) => r.severity === "high").length,
    rows: filtered.slice((page - 1) * ROSTER_PAGE_SIZE, page * ROSTER_PAGE_SIZE),
    total: filtered.length,
    pages,
    pageSize: ROSTER_PAGE_SIZE,
  };
}
