import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { formatDateTime, formatNumber } from "@/lib/format";
import { monthRange } from "@/lib/policy/billing";
import { addDays } from "@/lib/policy/security-dashboard";

interface Summary {
  overdue: number;
  dueThisWeek: number;
  next: { id: string; kind: string; periodKey: string | null; relatedId: string | null; dueAt: Date; overdue: boolean }[];
}

const monthDay = (day: string) => `${Number(day.slice(5, 7))}/${Number(day.slice(8, 10))}`;

// The dashboard's compliance card: overdue tasks and those due before the week ends, each opening its place in the calendar.
export async function ComplianceDue({ summary }: { summary: Summary }) {
  const t = await getTranslations("compliance");
  const format = await getFormatter();
  const period = (task: Summary["next"][number]) => {
    if (task.kind === "log_audit_weekly" && task.relatedId) return t("week", { from: monthDay(task.relatedId), to: monthDay(addDays(task.relatedId, 6)) });
    if (task.periodKey && /^\d{4}-\d{2}$/.test(task.periodKey)) return format.dateTime(monthRange(task.periodKey).start, { year: "numeric", month: "long", timeZone: "Asia/Tokyo" });
    return "";
  };
  return (
    <Card className="mt-4 p-4" role="region" aria-labelledby="dashboard-compliance">
      <div className="mb-2 flex flex-wrap items-baseline justify-between gap-2">
        <h2 id="dashboard-compliance" className="text-sm font-semibold text-neutral-900">
          {t("dashboard.title")}:{" "}
          <span className={cn(summary.overdue > 0 && "text-red-700")}>{t("dashboard.overdue", { count: formatNumber(summary.overdue) })}</span>
          {" · "}
          <span>{t("dashboard.dueThisWeek", { count: formatNumber(summary.dueThisWeek) })}</span>
        </h2>
        <Link href="/compliance" className="text-sm text-accent-700 hover:underline">
          {t("dashboard.open")}
        </Link>
      </div>
      <ul className="divide-y divide-neutral-100 text-sm">
        {summary.next.map((task) => (
          <li key={task.id} data-testid="dashboard-compliance-task" className="flex flex-wrap items-center gap-x-3 gap-y-1 py-2">
            <Link href={`/compliance#task-${task.id}`} className="font-medium text-accent-700 hover:underline">
              {t(`kind.${task.kind}` as "kind.ip_allowlist_monthly")}
            </Link>
            <span className="num text-neutral-700">{period(task)}</span>
            <span className={cn("num ml-auto whitespace-nowrap", task.overdue ? "font-medium text-red-700" : "text-neutral-600")}>{t("due", { at: formatDateTime(task.dueAt) })}</span>
            {task.overdue ? <Badge tone="red">{t("status.overdue")}</Badge> : null}
          </li>
        ))}
      </ul>
    </Card>
  );
}
