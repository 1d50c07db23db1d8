import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { formatDateTime, formatNumber } from "@/lib/format";
import { addDays, auditHref } from "@/lib/policy/security-dashboard";
import { getWeeklyAudit } from "@/lib/server/weekly-audit/get-weekly-audit";
import { load } from "@/lib/server/page";
import { PrintButton } from "@/components/ui/print-button";
import { SignOffForm } from "./_components/sign-off-form";

export async function generateMetadata({ params }: { params: Promise<{ week: string }> }): Promise<Metadata> {
  const { week } = await params;
  return { title: `${(await getTranslations("weeklyAudit"))("title")} ${week}` };
}

const slash = (day: string) => day.replaceAll("-", "/");
const percent = (rate: number | null) => (rate === null ? "—" : `${(rate * 100).toFixed(1)}%`);
const linkClass = "text-accent-700 underline-offset-2 hover:underline";
// Printing keeps the week's figures and its sign-off: the console's sidebar, header and controls are left out.
const PRINT_CSS = "@media print { aside, header, .print-hide { display: none !important; } main { padding: 0 !important; } }";

function Figure({ label, value, sub, href }: { label: string; value: string; sub?: string; href?: string }) {
  const body = (
    <>
      <p className="text-sm text-neutral-600">{label}</p>
      <p className="num mt-1 text-2xl font-semibold">{value}</p>
      {sub ? <p className="mt-1 text-xs text-neutral-600">{sub}</p> : null}
    </>
  );
  return href ? (
    <Link href={href} className="block rounded-lg border border-neutral-200 bg-white p-4 hover:border-accent-600">
      {body}
    </Link>
  ) : (
    <div className="rounded-lg border border-neutral-200 bg-white p-4">{body}</div>
  );
}

