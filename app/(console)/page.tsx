import Link from "next/link";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { SignInsChart } from "@/components/charts/sign-ins-chart";
import { Card, PageHeader } from "@/components/ui/card";
import { StatCard } from "@/components/ui/stat-card";
import { formatNumber } from "@/lib/format";
import { getDashboard } from "@/lib/server/dashboard/get-dashboard";
import { getConsoleContext } from "@/lib/server/org/get-console-context";
import { load } from "@/lib/server/page";

export default async function DashboardPage() {
  const context = await load(getConsoleContext);
  if (!context.isAdmin) redirect("/me");
  const data = await load(() => getDashboard());
  const t = await getTranslations("dashboard");
  const { accounts, lines, signIns } = data;
  return (
    <div>
      <PageHeader title={t("title")} description={t("greeting", { name: data.displayName })} />
      <div className="grid grid-cols-1 gap-3 sm:grid-cols-2 xl:grid-cols-3 2xl:grid-cols-6">
        {signIns ? (
          <>
            <StatCard label={t("openAlerts")} value={formatNumber(signIns.openAlerts)} tone={signIns.openAlerts > 0 ? "red" : "neutral"} />
            <StatCard
              label={t("failedToday")}
              value={formatNumber(signIns.failedToday)}
              hint={t("usual", { usual: formatNumber(signIns.usualFailures) })}
              tone={signIns.failedToday > signIns.usualFailures * 2 && signIns.failedToday > 5 ? "amber" : "neutral"}
            />
            <StatCard label={t("offHours")} value={formatNumber(signIns.offHours7d)} />
            <StatCard label={t("foreign")} value={formatNumber(signIns.foreign7d)} />
          </>
        ) : null}
        {accounts ? (
          <StatCard
            label={t("activeAccounts")}
            value={formatNumber(accounts.active)}
            hint={t("ofTotal", { total: formatNumber(accounts.total) })}
            href="/accounts?status=active"
          />
        ) : null}
        {lines ? (
          <StatCard
            label={t("pendingSim")}
            value={formatNumber(lines.pendingReturn)}
            hint={lines.overdueReturn > 0 ? <span className="text-red-700">{lines.overdueReturn}</span> : undefined}
            tone={lines.overdueReturn > 0 ? "red" : "neutral"}
          />
        ) : null}
      </div>
      {signIns ? (
        <Card className="mt-6 p-4">
          <div className="mb-2 flex flex-wrap items-baseline justify-between gap-2">
            <div>
              <h2 className="font-semibold">{t("signInsChart")}</h2>
              <p className="text-xs text-neutral-600">{t("signInsChartDescription")}</p>
            </div>
            <Link href="/audit?action=auth.sign_in" className="text-sm text-accent-700 underline-offset-2 hover:underline">
              {t("openAudit")}
            </Link>
          </div>
          {signIns.series.some((d) => d.success + d.failure > 0) ? (
            <SignInsChart data={signIns.series} labels={{ success: t("success"), failure: t("failure") }} />
          ) : (
            <p className="py-10 text-center text-sm text-neutral-600">{t("noData")}</p>
          )}
        </Card>
      ) : null}
    </div>
  );
}
