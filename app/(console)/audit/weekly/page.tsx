import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Badge } from "@/components/ui/badge";
import { PageHeader } from "@/components/ui/card";
import { formatDateTime, formatNumber } from "@/lib/format";
import { listWeeklyAudits } from "@/lib/server/weekly-audit/list-weekly-audits";
import { load } from "@/lib/server/page";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("weeklyAudit"))("title") };
}

const slash = (day: string) => day.replaceAll("-", "/");
const percent = (rate: number | null) => (rate === null ? "—" : `${(rate * 100).toFixed(1)}%`);

// The weekly log audit: the last 26 weeks, newest first, each with its figures and whether it has been signed off.
export default async function WeeklyAuditListPage() {
  const weeks = await load(() => listWeeklyAudits());
  const t = await getTranslations("weeklyAudit");
  return (
    <div>
      <PageHeader
        title={t("title")}
        description={t("description")}
        actions={
          <Link href="/audit" className="text-sm text-accent-700 underline-offset-2 hover:underline">
            {(await getTranslations("audit"))("title")}
          </Link>
        }
      />
      <div className="overflow-x-auto rounded-lg border border-neutral-200 bg-white">
        <table className="w-full text-sm">
          <thead className="bg-neutral-50 text-left text-xs text-neutral-600">
            <tr>
              <th className="px-3 py-2 font-medium">{t("columns.week")}</th>
              <th className="px-3 py-2 text-right font-medium">{t("columns.signIns")}</th>
              <th className="px-3 py-2 text-right font-medium">{t("columns.failures")}</th>
              <th className="px-3 py-2 text-right font-medium">{t("columns.rate")}</th>
              <th className="px-3 py-2 text-right font-medium">{t("columns.offHours")}</th>
              <th className="px-3 py-2 font-medium">{t("columns.status")}</th>
            </tr>
          </thead>
          <tbody>
            {weeks.map((w) => (
              <tr key={w.weekStart} className="border-t border-neutral-100 hover:bg-neutral-50">
                <td className="px-3 py-2 whitespace-nowrap">
                  <Link href={`/audit/weekly/${w.weekStart}`} className="num text-accent-700 hover:underline">
                    {slash(w.weekStart)} 〜 {slash(w.weekEnd)}
                  </Link>
                </td>
                <td className="num px-3 py-2 text-right">{formatNumber(w.signIns)}</td>
                <td className="num px-3 py-2 text-right">{formatNumber(w.failures)}</td>
                <td className="num px-3 py-2 text-right">{percent(w.failureRate)}</td>
                <td className="num px-3 py-2 text-right">{formatNumber(w.offHours)}</td>
                <td className="px-3 py-2">
                  {w.inProgress ? (
                    <Badge tone="grey">{t("inProgress")}</Badge>
                  ) : w.signedAt ? (
                    <span className="flex flex-wrap items-center gap-2">
                      <Badge tone="green">{t("signed")}</Badge>
                      <span className="text-xs text-neutral-600">{t("signedBy", { name: w.signedBy ?? "", at: formatDateTime(w.signedAt) })}</span>
                    </span>
                  ) : (
                    <Badge tone="amber">{t("unsigned")}</Badge>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