// One week of the weekly log audit, printable, with its sign-off.
export default async function WeeklyAuditPage({
  params,
  searchParams,
}: {
  params: Promise<{ week: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { week } = await params;
  const { page } = await searchParams;
  const data = await load(() => getWeeklyAudit({ week, page: typeof page === "string" ? page : undefined }));
  const t = await getTranslations("weeklyAudit");
  const tAll = await getTranslations();
  const kindName = (kind: string) => (tAll.has(`detections.rules.${kind}.name`) ? tAll(`detections.rules.${kind}.name`) : kind);
  const f = data.figures;
  const weekEnd = addDays(week, 6);
  const range = { from: week, to: weekEnd };
  const baseline = (v: { baseline: number | null; ratio: number | null }, fmt: (n: number) => string) =>
    v.baseline === null ? t("vsBaselineNone") : `${t("vsBaseline", { baseline: fmt(v.baseline) })}${v.ratio === null ? "" : ` · ${t("ratio", { ratio: v.ratio.toFixed(1) })}`}`;
  const lastPage = Math.max(1, Math.ceil(data.lateNight.total / data.lateNight.pageSize));
  const firstRow = (data.lateNight.page - 1) * data.lateNight.pageSize;
  return (
    <div>
      <style>{PRINT_CSS}</style>
      <div className="mb-5 flex flex-wrap items-start justify-between gap-3">
        <div>
          <Link href="/audit/weekly" className={cn(linkClass, "print-hide text-sm")}>
            ← {t("back")}
          </Link>
          <h1 className="mt-1 flex flex-wrap items-center gap-2 text-xl font-semibold text-neutral-900">
            <span className="num">{t("weekTitle", { from: slash(week), to: slash(weekEnd) })}</span>
            {data.inProgress ? <Badge tone="grey">{t("inProgress")}</Badge> : data.review ? <Badge tone="green">{t("signed")}</Badge> : <Badge tone="amber">{t("unsigned")}</Badge>}
          </h1>
          <p className="mt-1 text-sm text-neutral-600">{data.organizationName}</p>
        </div>
        <div className="print-hide">
          <PrintButton label={t("print")} />
        </div>
      </div>

      <h2 className="mb-2 font-semibold">{t("figures")}</h2>
      <div className="grid grid-cols-2 gap-3 lg:grid-cols-5">
        <Figure label={t("signIns")} value={formatNumber(f.signIns)} href={auditHref(range)} />
        <Figure
          label={t("failures")}
          value={formatNumber(f.failures)}
          sub={baseline(f.failuresVsBaseline, (n) => formatNumber(Math.round(n)))}
          href={auditHref({ ...range, outcome: "failure" })}
        />
        <Figure label={t("failureRate")} value={percent(f.failureRate)} sub={baseline(f.rateVsBaseline, (n) => percent(n))} />
        <Figure label={t("offHours")} value={formatNumber(f.offHours)} />
        <Figure label={t("lateNight")} value={formatNumber(f.lateNight)} />
      </div>

      <Card className="mt-3 p-4">
        <h2 className="mb-2 font-semibold">{t("previousWeeks")}</h2>
        <table className="w-full text-sm">
          <thead className="text-left text-xs text-neutral-600">
            <tr>
              <th className="py-1 font-medium">{t("columns.week")}</th>
              <th className="py-1 text-right font-medium">{t("columns.signIns")}</th>
              <th className="py-1 text-right font-medium">{t("columns.failures")}</th>
              <th className="py-1 text-right font-medium">{t("columns.rate")}</th>
            </tr>
          </thead>
          <tbody>
            {[...f.previous, { weekStart: week, signIns: f.signIns, failures: f.failures, failureRate: f.failureRate }].map((w) => (
              <tr key={w.weekStart} className={cn("border-t border-neutral-100", w.weekStart === week && "font-semibold")}>
                <td className="num py-1.5">
                  {slash(w.weekStart)} 〜 {slash(addDays(w.weekStart, 6))}
                </td>
                <td className="num py-1.5 text-right">{formatNumber(w.signIns)}</td>
                <td className="num py-1.5 text-right">{formatNumber(w.failures)}</td>
                <td className="num py-1.5 text-right">{percent(w.failureRate)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Card>

      <div className="mt-3 grid gap-3 lg:grid-cols-2">
        <Card className="p-4">
          <h2 className="mb-2 font-semibold">{t("newCountriesTitle")}</h2>
          {f.newCountries.length === 0 ? (
            <p className="text-sm text-neutral-600">{t("newCountriesEmpty")}</p>
          ) : (
            <ul className="flex flex-wrap gap-2">
              {f.newCountries.map((c) => (
                <li key={c}>
                  <Link href={auditHref({ ...range, country: c })} className="inline-block rounded-md border border-neutral-300 px-2 py-1 text-sm hover:border-accent-600">
                    {c}
                  </Link>
                </li>
              ))}
            </ul>
          )}
        </Card>
        <Card className="p-4">
          <h2 className="mb-2 font-semibold">{t("alertsTitle")}</h2>
          {f.alerts.length === 0 ? (
            <p className="text-sm text-neutral-600">{t("alertsEmpty")}</p>
          ) : (
            <table className="w-full text-sm">
              <thead className="text-left text-xs text-neutral-600">
                <tr>
                  <th className="py-1 font-medium">{t("alertColumns.kind")}</th>
                  <th className="py-1 font-medium">{t("alertColumns.status")}</th>
                  <th className="py-1 text-right font-medium">{t("alertColumns.count")}</th>
                </tr>
              </thead>
              <tbody>
                {f.alerts.map((a) => (
                  <tr key={`${a.kind}|${a.status}`} className="border-t border-neutral-100">
                    <td className="py-1.5">
                      <Link href={`/alerts?kind=${encodeURIComponent(a.kind)}`} className={linkClass}>
                        {kindName(a.kind)}
                      </Link>
                    </td>
                    <td className="py-1.5">{t.has(`alertStatus.${a.status}`) ? t(`alertStatus.${a.status}`) : a.status}</td>
                    <td className="num py-1.5 text-right">{formatNumber(a.count)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </Card>
      </div>

      <Card className="mt-3 p-4">
        <h2 className="mb-2 font-semibold">{t("lateNightTitle")}</h2>
        {data.lateNight.rows.length === 0 ? (
          <p className="text-sm text-neutral-600">{t("lateNightEmpty")}</p>
        ) : (
          <>
            <table className="w-full text-sm">
              <thead className="text-left text-xs text-neutral-600">
                <tr>
                  <th className="py-1 font-medium">{t("lateNightColumns.time")}</th>
                  <th className="py-1 font-medium">{t("lateNightColumns.account")}</th>
                  <th className="py-1 font-medium">{t("lateNightColumns.ip")}</th>
                  <th className="py-1 font-medium">{t("lateNightColumns.country")}</th>
                </tr>
              </thead>
              <tbody>
                {data.lateNight.rows.map((r) => (
                  <tr key={r.id} className="border-t border-neutral-100">
                    <td className="py-1.5">
                      <Link href={`/audit/${r.id}`} className={cn(linkClass, "num whitespace-nowrap")}>
                        {formatDateTime(r.occurredAt)}
                      </Link>
                    </td>
                    <td className="max-w-64 truncate py-1.5">{r.actorLabel ?? "—"}</td>
                    <td className="num py-1.5">{r.ip ?? "—"}</td>
                    <td className="py-1.5">{r.country ?? "—"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <div className="print-hide mt-2 flex items-center justify-end gap-3 text-sm">
              <span className="num text-neutral-600">
                {t("page", { from: formatNumber(firstRow + 1), to: formatNumber(firstRow + data.lateNight.rows.length), total: formatNumber(data.lateNight.total) })}
              </span>
              {data.lateNight.page > 1 ? (
                <Link href={`/audit/weekly/${week}?page=${data.lateNight.page - 1}`} className={linkClass}>
                  {t("prev")}
                </Link>
              ) : null}
              {data.lateNight.page < lastPage ? (
                <Link href={`/audit/weekly/${week}?page=${data.lateNight.page + 1}`} className={linkClass}>
                  {t("next")}
                </Link>
              ) : null}
            </div>
          </>
        )}
      </Card>

      <Card className="mt-3 p-4">
        <h2 className="mb-2 font-semibold">{t("signOff.title")}</h2>
        {data.review ? (
          <div className="text-sm">
            <p>
              <Badge tone="green">{t("signed")}</Badge>{" "}
              <span data-testid="signed-by">{t("signedBy", { name: data.review.signedByLabel, at: formatDateTime(data.review.signedAt) })}</span>
            </p>
            {data.review.note ? <p className="mt-2 whitespace-pre-wrap text-neutral-800">{t("signOff.signedNote", { note: data.review.note })}</p> : null}
          </div>
        ) : data.inProgress ? (
          <p className="text-sm text-neutral-600">{t("signOff.notEnded")}</p>
        ) : data.canSignOff ? (
          <div className="print-hide max-w-xl">
            <SignOffForm week={week} />
          </div>
        ) : (
          <p className="text-sm text-neutral-600">{t("signOff.cannot")}</p>
        )}
      </Card>
    </div>
  );
}
