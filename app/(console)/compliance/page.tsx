import type { Metadata } from "next";
import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { Badge } from "@/components/ui/badge";
import { Card, PageHeader } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { StatCard } from "@/components/ui/stat-card";
import { formatDateTime, formatNumber } from "@/lib/format";
import { monthRange } from "@/lib/policy/billing";
import { tokyoDateString, tokyoParts } from "@/lib/policy/business-calendar";
import { COMPLIANCE_KINDS } from "@/lib/policy/compliance";
import { addDays, jstDayStart } from "@/lib/policy/security-dashboard";
import { HISTORY_SIZE, listComplianceTasks, type ComplianceTaskView } from "@/lib/server/compliance/list-compliance-tasks";
import { load } from "@/lib/server/page";
import { RecordTaskForm } from "./_components/record-task-form";
import { TaskEvidence } from "./_components/task-evidence";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("compliance"))("title") };
}

const WEEKDAYS = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"] as const;
const DAY_MS = 86_400_000;
const linkClass = "text-accent-700 underline underline-offset-2 hover:text-accent-800";
const slashDay = (day: string) => day.replaceAll("-", "/");
const monthDay = (day: string) => `${Number(day.slice(5, 7))}/${Number(day.slice(8, 10))}`;

/** "伊藤 誠 (security@…)" as the name and, under it, the OCN ID. */
function Recorder({ label }: { label: string | null }) {
  const m = label ? /^(.*) \(([^()]+)\)$/.exec(label) : null;
  if (!m) return <span className="break-words">{label ?? "—"}</span>;
  return (
    <>
      <span className="block whitespace-nowrap">{m[1]}</span>
      <span className="block whitespace-nowrap text-xs text-neutral-600">{m[2]}</span>
    </>
  );
}

