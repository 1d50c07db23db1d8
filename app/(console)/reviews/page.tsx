import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Badge } from "@/components/ui/badge";
import { PageHeader } from "@/components/ui/card";
import { formatDateTime, formatNumber } from "@/lib/format";
import { defaultDueAt, quarterKeyOf, quarterRange } from "@/lib/policy/reviews";
import { load } from "@/lib/server/page";
import { listCampaigns } from "@/lib/server/reviews/list-campaigns";
import { campaignStatus, campaignStatusTone, quarterParts } from "./_components/campaign-text";
import { ProgressMeter } from "./_components/progress-meter";
import { ReviewsTabs } from "./_components/reviews-tabs";
import { StartCampaignDialog, type QuarterOption } from "./_components/start-campaign-dialog";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("campaigns"))("title") };
}

// The quarters a campaign is usually started for: the one before, this one, the next.
function quarterOptions(now: Date): QuarterOption[] {
  const current = quarterKeyOf(now);
  const { start, end } = quarterRange(current);
  const keys = [quarterKeyOf(new Date(start.getTime() - 86400_000)), current, quarterKeyOf(end)];
  return keys.map((key) => ({ key, defaultTitle: `${key.replace("-Q", "年 第")}四半期 アカウント棚卸し`, defaultDue: formatDateTime(defaultDueAt(key, now)) }));
}

// The campaigns, newest first: reviews:view sees them all, a reviewer those with accounts for them (the loader decides).
export default async function ReviewsPage() {
  const { campaigns, canManage, seesAll } = await load(listCampaigns);
  const t = await getTranslations("campaigns");
  const now = new Date();
  const th = "whitespace-nowrap px-3 py-2 font-medium";
  return (
    <div className="max-w-6xl">
      <PageHeader title={t("title")} description={t("description")} actions={canManage ? <StartCampaignDialog quarters={quarterOptions(now)} current={quarterKeyOf(now)} /> : null} />
      <ReviewsTabs />
      {seesAll ? null : <p className="mb-3 text-sm text-neutral-700">{t("list.reviewerNote")}</p>}
      {campaigns.length === 0 ? (
        <div className="rounded-lg border border-dashed border-neutral-300 bg-white px-6 py-12 text-center">
          <p className="font-medium">{t("list.empty")}</p>
          <p className="mx-auto mt-1 max-w-xl text-sm text-neutral-600">{canManage ? t("list.emptyManage") : t("list.emptyView")}</p>
        </div>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-neutral-200 bg-white">
          <table className="w-full text-sm">
            <thead className="bg-neutral-50 text-left text-xs text-neutral-600">
              <tr>
                <th scope="col" className={th}>
                  {t("list.columns.title")}
                </th>
                <th scope="col" className={th}>
                  {t("list.columns.quarter")}
                </th>
                <th scope="col" className={th}>
                  {t("list.columns.status")}
                </th>
                <th scope="col" className={th}>
                  {t("list.columns.due")}
                </th>
                <th scope="col" className={th}>
                  {t("list.columns.progress")}
                </th>
                <th scope="col" className={`${th} text-right`}>
                  {t("list.columns.flagged")}
                </th>
              </tr>
            </thead>
            <tbody>
              {campaigns.map((c) => {
                const status = campaignStatus(c);
                const overdue = status === "open" && c.dueAt < now;
                return (
                  <tr key={c.id} className="border-t border-neutral-100 hover:bg-neutral-50" data-testid="campaign-row">
                    <td className="px-3 py-2">
                      <Link href={`/reviews/${c.id}`} className="font-medium text-accent-700 hover:underline">
                        {c.title}
                      </Link>
                      <span className="mt-0.5 flex flex-wrap gap-1.5">
                        {c.waitingForMe > 0 && status === "open" ? (
                          <Link href={`/reviews/${c.id}?filter=mine`} className="rounded-full">
                            <Badge tone="amber">{t("list.waitingForMe", { count: formatNumber(c.waitingForMe) })}</Badge>
                          </Link>
                        ) : null}
                        {c.createdAutomatically ? <span className="text-xs text-neutral-600">{t("list.automatic")}</span> : null}
                      </span>
                    </td>
                    <td className="whitespace-nowrap px-3 py-2">{t("quarter", quarterParts(c.quarter))}</td>
                    <td className="px-3 py-2">
                      <Badge tone={campaignStatusTone[status]}>{t(`status.${status}`)}</Badge>
                    </td>
                    <td className="whitespace-nowrap px-3 py-2">
                      <span className={overdue ? "num font-medium text-red-700" : "num"}>{formatDateTime(c.dueAt)}</span>
                      {overdue ? <span className="block text-xs text-red-700">{t("list.overdue")}</span> : null}
                    </td>
                    <td className="px-3 py-2">
                      <ProgressMeter
                        done={c.decided}
                        total={c.items}
                        label={t("list.progressLabel")}
                        text={t("list.progress", { done: formatNumber(c.decided), total: formatNumber(c.items) })}
                      />
                    </td>
                    <td className="num whitespace-nowrap px-3 py-2 text-right">
                      {c.flagged > 0 ? <span className="font-medium text-amber-800">{formatNumber(c.flagged)}</span> : <span className="text-neutral-500">0</span>}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
