import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Badge, accountStatusTone } from "@/components/ui/badge";
import { SimpleTable, type SimpleColumn } from "@/components/ui/simple-table";
import { formatDateTime, formatDay } from "@/lib/format";
import type { RosterDifference } from "@/lib/server/hr/get-roster-reconciliation";
import type { RosterCategory } from "@/lib/schemas/hr-roster";
import { lineStatusTone } from "../../../lines/_components/line-status";

const SEVERITY_TONE = { high: "red", medium: "amber", low: "grey" } as const;
const HR_STATUS_TONE = { active: "green", leave: "amber", seconded: "amber", terminated: "red" } as const;

// One kind of difference as a table: the columns that kind needs, with links to the account and line pages.
export async function DifferenceTable({ category, rows, empty }: { category: RosterCategory; rows: RosterDifference[]; empty: string }) {
  const t = await getTranslations();
  const tr = (key: string, values?: Record<string, string>) => t(`roster.${key}`, values);

  const person: SimpleColumn<RosterDifference> = {
    header: tr("columns.person"),
    cell: (r) =>
      r.accountId ? (
        <>
          <Link href={`/accounts/${r.accountId}`} className="font-medium text-accent-700 hover:underline">
            {r.displayName}
          </Link>
          <span className="block text-xs text-neutral-600">{r.loginId}</span>
        </>
      ) : (
        "—"
      ),
  };
  const severity: SimpleColumn<RosterDifference> = { header: tr("columns.severity"), cell: (r) => <Badge tone={SEVERITY_TONE[r.severity]}>{tr(`severity.${r.severity}`)}</Badge> };
  const employeeNumber: SimpleColumn<RosterDifference> = {
    header: tr("columns.employeeNumber"),
    cell: (r) => (r.employeeNumber ? <span className="num whitespace-nowrap">{r.employeeNumber}</span> : <span className="text-neutral-600">{tr("noEmployeeNumber")}</span>),
  };
  const accountStatus: SimpleColumn<RosterDifference> = {
    header: tr("columns.accountStatus"),
    cell: (r) =>
      r.accountStatus ? (
        <>
          <Badge tone={accountStatusTone[r.accountStatus]}>{t(`status.${r.accountStatus}`)}</Badge>
          {r.accessEndsAt && !r.accessEnded ? <span className="mt-0.5 block text-xs text-neutral-600">{tr("accessEnds", { date: formatDateTime(r.accessEndsAt) })}</span> : null}
        </>
      ) : (
        "—"
      ),
  };
  const hrStatus: SimpleColumn<RosterDifference> = {
    header: tr("columns.hrStatus"),
    cell: (r) =>
      r.hrStatus ? (
        <>
          <Badge tone={HR_STATUS_TONE[r.hrStatus]}>{tr(`employmentStatus.${r.hrStatus}`)}</Badge>
          {r.terminationDate ? <span className="num mt-0.5 block text-xs text-neutral-600">{`${tr("columns.terminationDate")} ${formatDay(r.terminationDate)}`}</span> : null}
        </>
      ) : (
        "—"
      ),
  };
  const flag: SimpleColumn<RosterDifference> = {
    header: tr("columns.difference"),
    cell: (r) => {
      const ended = r.accountStatus === "suspended" || r.accessEnded;
      const key = r.hrStatus === "terminated" ? (ended ? "terminatedSuspended" : "terminated") : r.hrStatus === "seconded" ? "seconded" : "leave";
      return (
        <span data-testid="roster-flag" className={r.hrStatus === "terminated" ? "font-medium text-red-800" : "text-amber-900"}>
          {tr(`flag.${key}`)}
        </span>
      );
    },
  };
  const department = (header: string, pick: (r: RosterDifference) => string | null): SimpleColumn<RosterDifference> => ({
    header,
    cell: (r) => pick(r) ?? <span className="text-neutral-600">{tr("noDepartment")}</span>,
  });

  const columns: Record<RosterCategory, SimpleColumn<RosterDifference>[]> = {
    hr_status: [severity, flag, person, employeeNumber, hrStatus, accountStatus],
    no_hr_record: [person, employeeNumber, department(tr("columns.accountDepartment"), (r) => r.departmentName), accountStatus],
    department: [person, employeeNumber, department(tr("columns.accountDepartment"), (r) => r.departmentName), department(tr("columns.hrDepartment"), (r) => r.hrDepartment)],
    no_account: [employeeNumber, { header: tr("columns.hrName"), cell: (r) => r.hrName }, department(tr("columns.hrDepartment"), (r) => r.hrDepartment), hrStatus],
    lines: [
      severity,
      {
        header: tr("columns.phoneNumber"),
        cell: (r) => (
          <Link href={`/lines/${r.lineId}`} className="num whitespace-nowrap font-medium text-accent-700 hover:underline">
            {r.phoneNumber}
          </Link>
        ),
      },
      { header: tr("columns.lineStatus"), cell: (r) => <Badge tone={lineStatusTone[r.lineStatus as keyof typeof lineStatusTone]}>{t(`lineStatus.${r.lineStatus}`)}</Badge> },
      { ...person, header: tr("columns.user") },
      employeeNumber,
      hrStatus,
      accountStatus,
    ],
  };
  return (
    <div data-testid={`roster-table-${category}`}>
      <SimpleTable columns={columns[category]} rows={rows} rowKey={(r) => r.key} empty={empty} />
    </div>
  );
}
