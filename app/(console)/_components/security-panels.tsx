import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { SignInsChart } from "@/components/charts/sign-ins-chart";
import { Card } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { formatNumber } from "@/lib/format";
import { DASHBOARD_RANGES, auditHref, latestHourOf } from "@/lib/policy/security-dashboard";
import { SEVERITIES, type DailySignIns, type SecurityPanels as Panels } from "@/lib/server/dashboard/get-dashboard";
import type { DimCount } from "@/lib/server/dashboard/read-rollups";
import { OffHoursChart } from "./off-hours-chart";

const WEEKDAY_KEYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;
const percent = (rate: number | null) => (rate === null ? "—" : `${(rate * 100).toFixed(1)}%`);
const linkClass = "text-accent-700 underline-offset-2 hover:underline";

function Panel({ title, hint, action, className, children }: { title: string; hint?: string; action?: React.ReactNode; className?: string; children: React.ReactNode }) {
  return (
    <Card className={cn("p-4", className)}>
      <div className="mb-2 flex flex-wrap items-baseline justify-between gap-2">
        <div>
          <h3 className="font-semibold">{title}</h3>
          {hint ? <p className="text-xs text-neutral-600">{hint}</p> : null}
        </div>
        {action}
      </div>
      {children}
    </Card>
  );
}

