import Link from "next/link";
import { useTranslations } from "next-intl";
import { cn } from "@/components/ui/cn";
import { formatNumber } from "@/lib/format";
import type { Allocation, StatementLineView } from "@/lib/server/billing/statements";
import { gbText } from "./billing-format";

// A statement's two tables, on screen and on paper: the allocation by cost center (費用負担部署別) and the lines.

type Variant = "screen" | "print";
interface Totals {
  lineCount: number;
  subtotalYen: number;
  taxYen: number;
  totalYen: number;
}

export interface LineSums {
  usedGb: number;
  addonGb: number;
  planFeeYen: number;
  addonFeeYen: number;
  totalYen: number;
}

/** The lines' columns added up, for a table's total row. */
export function sumLines(lines: StatementLineView[]): LineSums {
  const sum = (f: (l: StatementLineView) => number) => lines.reduce((s, l) => s + f(l), 0);
  return {
    usedGb: sum((l) => l.usedGb),
    addonGb: sum((l) => l.addonGb),
    planFeeYen: sum((l) => l.planFeeYen),
    addonFeeYen: sum((l) => l.addonFeeYen),
    totalYen: sum((l) => l.totalYen),
  };
}

const cell = (variant: Variant) => (variant === "print" ? "border border-neutral-300 px-2 py-1" : "px-2 py-1.5 first:pl-3 last:pr-3");
const head = (variant: Variant) =>
  variant === "print"
    ? "border border-neutral-300 bg-neutral-50 px-2 py-1 text-xs font-medium text-neutral-700"
    : "px-2 py-2 text-xs font-medium text-neutral-600 first:pl-3 last:pr-3";

/** On paper a long table is set smaller (`dense`) so a line's row stays on one line. */
function Frame({ variant, children, testId, dense = false }: { variant: Variant; children: React.ReactNode; testId: string; dense?: boolean }) {
  return variant === "print" ? (
    <table className={cn("mb-5 w-full border-collapse", dense ? "text-xs" : "text-sm")} data-testid={testId}>
      {children}
    </table>
  ) : (
    // Focusable, so a table wider than the screen can be scrolled from the keyboard.
    <div className="overflow-x-auto rounded-lg border border-neutral-200 bg-white" tabIndex={0}>
      <table className="w-full text-sm" data-testid={testId}>
        {children}
      </table>
    </div>
  );
}

/** With hrefFor, each cost center links to its lines (the current one marked). */
export function AllocationTable({
  allocation,
  totals,
  variant = "screen",
  hrefFor,
  current,
}: {
  allocation: Allocation[];
  totals: Totals;
  variant?: Variant;
  hrefFor?: (costCenter: string | null) => string;
  current?: string | null;
}) {
  const t = useTranslations("billing");
  const yen = (n: number) => t("yen", { value: formatNumber(n) });
  const td = cell(variant);
  const th = head(variant);
  return (
    <Frame variant={variant} testId="allocation">
      <thead className={cn(variant === "screen" && "border-b border-neutral-200 bg-neutral-50")}>
        <tr>
          <th scope="col" className={cn(th, "text-left")}>
            {t("statement.columns.costCenter")}
          </th>
          <th scope="col" className={cn(th, "text-right whitespace-nowrap")}>
            {t("statement.columns.lines")}
          </th>
          <th scope="col" className={cn(th, "text-right whitespace-nowrap")}>
            {t("statement.columns.subtotal")}
          </th>
          <th scope="col" className={cn(th, "text-right whitespace-nowrap")}>
            {t("statement.columns.tax")}
          </th>
          <th scope="col" className={cn(th, "text-right whitespace-nowrap")}>
            {t("statement.columns.total")}
          </th>
        </tr>
      </thead>
      <tbody className={cn(variant === "screen" && "divide-y divide-neutral-100")}>
        {allocation.map((a) => (
          <tr key={a.costCenter ?? ""}>
            <th scope="row" className={cn(td, "text-left font-normal", a.costCenter === null && "text-neutral-600")}>
              {hrefFor ? (
                <Link
                  href={hrefFor(a.costCenter)}
                  aria-current={current !== undefined && current === a.costCenter ? "true" : undefined}
                  className="text-accent-700 hover:underline aria-[current=true]:font-semibold"
                >
                  {a.costCenter ?? t("statement.unset")}
                </Link>
              ) : (
                (a.costCenter ?? t("statement.unset"))
              )}
            </th>
            <td className={cn(td, "num text-right")}>{formatNumber(a.lineCount)}</td>
            <td className={cn(td, "num text-right")}>{yen(a.subtotalYen)}</td>
            <td className={cn(td, "num text-right")}>{yen(a.taxYen)}</td>
            <td className={cn(td, "num text-right")}>{yen(a.totalYen)}</td>
          </tr>
        ))}
      </tbody>
      <tfoot className={cn("font-semibold", variant === "screen" && "border-t border-neutral-300 bg-neutral-50")}>
        <tr data-testid="allocation-total">
          <th scope="row" className={cn(td, "text-left")}>
            {t("statement.totalRow")}
          </th>
          <td className={cn(td, "num text-right")}>{formatNumber(totals.lineCount)}</td>
          <td className={cn(td, "num text-right")}>{yen(totals.subtotalYen)}</td>
          <td className={cn(td, "num text-right")}>{yen(totals.taxYen)}</td>
          <td className={cn(td, "num text-right")}>{yen(totals.totalYen)}</td>
        </tr>
      </tfoot>
    </Frame>
  );
}

