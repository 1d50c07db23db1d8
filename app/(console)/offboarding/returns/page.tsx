import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { ChevronLeft } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { PageHeader } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { formatDateTime } from "@/lib/format";
import { listPendingReturns } from "@/lib/server/offboarding/list-pending-returns";
import { authorize } from "@/lib/server/authorize";
import { mayComplete } from "@/lib/server/offboarding/complete-task";
import { load } from "@/lib/server/page";
import { jstDateValue } from "../_components/offboarding-text";
import { SubjectLabel } from "../_components/subject-label";
import { TaskForm } from "../_components/task-form";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("offboarding.returns"))("title") };
}

// SIM cards still to come back, overdue first, each with the return's form where the viewer may close it.
export default async function PendingReturnsPage() {
  const { rows, now } = await load(() => listPendingReturns());
  const t = await getTranslations();
  const canClose = mayComplete(await load(() => authorize()), "return_sim");
  const sorted = [...rows].sort((a, b) => Number(b.overdue) - Number(a.overdue) || a.dueAt.getTime() - b.dueAt.getTime());
  const today = jstDateValue(now);
  const kindName = t("offboarding.task.kind.return_sim");
  return (
    <div>
      <Link href="/offboarding" className="mb-3 inline-flex items-center gap-1 text-sm text-accent-700 hover:underline">
        <ChevronLeft className="size-4" aria-hidden />
        {t("offboarding.returns.back")}
      </Link>
      <PageHeader title={t("offboarding.returns.title")} description={t("offboarding.returns.description")} />
      {sorted.length === 0 ? (
        <div className="rounded-lg border border-dashed border-neutral-300 bg-white px-6 py-12 text-center">
          <p className="font-medium">{t("offboarding.returns.empty")}</p>
        </div>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-neutral-200 bg-white">
          <table className="w-full text-sm">
            <thead className="bg-neutral-50 text-left text-xs text-neutral-600">
              <tr>
                <th className="whitespace-nowrap px-3 py-2 font-medium">{t("offboarding.returns.columns.line")}</th>
                <th className="whitespace-nowrap px-3 py-2 font-medium">{t("offboarding.returns.columns.person")}</th>
                <th className="whitespace-nowrap px-3 py-2 font-medium">{t("offboarding.returns.columns.due")}</th>
                <th className="px-3 py-2 font-medium">{t("offboarding.returns.columns.return")}</th>
              </tr>
            </thead>
            <tbody>
              {sorted.map((r) => (
                <tr key={r.id} data-testid="pending-return" className={cn("border-t border-neutral-100 align-top", r.overdue && "bg-red-50/50")}>
                  <td className="whitespace-nowrap px-3 py-2">
                    {r.line ? (
                      <Link href={`/lines/${r.line.id}`} className="num font-medium text-accent-700 hover:underline">
                        {r.line.phoneNumber}
                      </Link>
                    ) : (
                      "—"
                    )}
                    {r.line?.iccid ? <span className="num block text-xs text-neutral-600">{r.line.iccid}</span> : null}
                  </td>
                  <td className="px-3 py-2">
                    <Link href={`/offboarding/${r.case.id}`} className="text-accent-700 hover:underline">
                      <SubjectLabel label={r.case.subjectLabel} />
                    </Link>
                    <span className="block text-xs text-neutral-600">{t(`offboarding.trigger.${r.case.trigger}`)}</span>
                  </td>
                  <td className="whitespace-nowrap px-3 py-2">
                    <span className={cn("num block", r.overdue && "font-medium text-red-700")}>{formatDateTime(r.dueAt)}</span>
                    {r.overdue ? <Badge tone="red">{t("offboarding.task.overdue")}</Badge> : null}
                  </td>
                  <td className="min-w-[30rem] px-3 py-2">
                    {!r.effective ? (
                      <span className="text-xs text-amber-800">{t("offboarding.returns.notYet")}</span>
                    ) : canClose ? (
                      <TaskForm taskId={r.id} kind="return_sim" kindName={`${kindName} ${r.line?.phoneNumber ?? ""}`} today={today} compact />
                    ) : (
                      <Link href={`/offboarding/${r.case.id}`} className="text-accent-700 hover:underline">
                        {t("offboarding.task.openCase")}
                      </Link>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