function DimTable({ rows, keyHeader, hrefFor, labelFor, empty, t }: {
  rows: DimCount[];
  keyHeader: string;
  hrefFor: (r: DimCount) => string;
  labelFor: (r: DimCount) => string;
  empty: string;
  t: (key: "total" | "success" | "failure") => string;
}) {
  if (rows.length === 0) return <p className="py-6 text-center text-sm text-neutral-600">{empty}</p>;
  const max = Math.max(...rows.map((r) => r.success + r.failure), 1);
  return (
    <table className="w-full text-sm">
      <thead className="text-left text-xs text-neutral-600">
        <tr>
          <th className="py-1 pr-2 font-medium">{keyHeader}</th>
          <th className="w-1/4 py-1 font-medium" aria-hidden />
          <th className="py-1 pl-2 text-right font-medium">{t("success")}</th>
          <th className="py-1 pl-2 text-right font-medium">{t("failure")}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.key} className="border-t border-neutral-100">
            <td className="max-w-48 truncate py-1.5 pr-2" title={labelFor(r)}>
              <Link href={hrefFor(r)} className={linkClass}>
                {labelFor(r)}
              </Link>
            </td>
            <td className="py-1.5" aria-hidden>
              <div className="flex h-2 overflow-hidden rounded bg-neutral-100">
                <div className="bg-accent-600" style={{ width: `${(r.success / max) * 100}%` }} />
                <div className="bg-red-600" style={{ width: `${(r.failure / max) * 100}%` }} />
              </div>
            </td>
            <td className="num py-1.5 pl-2 text-right">{formatNumber(r.success)}</td>
            <td className={cn("num py-1.5 pl-2 text-right", r.failure > 0 && "text-red-700")}>{formatNumber(r.failure)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The dashboard's security section: every chart and list opens the audit explorer (or alerts) with its filter. */
export async function SecurityPanels({ panels, series, now }: { panels: Panels; series: DailySignIns[]; now: Date }) {
  const t = await getTranslations("dashboardSecurity");
  const td = await getTranslations("dashboard");
  const { fromDay, toDay } = panels;
  const range = { from: fromDay, to: toDay };
  const maxCell = Math.max(...panels.heatmap.flat(), 1);
  const col = (k: "total" | "success" | "failure") => t(`columns.${k}`);
  const totalAlerts = SEVERITIES.reduce((n, s) => n + panels.alertsBySeverity[s], 0);
  return (
    <section aria-labelledby="security-heading" className="mt-6">
      <div className="mb-3 flex flex-wrap items-center justify-between gap-3">
        <div>
          <h2 id="security-heading" className="text-lg font-semibold">
            {t("heading")}
          </h2>
          <p className="num text-xs text-neutral-600">{t("period", { from: fromDay.replaceAll("-", "/"), to: toDay.replaceAll("-", "/") })}</p>
        </div>
        <div className="flex items-center gap-3">
          <nav aria-label={t("rangeLabel")} className="inline-flex overflow-hidden rounded-md border border-neutral-300 text-sm">
            {DASHBOARD_RANGES.map((days) => (
              <Link
                key={days}
                href={`/?range=${days}`}
                aria-current={days === panels.range ? "page" : undefined}
                className={cn("px-3 py-1", days === panels.range ? "bg-accent-600 text-white" : "bg-white hover:bg-neutral-50")}
              >
                {t("range", { days })}
              </Link>
            ))}
          </nav>
          <Link href="/audit/weekly" className={cn(linkClass, "text-sm")}>
            {t("weeklyLink")}
          </Link>
        </div>
      </div>

      <div className="grid gap-3 lg:grid-cols-3">
        <Panel
          className="lg:col-span-2"
          title={t("signInsTitle")}
          hint={t("signInsHint")}
          action={
            <Link href={auditHref(range)} className={cn(linkClass, "text-sm")}>
              {td("openAudit")}
            </Link>
          }
        >
          {series.some((d) => d.success + d.failure > 0) ? (
            <SignInsChart data={series} labels={{ success: td("success"), failure: td("failure") }} drillOutcome="failure" />
          ) : (
            <p className="py-10 text-center text-sm text-neutral-600">{td("noData")}</p>
          )}
        </Panel>
        <div className="grid gap-3">
          <Panel title={t("failureRateTitle")}>
            <Link href={auditHref({ ...range, outcome: "failure" })} className="block hover:opacity-80">
              <p className={cn("num text-3xl font-semibold", (panels.totals.failureRate ?? 0) >= 0.2 && "text-amber-700")}>
                {panels.totals.failureRate === null ? t("noRate") : percent(panels.totals.failureRate)}
              </p>
              <p className="num mt-1 text-xs text-neutral-600">
                {t("failureRateHint", { failure: formatNumber(panels.totals.failure), total: formatNumber(panels.totals.success + panels.totals.failure) })}
              </p>
            </Link>
          </Panel>
          <Panel
            title={t("alertsTitle")}
            action={
              <Link href="/alerts" className={cn(linkClass, "text-sm")}>
                {t("openList")}
              </Link>
            }
          >
            <ul className="grid grid-cols-2 gap-2">
              {SEVERITIES.map((s) => (
                <li key={s}>
                  <Link
                    href={`/alerts?severity=${s}`}
                    className="flex items-baseline justify-between rounded-md border border-neutral-200 px-3 py-2 hover:border-accent-600"
                  >
                    <span className="text-sm">{t(`severity.${s}`)}</span>
                    <span className={cn("num text-lg font-semibold", panels.alertsBySeverity[s] > 0 && (s === "critical" || s === "high") && "text-red-700")}>
                      {formatNumber(panels.alertsBySeverity[s])}
                    </span>
                  </Link>
                </li>
              ))}
            </ul>
            <p className="sr-only">{formatNumber(totalAlerts)}</p>
          </Panel>
        </div>
      </div>

      <Panel className="mt-3" title={t("heatmapTitle")} hint={t("heatmapHint")}>
        <div className="overflow-x-auto">
          <table className="w-full table-fixed border-separate border-spacing-0.5 text-[11px]">
            <thead>
              <tr>
                <th className="w-10" />
                {Array.from({ length: 24 }, (_, h) => (
                  <th key={h} scope="col" className="num font-normal text-neutral-600">
                    {h}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {panels.heatmap.map((row, wd) => (
                <tr key={wd}>
                  <th scope="row" className="pr-1 text-right font-normal text-neutral-600">
                    {t(`weekdays.${WEEKDAY_KEYS[wd]!}`)}
                  </th>
                  {row.map((count, h) => {
                    const hour = latestHourOf(wd, h, now);
                    const level = count === 0 ? 0 : Math.ceil((count / maxCell) * 5);
                    return (
                      <td key={h} className="p-0">
                        <Link
                          href={auditHref(hour)}
                          aria-label={t("heatmapCell", { weekday: t(`weekdays.${WEEKDAY_KEYS[wd]!}`), hour: h, count: formatNumber(count) })}
                          title={t("heatmapCell", { weekday: t(`weekdays.${WEEKDAY_KEYS[wd]!}`), hour: h, count: formatNumber(count) })}
                          className={cn(
                            "block h-6 rounded-sm hover:ring-2 hover:ring-accent-700",
                            ["bg-neutral-100", "bg-accent-100", "bg-[#a9c8f5]", "bg-[#6fa1ea]", "bg-accent-600", "bg-accent-800"][level],
                          )}
                        />
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </Panel>

      <div className="mt-3 grid gap-3 lg:grid-cols-2">
        <Panel title={t("offHoursTitle")} hint={t("offHoursHint")}>
          <OffHoursChart data={series.map((d) => ({ day: d.day, offHours: d.offHours }))} label={t("offHours")} />
        </Panel>
        <Panel title={t("countriesTitle")}>
          <DimTable
            rows={panels.countries}
            keyHeader={t("columns.country")}
            hrefFor={(r) => auditHref({ ...range, country: r.key })}
            labelFor={(r) => r.key}
            empty={t("none")}
            t={col}
          />
        </Panel>
        <Panel title={t("failingAccountsTitle")}>
          <DimTable
            rows={panels.failingAccounts}
            keyHeader={t("columns.account")}
            hrefFor={(r) => auditHref({ ...range, outcome: "failure", actor: r.key })}
            labelFor={(r) => r.label ?? r.key}
            empty={t("none")}
            t={col}
          />
        </Panel>
        <Panel title={t("failingIpsTitle")}>
          <DimTable
            rows={panels.failingIps}
            keyHeader={t("columns.ip")}
            hrefFor={(r) => auditHref({ ...range, outcome: "failure", ip: r.key })}
            labelFor={(r) => r.key}
            empty={t("none")}
            t={col}
          />
        </Panel>
      </div>
    </section>
  );
}
