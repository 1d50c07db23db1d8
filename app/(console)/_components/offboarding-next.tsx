import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { formatDateTime } from "@/lib/format";

interface Summary {
  overdue: number;
  next: {
    id: string;
    kind: string;
    dueAt: Date;
    overdue: boolean;
    case: { id: string; subjectLabel: string | null };
    line: { phoneNumber: string } | null;
  }[];
}

// The dashboard's offboarding card: the next open tasks of cases in effect, overdue first, each opening its case.
export async function OffboardingNext({ summary }: { summary: Summary }) {
  const t = await getTranslations();
  return (
    <Card className="mt-4 p-4" role="region" aria-labelledby="dashboard-offboarding-next">
      <div className="mb-2 flex flex-wrap items-baseline justify-between gap-2">
        <h2 id="dashboard-offboarding-next" className="text-sm font-semibold text-neutral-900">
          {t("dashboardSecurity.offboardingTitle")}: {t("offboarding.dashboard.next")}
        </h2>
        <Link href="/offboarding" className="text-sm text-accent-700 hover:underline">
          {t("offboarding.dashboard.all")}
        </Link>
      </div>
      <ul className="divide-y divide-neutral-100 text-sm">
        {summary.next.map((task) => (
          <li key={task.id} data-testid="dashboard-offboarding-task" className="flex flex-wrap items-center gap-x-3 gap-y-1 py-2">
            <Link href={`/offboarding/${task.case.id}`} className="font-medium text-accent-700 hover:underline">
              {t(`offboarding.task.kind.${task.kind}`)}
            </Link>
            {task.line ? <span className="num text-neutral-700">{task.line.phoneNumber}</span> : null}
            <span className="min-w-0 break-all text-neutral-600">{task.case.subjectLabel ?? ""}</span>
            <span className={cn("num ml-auto whitespace-nowrap", task.overdue ? "font-medium text-red-700" : "text-neutral-600")}>
              {t("offboarding.dashboard.due", {
                at: formatDateTime(task.dueAt),
              })}
            </span>
            {task.overdue ? <Badge tone="red">{t("offboarding.task.overdue")}</Badge> : null}
          </li>
        ))}
      </ul>
    </Card>
  );
}