// The compliance calendar: this month's tasks by due date (overdue ones first, whatever their month), what to do for
// each and where, recording for those who may; then the record of what was completed, with its evidence.
export default async function CompliancePage() {
  const data = await load(() => listComplianceTasks());
  const t = await getTranslations("compliance");
  const tAll = await getTranslations();
  const format = await getFormatter();
  const monthName = (key: string) => format.dateTime(monthRange(key).start, { year: "numeric", month: "long", timeZone: "Asia/Tokyo" });
  const today = tokyoDateString(data.now);

  const period = (task: ComplianceTaskView) => {
    if (task.kind === "log_audit_weekly" && task.week) return t("week", { from: monthDay(task.week), to: monthDay(addDays(task.week, 6)) });
    if (task.periodKey && /^\d{4}-\d{2}$/.test(task.periodKey)) return monthName(task.periodKey);
    return task.subject ?? "";
  };
  const kindName = (task: ComplianceTaskView) => t(`kind.${task.kind}`);
  const domainName = (domain: string) => tAll(`rolesArea.domains.${domain}` as "rolesArea.domains.security");
  const statusBadge = (task: ComplianceTaskView) =>
    task.overdue ? (
      <Badge tone="red">{t("status.overdue")}</Badge>
    ) : task.status === "open" ? (
      <Badge tone="amber">{t("status.open")}</Badge>
    ) : task.status === "done" ? (
      <Badge tone="green">{t("status.done")}</Badge>
    ) : (
      <Badge tone="grey">{t("status.skipped")}</Badge>
    );

  // Grouped by the JST day each task is due; within a day, open tasks first.
  const groups = new Map<string, ComplianceTaskView[]>();
  for (const task of data.tasks) {
    const day = tokyoDateString(task.dueAt);
    groups.set(day, [...(groups.get(day) ?? []), task]);
  }
  const days = [...groups.keys()].sort();
  const relative = (day: string) => {
    const diff = Math.round((jstDayStart(day)!.getTime() - jstDayStart(today)!.getTime()) / DAY_MS);
    return diff === 0 ? t("today") : diff > 0 ? t("daysLeft", { days: diff }) : t("daysOver", { days: -diff });
  };
  const weekday = (day: string) => tAll(`dashboardSecurity.weekdays.${WEEKDAYS[tokyoParts(jstDayStart(day)!).weekday]!}`);

  return (
    <div>
      <PageHeader title={t("title")} description={t("description")} />
      <div className="grid grid-cols-1 gap-3 sm:grid-cols-3">
        <StatCard label={t("stats.overdue")} value={formatNumber(data.counts.overdue)} tone={data.counts.overdue > 0 ? "red" : "neutral"} />
        <StatCard label={t("stats.dueThisWeek")} value={formatNumber(data.counts.dueThisWeek)} tone={data.counts.dueThisWeek > 0 ? "amber" : "neutral"} />
        <StatCard label={t("stats.open")} value={formatNumber(data.counts.open)} />
      </div>

      <Card className="mt-4 p-4" role="region" aria-labelledby="compliance-calendar">
        <h2 id="compliance-calendar" className="font-semibold text-neutral-900">
          {t("calendarTitle", { month: monthName(data.month) })}
        </h2>
        <p className="mt-0.5 text-sm text-neutral-600">{t("calendarHint")}</p>
        {days.length === 0 ? <p className="mt-3 text-sm text-neutral-600">{t("calendarEmpty")}</p> : null}
        <div className="mt-3 space-y-4">
          {days.map((day) => {
            const tasks = groups.get(day)!.sort((a, b) => Number(b.status === "open") - Number(a.status === "open") || COMPLIANCE_KINDS.indexOf(a.kind) - COMPLIANCE_KINDS.indexOf(b.kind));
            const late = tasks.some((task) => task.overdue);
            return (
              <section key={day} aria-labelledby={`compliance-day-${day}`}>
                <h3 id={`compliance-day-${day}`} className="flex items-baseline gap-2 border-b border-neutral-200 pb-1 text-sm font-semibold text-neutral-900">
                  <span className="num">{t("dueDay", { day: slashDay(day), weekday: weekday(day) })}</span>
                  <span className={cn("text-xs font-normal", late ? "font-medium text-red-700" : day === today ? "text-amber-800" : "text-neutral-600")}>{relative(day)}</span>
                </h3>
                <ul className="divide-y divide-neutral-100">
                  {tasks.map((task) => (
                    <li key={task.id} id={`task-${task.id}`} data-testid="compliance-task" data-kind={task.kind} data-status={task.status} className="py-2.5">
                      <div className="flex flex-wrap items-start gap-x-4 gap-y-1">
                        <div className="min-w-0 flex-1">
                          <p className="flex flex-wrap items-baseline gap-x-2">
                            <span className="font-medium text-neutral-900">{kindName(task)}</span>
                            <span className="num break-all text-sm text-neutral-700">{period(task)}</span>
                            <span className="text-xs text-neutral-500">{t(`cadence.${task.kind}`)}</span>
                          </p>
                          {task.status === "open" ? (
                            <p className="mt-0.5 text-sm text-neutral-700">
                              {t(`todo.${task.kind}`)}{" "}
                              <Link href={task.href} className={cn(linkClass, "whitespace-nowrap")}>
                                {t(`open.${task.kind}`)} →
                              </Link>
                            </p>
                          ) : (
                            <div className="mt-0.5">
                              <TaskEvidence task={task} />
                            </div>
                          )}
                        </div>
                        <div className="flex shrink-0 items-center gap-3 text-sm">
                          {task.kind === "incident_response" || task.kind === "device_disposal" ? (
                            <span className={cn("num whitespace-nowrap", task.overdue ? "text-red-700" : "text-neutral-600")}>{t("due", { at: formatDateTime(task.dueAt) })}</span>
                          ) : null}
                          <span className="whitespace-nowrap text-neutral-700" title={t("ownerHint", { domain: domainName(task.ownerDomain) })}>
                            {tAll(`roles.${task.ownerRoleKey}` as "roles.security_auditor")}
                          </span>
                          {statusBadge(task)}
                        </div>
                      </div>
                      {task.status === "open" ? (
                        task.canRecord ? (
                          <div className="mt-1.5">
                            <RecordTaskForm taskId={task.id} kindName={`${kindName(task)} ${period(task)}`} />
                          </div>
                        ) : task.fromSource ? null : (
                          <p className="mt-1 text-xs text-neutral-600">{t("form.cannot", { domain: domainName(task.ownerDomain) })}</p>
                        )
                      ) : task.completedAt && task.completedAt > task.dueAt && task.status === "done" ? (
                        <p className="mt-1 text-xs text-neutral-600">{t("lateDone")}</p>
                      ) : null}
                    </li>
                  ))}
                </ul>
              </section>
            );
          })}
        </div>
      </Card>

      <Card className="mt-4 p-4" role="region" aria-labelledby="compliance-history">
        <h2 id="compliance-history" className="font-semibold text-neutral-900">
          {t("historyTitle")}
        </h2>
        <p className="mt-0.5 text-sm text-neutral-600">{t("historyHint", { count: HISTORY_SIZE })}</p>
        {data.history.length === 0 ? (
          <p className="mt-3 text-sm text-neutral-600">{t("historyEmpty")}</p>
        ) : (
          <div className="mt-2 overflow-x-auto">
            <table className="w-full text-sm" data-testid="compliance-history">
              <thead className="text-left text-xs text-neutral-600">
                <tr>
                  <th className="py-1.5 pr-3 font-medium">{t("columns.completedAt")}</th>
                  <th className="py-1.5 pr-3 font-medium">{t("columns.task")}</th>
                  <th className="py-1.5 pr-3 font-medium">{t("columns.status")}</th>
                  <th className="py-1.5 pr-3 font-medium">{t("columns.by")}</th>
                  <th className="py-1.5 font-medium">{t("columns.evidence")}</th>
                </tr>
              </thead>
              <tbody>
                {data.history.map((task) => (
                  <tr key={task.id} className="border-t border-neutral-100 align-top" data-kind={task.kind}>
                    <td className="num whitespace-nowrap py-2 pr-3">{formatDateTime(task.completedAt)}</td>
                    <td className="min-w-44 py-2 pr-3">
                      <span className="font-medium">{kindName(task)}</span>
                      <span className="num block break-all text-xs text-neutral-600">{period(task)}</span>
                    </td>
                    <td className="py-2 pr-3">{statusBadge(task)}</td>
                    <td className="py-2 pr-3">
                      <Recorder label={task.completedByLabel} />
                    </td>
                    <td className="min-w-64 py-2">
                      <TaskEvidence task={task} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Card>
    </div>
  );
}
