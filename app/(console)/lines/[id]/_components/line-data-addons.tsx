import { useLocale, useTranslations } from "next-intl";
import type { ChangeMode, PendingRequestView } from "@/components/changes/change-form";
import { Card } from "@/components/ui/card";
import { formatDateTime, formatNumber } from "@/lib/format";
import { TAX_RATE_PERCENT } from "@/lib/policy/billing";
import { monthLabel } from "../../../billing/_components/billing-format";
import { DataAddonForm } from "../../../billing/_components/data-addon-form";

export interface LineAddonsView {
  month: string;
  addons: { id: string; gb: number; priceYen: number; createdAt: Date; addedBy: string | null }[];
  addedGb: number;
  limitGb: number;
  remainingGb: number;
  pendingRequest: PendingRequestView | null;
}

// 容量追加 on a line's page: what was added this month (billed on this month's statement) and the form to add more.
export function LineDataAddons({ lineId, data, mode, finished }: { lineId: string; data: LineAddonsView; mode: ChangeMode | null; finished: boolean }) {
  const t = useTranslations("billing");
  const locale = useLocale();
  const yen = (n: number) => t("yen", { value: formatNumber(n) });
  const withTax = (n: number) => Math.floor((n * (100 + TAX_RATE_PERCENT)) / 100);
  const th = "px-3 py-2 text-xs font-medium whitespace-nowrap text-neutral-600";
  return (
    <section aria-labelledby="line-addons" className="flex flex-col gap-3">
      <h2 id="line-addons" className="text-base font-semibold">
        {t("addon.heading")}
      </h2>
      <Card className="p-4" role="region" aria-label={t("addon.thisMonth", { month: monthLabel(data.month, locale) })}>
        <div className="mb-2 flex flex-wrap items-baseline justify-between gap-2">
          <h3 className="text-sm font-semibold">{t("addon.thisMonth", { month: monthLabel(data.month, locale) })}</h3>
          <p className="num text-sm text-neutral-700" data-testid="addon-summary">
            {t("addon.summary", { added: data.addedGb, limit: data.limitGb, remaining: data.remainingGb })}
          </p>
        </div>
        {data.addons.length === 0 ? (
          <p className="text-sm text-neutral-600">{t("addon.empty")}</p>
        ) : (
          <table className="w-full text-sm">
            <thead className="border-b border-neutral-200">
              <tr>
                <th scope="col" className={`${th} text-left`}>
                  {t("addon.columns.addedAt")}
                </th>
                <th scope="col" className={`${th} text-right`}>
                  {t("addon.columns.size")}
                </th>
                <th scope="col" className={`${th} text-right`}>
                  {t("addon.columns.price")}
                </th>
                <th scope="col" className={`${th} text-left`}>
                  {t("addon.columns.addedBy")}
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-neutral-100">
              {data.addons.map((a) => (
                <tr key={a.id}>
                  <td className="num px-3 py-1.5 whitespace-nowrap">{formatDateTime(a.createdAt)}</td>
                  <td className="num px-3 py-1.5 text-right">{t("gb", { value: formatNumber(a.gb) })}</td>
                  <td className="num px-3 py-1.5 text-right">{yen(withTax(a.priceYen))}</td>
                  <td className="px-3 py-1.5">{a.addedBy ?? "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Card>
      {finished ? (
        <p className="rounded-md border border-neutral-200 bg-neutral-50 px-3 py-2 text-sm text-neutral-700">{t("addon.finished")}</p>
      ) : mode ? (
        <DataAddonForm lineId={lineId} mode={mode} pendingRequest={mode === "request" ? data.pendingRequest : null} remainingGb={data.remainingGb} />
      ) : null}
    </section>
  );
}
