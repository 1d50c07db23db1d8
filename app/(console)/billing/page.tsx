import type { Metadata } from "next";
import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { ChevronRight } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { Card, PageHeader } from "@/components/ui/card";
import { formatDateTime, formatDay, formatNumber } from "@/lib/format";
import { dueDateOf } from "@/lib/policy/billing";
import { getBillingProfile } from "@/lib/server/billing/get-billing-profile";
import { listStatements } from "@/lib/server/billing/list-statements";
import { load } from "@/lib/server/page";
import { BillingTabs } from "./_components/billing-tabs";
import { monthLabel } from "./_components/billing-format";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("billing"))("title") };
}

// The billing overview: this month so far (an estimate), how the organization pays, and the issued statements.
export default async function BillingPage() {
  const [data, { profile }] = await Promise.all([load(() => listStatements()), load(() => getBillingProfile())]);
  const t = await getTranslations("billing");
  const locale = await getLocale();
  const yen = (n: number) => t("yen", { value: formatNumber(n) });
  const { current } = data;
  const th = "px-3 py-2 font-medium whitespace-nowrap";
  const td = "px-3 py-2 whitespace-nowrap";
  return (
    <div className="max-w-6xl">
      <PageHeader title={t("title")} description={t("description")} />
      <BillingTabs />
      <div className="grid gap-4 lg:grid-cols-3">
        <Card className="p-4 lg:col-span-2" role="region" aria-labelledby="billing-current">
          <div className="flex flex-wrap items-start justify-between gap-3">
            <div>
              <h2 id="billing-current" className="flex items-center gap-2 text-base font-semibold">
                {t("overview.currentHeading")}
                <Badge tone="amber">{t("estimate")}</Badge>
              </h2>
              <p className="num mt-0.5 text-sm text-neutral-600">
                {t("overview.currentMonth", { month: monthLabel(current.month, locale), time: formatDateTime(new Date()) })}
              </p>
            </div>
            <Link
              href={`/billing/statements/${current.month}`}
              className="inline-flex items-center gap-0.5 text-sm font-medium text-accent-700 hover:underline"
            >
              {t("overview.viewBreakdown")}
              <ChevronRight className="size-4" aria-hidden />
            </Link>
          </div>
          <dl className="mt-4 grid grid-cols-2 gap-x-6 gap-y-3 sm:grid-cols-4">
            <div className="col-span-2 sm:col-span-3">
              <dt className="text-xs text-neutral-600">{t("overview.currentTotal")}</dt>
              <dd className="num mt-0.5 text-2xl font-semibold text-neutral-900" data-testid="estimate-total">
                {yen(current.totalYen)}
              </dd>
            </div>
            <div className="col-span-2 sm:col-span-1">
              <dt className="text-xs text-neutral-600">{t("statement.dueDate")}</dt>
              <dd className="num mt-0.5 text-sm">{formatDay(dueDateOf(current.month))}</dd>
            </div>
            <div>
              <dt className="text-xs text-neutral-600">{t("overview.subtotal")}</dt>
              <dd className="num mt-0.5 text-sm">{yen(current.subtotalYen)}</dd>
            </div>
            <div>
              <dt className="text-xs text-neutral-600">{t("overview.tax")}</dt>
              <dd className="num mt-0.5 text-sm">{yen(current.taxYen)}</dd>
            </div>
            <div>
              <dt className="text-xs text-neutral-600">{t("overview.lineCount")}</dt>
              <dd className="num mt-0.5 text-sm">{t("overview.lineCountValue", { count: current.lineCount })}</dd>
            </div>
            <div>
              <dt className="text-xs text-neutral-600">{t("overview.addons")}</dt>
              <dd className="num mt-0.5 text-sm" data-testid="estimate-addons">
                {t("gb", { value: formatNumber(current.addonGb) })}
              </dd>
            </div>
          </dl>
          <p className="mt-3 text-xs text-neutral-600">{t("overview.currentNote")}</p>
        </Card>
        <Card className="flex flex-col p-4" role="region" aria-labelledby="billing-payment">
          <h2 id="billing-payment" className="flex flex-wrap items-center gap-2 text-base font-semibold">
            {t("tabs.payment")}
            {data.paymentPending ? <Badge tone="amber">{t("overview.paymentPending")}</Badge> : null}
          </h2>
          <h3 className="mt-3 text-xs text-neutral-600">{t("overview.paymentHeading")}</h3>
          <p className="num mt-0.5 text-sm text-neutral-900" data-testid="payment-label">
            {data.paymentLabel ?? <span className="text-neutral-600">{t("overview.paymentNone")}</span>}
          </p>
          <h3 className="mt-4 text-xs text-neutral-600">{t("profile.heading")}</h3>
          {profile ? (
            <p className="mt-0.5 text-sm text-neutral-900">
              {profile.recipientName}
              <span className="block break-all text-xs text-neutral-600">{profile.invoiceEmail}</span>
            </p>
          ) : (
            <p className="mt-0.5 text-sm text-neutral-600">{t("profile.notSet")}</p>
          )}
          <Link href="/billing/payment" className="mt-auto inline-flex items-center gap-0.5 pt-3 text-sm font-medium text-accent-700 hover:underline">
            {data.canRequest && !data.paymentPending ? t("overview.paymentChange") : t("overview.paymentView")}
            <ChevronRight className="size-4" aria-hidden />
          </Link>
        </Card>
      </div>

      <section aria-labelledby="billing-statements" className="mt-6">
        <h2 id="billing-statements" className="mb-2 text-base font-semibold">
          {t("overview.statementsHeading")}
        </h2>
        {data.statements.length === 0 ? (
          <div className="rounded-lg border border-dashed border-neutral-300 bg-white px-4 py-8 text-center text-sm text-neutral-600">
            <p>{t("overview.statementsEmpty")}</p>
            <p className="mt-1 text-xs">{t("overview.statementsEmptyHint")}</p>
          </div>
        ) : (
          <div className="overflow-x-auto rounded-lg border border-neutral-200 bg-white">
            <table className="w-full text-sm">
              <thead className="border-b border-neutral-200 bg-neutral-50 text-xs text-neutral-600">
                <tr>
                  <th scope="col" className={`${th} text-left`}>
                    {t("overview.columns.month")}
                  </th>
                  <th scope="col" className={`${th} text-right`}>
                    {t("overview.columns.lines")}
                  </th>
                  <th scope="col" className={`${th} text-right`}>
                    {t("overview.columns.subtotal")}
                  </th>
                  <th scope="col" className={`${th} text-right`}>
                    {t("overview.columns.tax")}
                  </th>
                  <th scope="col" className={`${th} text-right`}>
                    {t("overview.columns.total")}
                  </th>
                  <th scope="col" className={`${th} text-left`}>
                    {t("overview.columns.dueDate")}
                  </th>
                  <th scope="col" className={`${th} text-left`}>
                    {t("overview.columns.paymentMethod")}
                  </th>
                </tr>
              </thead>
              <tbody className="divide-y divide-neutral-100">
                {data.statements.map((s) => (
                  <tr key={s.month} className="hover:bg-neutral-50">
                    <th scope="row" className={`${td} text-left font-medium`}>
                      <Link href={`/billing/statements/${s.month}`} className="text-accent-700 hover:underline">
                        {monthLabel(s.month, locale)}
                      </Link>
                    </th>
                    <td className={`${td} num text-right`}>{formatNumber(s.lineCount)}</td>
                    <td className={`${td} num text-right`}>{yen(s.subtotalYen)}</td>
                    <td className={`${td} num text-right`}>{yen(s.taxYen)}</td>
                    <td className={`${td} num text-right font-medium`}>{yen(s.totalYen)}</td>
                    <td className={`${td} num`}>{formatDay(s.dueDate)}</td>
                    <td className="px-3 py-2 text-neutral-700">{s.paymentMethodLabel ?? "—"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </div>
  );
}