/** The lines shown, with a total row for `sums` (every line of the statement, or of the cost center shown). */
export function StatementLinesTable({
  lines,
  sums,
  totalLabel,
  variant = "screen",
}: {
  lines: StatementLineView[];
  sums: LineSums;
  totalLabel?: string;
  variant?: Variant;
}) {
  const t = useTranslations("billing");
  const yen = (n: number) => t("yen", { value: formatNumber(n) });
  const td = cell(variant);
  const th = head(variant);
  if (lines.length === 0) {
    return (
      <p className="rounded-lg border border-dashed border-neutral-300 bg-white px-4 py-8 text-center text-sm text-neutral-600">{t("statement.linesEmpty")}</p>
    );
  }
  const columns: { key: string; numeric: boolean }[] = [
    { key: "phone", numeric: false },
    { key: "user", numeric: false },
    { key: "costCenter", numeric: false },
    { key: "plan", numeric: false },
    { key: "usedGb", numeric: true },
    { key: "addonGb", numeric: true },
    { key: "planFee", numeric: true },
    { key: "addonFee", numeric: true },
    { key: "total", numeric: true },
  ];
  return (
    <Frame variant={variant} testId="statement-lines" dense>
      <thead className={cn(variant === "screen" && "border-b border-neutral-200 bg-neutral-50")}>
        <tr>
          {columns.map((c) => (
            <th key={c.key} scope="col" className={cn(th, "break-keep", c.numeric ? "text-right align-bottom" : "text-left align-bottom")}>
              {t(`statement.columns.${c.key}`)}
            </th>
          ))}
        </tr>
      </thead>
      <tbody className={cn(variant === "screen" && "divide-y divide-neutral-100")}>
        {lines.map((l) => (
          <tr key={`${l.phoneNumber}-${l.lineId ?? ""}`}>
            <th scope="row" className={cn(td, "num text-left font-normal whitespace-nowrap")}>
              {l.phoneNumber}
            </th>
            <td className={cn(td, "whitespace-nowrap")}>{l.userLabel ?? <span className="text-neutral-500">—</span>}</td>
            <td className={cn(td, "break-keep", l.costCenter === null && "text-neutral-600")}>{l.costCenter ?? t("statement.unset")}</td>
            <td className={cn(td, "whitespace-nowrap")}>{l.plan}</td>
            <td className={cn(td, "num text-right")}>{gbText(l.usedGb)}</td>
            <td className={cn(td, "num text-right", l.addonGb === 0 && "text-neutral-500")}>{formatNumber(l.addonGb)}</td>
            <td className={cn(td, "num text-right whitespace-nowrap")}>{yen(l.planFeeYen)}</td>
            <td className={cn(td, "num text-right whitespace-nowrap", l.addonFeeYen === 0 && "text-neutral-500")}>{yen(l.addonFeeYen)}</td>
            <td className={cn(td, "num text-right whitespace-nowrap")}>{yen(l.totalYen)}</td>
          </tr>
        ))}
      </tbody>
      <tfoot className={cn("font-semibold", variant === "screen" && "border-t border-neutral-300 bg-neutral-50")}>
        <tr>
          <th scope="row" colSpan={4} className={cn(td, "text-left")}>
            {totalLabel ?? t("statement.totalRow")}
          </th>
          <td className={cn(td, "num text-right")}>{gbText(sums.usedGb)}</td>
          <td className={cn(td, "num text-right")}>{formatNumber(sums.addonGb)}</td>
          <td className={cn(td, "num text-right whitespace-nowrap")}>{yen(sums.planFeeYen)}</td>
          <td className={cn(td, "num text-right whitespace-nowrap")}>{yen(sums.addonFeeYen)}</td>
          <td className={cn(td, "num text-right whitespace-nowrap")}>{yen(sums.totalYen)}</td>
        </tr>
      </tfoot>
    </Frame>
  );
}
