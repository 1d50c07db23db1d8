import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { formatDateTime } from "@/lib/format";
import { getOffboardingCase } from "@/lib/server/offboarding/get-case";
import { load } from "@/lib/server/page";
import { CaseHistory } from "../../_components/case-history";
import { PrintButton } from "@/components/ui/print-button";
import { TaskEvidence } from "../../_components/task-evidence";

type Params = { params: Promise<{ id: string }> };

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const { id } = await params;
  const data = await load(() => getOffboardingCase(id));
  return {
    title: `${(await getTranslations("offboarding.print"))("title")}: ${data.case.subjectLabel ?? ""}`,
  };
}

// Printing keeps the record only: the console's sidebar, header and controls are left out.
const PRINT_CSS =
  "@media print { aside, header, .print-hide { display: none !important; } main { padding: 0 !important; } .print-sheet { border: 0 !important; padding: 0 !important; } tr, li { break-inside: avoid; } }";

interface SnapshotGrant {
  grantId: string;
  role: string;
  roleName: string;
  startsAt: string;
  endsAt: string | null;
  reason: string | null;
}

// The case for the personnel file: person, case, roles held, every task with its record, and the history.
export default async function OffboardingPrintPage({ params }: Params) {
  const { id } = await params;
  const { case: c, history, now, fullView } = await load(() => getOffboardingCase(id));
  const t = await getTranslations();
  const snapshot = (c.grantsSnapshot as SnapshotGrant[] | null) ?? [];
  const roleName = (key: string, name?: string) => (t.has(`roles.${key}`) ? t(`roles.${key}`) : (name ?? key));
  const rows: [string, React.ReactNode][] = [
    [t("offboarding.detail.person"), c.account ? `${c.account.displayName} (${c.account.loginId})` : (c.subjectLabel ?? "—")],
    ...(c.account?.employeeNumber ? ([[t("offboarding.detail.employeeNumber"), c.account.employeeNumber]] as [string, string][]) : []),
    ...(c.account ? ([[t("offboarding.detail.department"), c.account.department?.name ?? "—"]] as [string, string][]) : []),
    ...(c.newDepartment ? ([[t("offboarding.detail.newDepartment"), c.newDepartment]] as [string, string][]) : []),
    [t("offboarding.columns.trigger"), t(`offboarding.trigger.${c.trigger}`)],
    [t("offboarding.columns.status"), t(`offboarding.status.${c.status}`)],
    [t("offboarding.detail.effectiveAt"), formatDateTime(c.effectiveAt)],
    [t("offboarding.detail.initiatedBy"), c.initiatedBy ? `${c.initiatedBy.displayName} (${c.initiatedBy.loginId})` : "—"],
    [t("offboarding.detail.createdAt"), formatDateTime(c.createdAt)],
    ...(c.completedAt ? ([[t("offboarding.detail.completedAt"), formatDateTime(c.completedAt)]] as [string, string][]) : []),
    ...(c.cancelledAt ? ([[t("offboarding.detail.cancelledAt"), formatDateTime(c.cancelledAt)]] as [string, string][]) : []),
    ...(c.note ? ([[t("offboarding.detail.note"), c.note]] as [string, string][]) : []),
  ];
  const th = "border border-neutral-300 bg-neutral-50 px-2 py-1 text-left text-xs font-medium text-neutral-700";
  const td = "border border-neutral-300 px-2 py-1 align-top";
  return (
    <div className="max-w-4xl print:max-w-none">
      <style>{PRINT_CSS}</style>
      <div className="print-hide mb-4 flex items-center justify-between gap-3">
        <Link href={`/offboarding/${c.id}`} className="text-sm text-accent-700 hover:underline">
          ← {t("offboarding.print.back")}
        </Link>
        <PrintButton label={t("offboarding.print.print")} />
      </div>
      <div className="print-sheet rounded-lg border border-neutral-200 bg-white p-6 text-sm">
        <div className="mb-4 flex flex-wrap items-baseline justify-between gap-2 border-b border-neutral-300 pb-2">
          <h1 className="text-lg font-semibold">{t("offboarding.print.title")}</h1>
          <span className="num text-xs text-neutral-600">{t("offboarding.print.printedAt", { at: formatDateTime(now) })}</span>
        </div>
        <table className="mb-5 w-full border-collapse">
          <tbody>
            {rows.map(([label, value]) => (
              <tr key={label}>
                <th scope="row" className={`${th} w-40`}>
                  {label}
                </th>
                <td className={`${td} whitespace-pre-wrap break-words`}>{value}</td>
              </tr>
            ))}
          </tbody>
        </table>

        {c.trigger === "device_disposal" || !fullView ? null : (
          <>
            <h2 className="mb-1 font-semibold">{t("offboarding.detail.snapshot")}</h2>
            {snapshot.length === 0 ? (
              <p className="mb-5 text-neutral-600">{t("offboarding.detail.noSnapshot")}</p>
            ) : (
              <table className="mb-5 w-full border-collapse">
                <thead>
                  <tr>
                    <th className={th}>{t("offboarding.detail.role")}</th>
                    <th className={th}>{t("offboarding.detail.grantStartsAt")}</th>
                    <th className={th}>{t("offboarding.detail.grantEndsAt")}</th>
                    <th className={th}>{t("offboarding.detail.grantReason")}</th>
                  </tr>
                </thead>
                <tbody>
                  {snapshot.map((g) => (
                    <tr key={g.grantId}>
                      <td className={td}>{roleName(g.role, g.roleName)}</td>
                      <td className={`${td} num whitespace-nowrap`}>{formatDateTime(g.startsAt)}</td>
                      <td className={`${td} num whitespace-nowrap`}>{g.endsAt ? formatDateTime(g.endsAt) : t("offboarding.detail.noEnd")}</td>
                      <td className={td}>{g.reason ?? "—"}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </>
        )}

        <h2 className="mb-1 font-semibold">{t("offboarding.detail.checklist")}</h2>
        <table className="mb-5 w-full border-collapse">
          <thead>
            <tr>
              <th className={th}>{t("offboarding.columns.trigger")}</th>
              <th className={th}>{t("offboarding.detail.line")}</th>
              <th className={th}>{t("offboarding.task.due")}</th>
              <th className={th}>{t("offboarding.columns.status")}</th>
              <th className={th}>{t("offboarding.print.closed")}</th>
              <th className={th}>{t("offboarding.print.evidence")}</th>
            </tr>
          </thead>
          <tbody>
            {c.tasks.map((task) => (
              <tr key={task.id}>
                <td className={td}>
                  {t(`offboarding.task.kind.${task.kind}`)}
                  <span className="block text-xs text-neutral-600">{roleName(task.ownerRoleKey)}</span>
                </td>
                <td className={`${td} num whitespace-nowrap`}>
                  {task.line ? (
                    <>
                      {task.line.phoneNumber}
                      <span className="block text-xs text-neutral-600">
                        {t(`simType.${task.line.simType}`)}
                        {task.line.iccid ? ` ${task.line.iccid}` : ""}
                      </span>
                    </>
                  ) : (
                    "—"
                  )}
                </td>
                <td className={`${td} num whitespace-nowrap ${task.overdue ? "font-medium text-red-700" : ""}`}>
                  {formatDateTime(task.dueAt)}
                  {task.overdue ? <span className="block text-xs">{t("offboarding.task.overdue")}</span> : null}
                </td>
                <td className={`${td} whitespace-nowrap`}>{t(`offboarding.task.status.${task.status}`)}</td>
                <td className={`${td} break-all`}>
                  {task.completedAt ? (
                    <>
                      {task.completedByLabel ?? "—"}
                      <span className="num block text-xs text-neutral-600">{formatDateTime(task.completedAt)}</span>
                    </>
                  ) : (
                    "—"
                  )}
                </td>
                <td className={td}>
                  <TaskEvidence task={task} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>

        <h2 className="mb-2 font-semibold">{t("offboarding.detail.history")}</h2>
        <CaseHistory history={history} />

        <div className="mt-10 flex justify-end">
          <div className="w-72 border-t border-neutral-500 pt-1 text-xs text-neutral-600">{t("offboarding.print.signature")}</div>
        </div>
      </div>
    </div>
  );
}
