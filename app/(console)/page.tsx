import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/ui/card";
import { StatCard } from "@/components/ui/stat-card";
import { formatNumber } from "@/lib/format";
import { getDashboard } from "@/lib/server/dashboard/get-dashboard";
import { getConsoleContext } from "@/lib/server/org/get-console-context";
import { load } from "@/lib/server/page";
import { ComplianceDue } from "./_components/compliance-due";
import { OffboardingNext } from "./_components/offboarding-next";
import { SecurityPanels } from "./_components/security-panels";

export default async function DashboardPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const context = await load(getConsoleContext);
  if (!context.isAdmin) redirect("/me");
  const { range } = await searchParams;
  const now = new Date();
  const data = await load(() => getDashboard({ range: typeof range === "string" ? range : undefined }, now));
  const t = await getTranslations("dashboard");
  const ts = await getTranslations("dashboardSecurity");
  const tc = await getTranslations("compliance.dashboard");
  const { accounts, lines, offboarding, compliance, signIns, security } = data;
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
        {offboarding ? (
          <StatCard
            label={ts("offboardingTitle")}
            value={formatNumber(offboarding.open)}
            hint={
              offboarding.overdue > 0 ? (
                <span className="text-red-700">
                  {ts("offboardingOverdue")} {formatNumber(offboarding.overdue)}
                </span>
              ) : undefined
            }
            tone={offboarding.overdue > 0 ? "red" : "neutral"}
            href="/offboarding"
          />
        ) : null}
        {compliance ? (
          <StatCard
            label={tc("statLabel")}
            value={formatNumber(compliance.overdue)}
            hint={tc("statHint", { count: formatNumber(compliance.dueThisWeek) })}
            tone={compliance.overdue > 0 ? "red" : "neutral"}
            href="/compliance"
          />
        ) : null}
      </div>
      {compliance && compliance.next.length > 0 ? <ComplianceDue summary={compliance} /> : null}
      {offboarding && offboarding.next.length > 0 ? <OffboardingNext summary={offboarding} /> : null}
      {signIns && security ? <SecurityPanels panels={security} series={signIns.series} now={now} /> : null}
    </div>
  );
}
