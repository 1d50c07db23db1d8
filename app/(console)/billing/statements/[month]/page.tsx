import type { Metadata } from "next";
import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { ChevronLeft, Download, Printer } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Pagination } from "@/components/data-table/pagination";
import { Card } from "@/components/ui/card";
import { formatDateTime, formatDay, formatNumber } from "@/lib/format";
import { MONTH_KEY } from "@/lib/policy/billing";
import { getStatement } from "@/lib/server/billing/get-statement";
import { load } from "@/lib/server/page";
import { BillingTabs } from "../../_components/billing-tabs";
import { monthLabel } from "../../_components/billing-format";
import { AllocationTable, StatementLinesTable, sumLines } from "../../_components/statement-tables";

type Params = { params: Promise<{ month: string }> };
type Search = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const PAGE_SIZE = 50;
/** The cost center filter's value for lines with none (未設定). */
const UNSET = "-";

// The title from the address alone: the page itself loads (and authorizes) the statement, once.
export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const { month } = await params;
  const t = await getTranslations("billing");
  return { title: MONTH_KEY.test(month) ? t("statement.title", { month: monthLabel(month, await getLocale()) }) : t("title") };
}

// One month's statement (or this month's estimate): the summary, the downloads, the allocation by cost center and the lines.
export default async function StatementPage({ params, searchParams }: Params & Search) {
  const [{ month }, query] = await Promise.all([params, searchParams]);
  const { statement: s, allocation } = await load(() => getStatement({ month }));
  const t = await getTranslations("billing");
  const locale = await getLocale();
  const yen = (n: number) => t("yen", { value: formatNumber(n) });
  const totals = { lineCount: s.lineCount, subtotalYen: s.subtotalYen, taxYen: s.taxYen, totalYen: s.totalYen };
  // The lines of one cost center (from the allocation table) and a page of them; the total row covers all pages.
  const ccParam = typeof query.costCenter === "string" && query.costCenter !== "" ? query.costCenter : null;
  const costCenter = ccParam === UNSET ? null : ccParam;
  const shown = ccParam === null ? s.lines : s.lines.filter((l) => l.costCenter === costCenter);
  const pages = Math.max(1, Math.ceil(shown.length / PAGE_SIZE));
  const page = Math.min(pages, Math.max(1, Number.parseInt(typeof query.page === "string" ? query.page : "1", 10) || 1));
  const costCenterName = ccParam === null ? null : (costCenter ?? t("statement.unset"));
  const hrefFor = (next: { costCenter?: string | null; page?: number }) => {
    const q = new URLSearchParams();
    const cc = "costCenter" in next ? next.costCenter : ccParam;
    if (cc !== null && cc !== undefined) q.set("costCenter", cc);
    if (next.page && next.page > 1) q.set("page", String(next.page));
    const search = q.toString();
    return `/billing/statements/${s.month}${search ? `?${search}` : ""}#statement-lines`;
  };
  const csv = (view: "lines" | "departments") => `/api/billing/statements/${s.month}?view=${view}`;
  const facts: { label: string; value: React.ReactNode }[] = [
    {
      label: s.issued ? t("statement.issuedAt") : t("statement.estimateAt"),
      value: <span className="num">{formatDateTime(s.issued ? s.issuedAt : new Date())}</span>,
    },
    { label: t("statement.dueDate"), value: <span className="num">{formatDay(s.dueDate)}</span> },
    { label: t("statement.paymentMethod"), value: <span data-testid="statement-payment">{s.paymentMethodLabel ?? "—"}</span> },
    { label: t("statement.lineCount"), value: <span className="num">{t("overview.lineCountValue", { count: s.lineCount })}</span> },
  ];
  return (
    <div className="max-w-6xl">
      <Link href="/billing" className="mb-3 inline-flex items-center gap-1 text-sm text-accent-700 hover:underline">
        <ChevronLeft className="size-4" aria-hidden />
        {t("statement.back")}
      </Link>
      <div className="mb-4 flex flex-wrap items-start justify-between gap-3">
        <div className="flex flex-wrap items-center gap-3">
          <h1 className="text-xl font-semibold text-neutral-900">{t("statement.title", { month: monthLabel(s.month, locale) })}</h1>
          {s.issued ? null : <Badge tone="amber">{t("estimate")}</Badge>}
        </div>
        <div className="flex flex-wrap items-center gap-2">
          <Button asChild variant="secondary" size="sm">
            <a href={csv("lines")} download>
              <Download className="size-4" aria-hidden />
              {t("statement.downloadLines")}
            </a>
          </Button>
          <Button asChild variant="secondary" size="sm">
            <a href={csv("departments")} download>
              <Download className="size-4" aria-hidden />
              {t("statement.downloadDepartments")}
            </a>
          </Button>
          <Button asChild variant="secondary" size="sm">
            <Link href={`/billing/statements/${s.month}/print`}>
              <Printer className="size-4" aria-hidden />
              {t("statement.print")}
            </Link>
          </Button>
        </div>
      </div>
      <BillingTabs />
      <div className="flex flex-col gap-6">
        <Card className="p-4" role="region" aria-label={t("statement.summary")}>
          {s.issued ? null : (
            <p className="mb-3 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-950">{t("statement.estimateNote")}</p>
          )}
          <div className="grid gap-6 md:grid-cols-[1fr_auto]">
            <dl className="grid grid-cols-1 gap-x-8 gap-y-3 text-sm sm:grid-cols-2">
              {facts.map(({ label, value }) => (
                <div key={label}>
                  <dt className="text-xs text-neutral-600">{label}</dt>
                  <dd className="mt-0.5">{value}</dd>
                </div>
              ))}
            </dl>
            <dl className="min-w-64 text-sm md:border-l md:border-neutral-200 md:pl-6">
              <div className="flex justify-between gap-6 py-1">
                <dt className="text-neutral-600">{t("statement.subtotal")}</dt>
                <dd className="num text-right">{yen(s.subtotalYen)}</dd>
              </div>
              <div className="flex justify-between gap-6 py-1">
                <dt className="text-neutral-600">{t("statement.tax", { rate: s.taxRatePercent })}</dt>
                <dd className="num text-right">{yen(s.taxYen)}</dd>
              </div>
              <div className="mt-1 flex items-baseline justify-between gap-6 border-t border-neutral-200 pt-2">
                <dt className="font-medium">{t("statement.total")}</dt>
                <dd className="num text-right text-xl font-semibold" data-testid="statement-total">
                  {yen(s.totalYen)}
                </dd>
              </div>
            </dl>
          </div>
        </Card>

        <section aria-labelledby="statement-allocation">
          <h2 id="statement-allocation" className="text-base font-semibold">
            {t("statement.allocationHeading")}
          </h2>
          <p className="mb-2 text-sm text-neutral-600">{t("statement.allocationNote")}</p>
          <AllocationTable
            allocation={allocation}
            totals={totals}
            hrefFor={(cc) => hrefFor({ costCenter: cc ?? UNSET })}
            current={ccParam === null ? undefined : costCenter}
          />
        </section>

        <section aria-labelledby="statement-lines">
          <div className="flex flex-wrap items-baseline justify-between gap-2">
            <h2 id="statement-lines" className="scroll-mt-4 text-base font-semibold">
              {costCenterName ? t("statement.linesFiltered", { costCenter: costCenterName }) : t("statement.linesHeading")}
            </h2>
            {costCenterName ? (
              <Link href={hrefFor({ costCenter: null })} className="text-sm text-accent-700 hover:underline">
                {t("statement.showAllLines")}
              </Link>
            ) : null}
          </div>
          <p className="mb-2 text-sm text-neutral-600">{t("statement.linesNote")}</p>
          <StatementLinesTable
            lines={shown.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE)}
            sums={sumLines(shown)}
            totalLabel={costCenterName ? t("statement.costCenterTotal", { costCenter: costCenterName }) : undefined}
          />
          {shown.length > PAGE_SIZE ? (
            <Pagination page={page} pages={pages} total={shown.length} pageSize={PAGE_SIZE} hrefFor={(p) => hrefFor({ page: p })} />
          ) : null}
        </section>
      </div>
    </div>
  );
}
