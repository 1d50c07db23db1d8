import type { Metadata } from "next";
import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { PrintButton } from "@/components/ui/print-button";
import { formatDateTime, formatDay, formatNumber } from "@/lib/format";
import { getStatement } from "@/lib/server/billing/get-statement";
import { load } from "@/lib/server/page";
import { monthLabel } from "../../../_components/billing-format";
import { AllocationTable, StatementLinesTable, sumLines } from "../../../_components/statement-tables";

type Params = { params: Promise<{ month: string }> };

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const { month } = await params;
  const { statement, organizationName } = await load(() => getStatement({ month }));
  const t = await getTranslations("billing");
  return { title: `${t("print.title")}: ${organizationName} ${monthLabel(statement.month, await getLocale())}` };
}

// Printing keeps the statement only: the console's sidebar, header and controls are left out.
const PRINT_CSS =
  "@media print { @page { size: A4 landscape; margin: 12mm; } aside, header, .print-hide { display: none !important; } main { padding: 0 !important; } .print-sheet { border: 0 !important; padding: 0 !important; } tr { break-inside: avoid; } thead { display: table-header-group; } }";

// A month's statement on paper: who is billed, the summary, the allocation by cost center and every line.
export default async function StatementPrintPage({ params }: Params) {
  const { month } = await params;
  const { statement: s, allocation, organizationName } = await load(() => getStatement({ month }));
  const t = await getTranslations("billing");
  const locale = await getLocale();
  const yen = (n: number) => t("yen", { value: formatNumber(n) });
  const totals = { lineCount: s.lineCount, subtotalYen: s.subtotalYen, taxYen: s.taxYen, totalYen: s.totalYen };
  const rows: { label: string; value: React.ReactNode }[] = [
    { label: t("print.customer"), value: organizationName },
    { label: t("print.month"), value: monthLabel(s.month, locale) },
    {
      label: s.issued ? t("statement.issuedAt") : t("statement.estimateAt"),
      value: <span className="num">{formatDateTime(s.issued ? s.issuedAt : new Date())}</span>,
    },
    { label: t("statement.dueDate"), value: <span className="num">{formatDay(s.dueDate)}</span> },
    { label: t("statement.paymentMethod"), value: s.paymentMethodLabel ?? "—" },
    { label: t("statement.lineCount"), value: <span className="num">{t("overview.lineCountValue", { count: s.lineCount })}</span> },
  ];
  const amounts: [string, number, boolean][] = [
    [t("statement.subtotal"), s.subtotalYen, false],
    [t("statement.tax", { rate: s.taxRatePercent }), s.taxYen, false],
    [t("statement.total"), s.totalYen, true],
  ];
  const th = "border border-neutral-300 bg-neutral-50 px-2 py-1 text-left text-xs font-medium text-neutral-700";
  const td = "border border-neutral-300 px-2 py-1 align-top";
  return (
    <div className="max-w-6xl print:max-w-none">
      <style>{PRINT_CSS}</style>
      <div className="print-hide mb-4 flex items-center justify-between gap-3">
        <Link href={`/billing/statements/${s.month}`} className="text-sm text-accent-700 hover:underline">
          ← {t("print.back")}
        </Link>
        <PrintButton label={t("print.print")} />
      </div>
      <div className="print-sheet rounded-lg border border-neutral-200 bg-white p-6 text-sm">
        <div className="mb-4 flex flex-wrap items-baseline justify-between gap-2 border-b border-neutral-300 pb-2">
          <h1 className="text-lg font-semibold">
            {t("print.title")}{" "}
            {s.issued ? null : <span className="ml-1 rounded border border-amber-400 px-1.5 py-0.5 text-xs font-medium text-amber-900">{t("estimate")}</span>}
          </h1>
          <span className="num text-xs text-neutral-600">{t("print.printedAt", { at: formatDateTime(new Date()) })}</span>
        </div>
        {s.issued ? null : <p className="mb-3 text-xs text-neutral-700">{t("statement.estimateNote")}</p>}
        <div className="mb-5 grid gap-4 sm:grid-cols-[1fr_18rem] print:grid-cols-[1fr_18rem]">
          <table className="w-full border-collapse">
            <tbody>
              {rows.map(({ label, value }) => (
                <tr key={label}>
                  <th scope="row" className={`${th} w-36`}>
                    {label}
                  </th>
                  <td className={td}>{value}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <table className="w-full self-start border-collapse">
            <tbody>
              {amounts.map(([label, value, strong]) => (
                <tr key={label}>
                  <th scope="row" className={th}>
                    {label}
                  </th>
                  <td className={`${td} num text-right whitespace-nowrap ${strong ? "text-base font-semibold" : ""}`}>{yen(value)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>

        <h2 className="mb-1 font-semibold">{t("statement.allocationHeading")}</h2>
        <AllocationTable allocation={allocation} totals={totals} variant="print" />

        <h2 className="mb-1 font-semibold">{t("statement.linesHeading")}</h2>
        <p className="mb-1 text-xs text-neutral-600">{t("statement.linesNote")}</p>
        <StatementLinesTable lines={s.lines} sums={sumLines(s.lines)} variant="print" />
      </div>
    </div>
  );
}
