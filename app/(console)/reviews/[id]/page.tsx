import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Download, FileText } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { cn } from "@/components/ui/cn";
import { formatDateTime, formatNumber } from "@/lib/format";
import { REVIEW_FLAGS } from "@/lib/policy/reviews";
import { REVIEW_ITEM_FILTERS } from "@/lib/schemas/reviews";
import { load } from "@/lib/server/page";
import { getCampaign } from "@/lib/server/reviews/get-campaign";
import { campaignStatus, campaignStatusTone, flagTone, quarterParts } from "../_components/campaign-text";
import { CloseCampaignButton, ResumeApplyPanel } from "../_components/close-campaign";
import { ItemsTable } from "../_components/items-table";
import { ProgressMeter } from "../_components/progress-meter";
import { ReassignReviewer } from "../_components/reassign-reviewer";
import { ReviewsTabs } from "../_components/reviews-tabs";

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { id } = await params;
  const { review } = await load(() => getCampaign({ id }));
  return { title: review.title };
}

// One campaign: its settings and progress, the items (filtered in the URL) and, for reviews:manage, closing it.
export default async function CampaignPage({ params, searchParams }: Props) {
  const { id } = await params;
  const { filter: rawFilter } = await searchParams;
  const data = await load(() => getCampaign({ id, filter: typeof rawFilter === "string" ? rawFilter : undefined }));
  const { review, counts, progress, items, filter, seesAll, canManage } = data;
  const t = await getTranslations("campaigns");
  const status = campaignStatus(review);
  const open = review.status === "open";
  const decided = counts.total - counts.undecided;
  const now = new Date();
  const today = new Date(now.getTime() + 9 * 3600_000).toISOString().slice(0, 10);
  const facts: [string, React.ReactNode][] = [
    [t("detail.quarter"), t("quarter", quarterParts(review.quarter))],
    [t("detail.due"), <span key="due" className={cn("num", open && review.dueAt < now && "font-medium text-red-700")}>{formatDateTime(review.dueAt)}</span>],
    [t("detail.outcome"), t(`outcome.${review.undecidedOutcome === "revoke" ? "revoke" : "no_change"}`)],
    [t("detail.dormantDays"), t("detail.days", { days: formatNumber(review.dormantDays) })],
    [t("detail.fallbackReviewer"), review.fallbackReviewer ? `${review.fallbackReviewer.displayName} (${review.fallbackReviewer.loginId})` : "—"],
    [t("detail.startedAt"), `${formatDateTime(review.startedAt ?? review.createdAt)}${review.createdAutomatically ? ` (${t("detail.automatic")})` : ""}`],
    ...(review.closedAt ? ([[t("detail.closedAt"), `${formatDateTime(review.closedAt)}${review.closedBy ? ` · ${review.closedBy.displayName}` : ""}`]] as [string, string][]) : []),
    ...(review.appliedAt ? ([[t("detail.appliedAt"), formatDateTime(review.appliedAt)]] as [string, string][]) : []),
  ];
  const chip = (f: string) =>
    cn(
      "inline-flex h-8 items-center rounded-full border px-3 text-sm",
      f === filter ? "border-accent-600 bg-accent-50 font-medium text-accent-800" : "border-neutral-300 bg-white text-neutral-700 hover:bg-neutral-100",
    );
  return (
    <div>
      <Link href="/reviews" className="text-sm text-accent-700 hover:underline">
        ← {t("detail.back")}
      </Link>
      <div className="mb-4 mt-2 flex flex-wrap items-start justify-between gap-3">
        <div className="flex flex-wrap items-center gap-2">
          <h1 className="text-xl font-semibold text-neutral-900">{review.title}</h1>
          <Badge tone={campaignStatusTone[status]} data-testid="campaign-status">
            {t(`status.${status}`)}
          </Badge>
        </div>
        <div className="flex flex-wrap items-center gap-2">
          <Link href={`/reviews/${review.id}/report`} className="inline-flex h-9 items-center gap-1.5 px-2 text-sm text-accent-700 hover:underline">
            <FileText className="size-4" aria-hidden />
            {t("detail.report")}
          </Link>
          {seesAll ? (
            <a href={`/api/reviews/${review.id}/report`} className="inline-flex h-9 items-center gap-1.5 px-2 text-sm text-accent-700 hover:underline">
              <Download className="size-4" aria-hidden />
              {t("detail.csv")}
            </a>
          ) : null}
          {canManage && open ? (
            <CloseCampaignButton
              reviewId={review.id}
              undecided={counts.undecided}
              revoke={counts.revoke}
              modify={counts.modify}
              outcome={review.undecidedOutcome === "revoke" ? "revoke" : "no_change"}
            />
          ) : null}
        </div>
      </div>
      <ReviewsTabs />
      {canManage && review.status === "closed" && !review.appliedAt ? <ResumeApplyPanel reviewId={review.id} done={progress.done} total={progress.total} /> : null}
      <section aria-label={t("detail.progressLabel")} className="mb-4 grid gap-4 rounded-lg border border-neutral-200 bg-white p-4 lg:grid-cols-[1fr_18rem]">
        <dl className="grid grid-cols-1 gap-x-6 gap-y-2 text-sm sm:grid-cols-2 xl:grid-cols-3">
          {facts.map(([label, value]) => (
            <div key={label}>
              <dt className="text-xs text-neutral-600">{label}</dt>
              <dd className="mt-0.5">{value}</dd>
            </div>
          ))}
        </dl>
        <div className="lg:border-l lg:border-neutral-200 lg:pl-4">
          <p className="text-xs text-neutral-600">{t("detail.progressLabel")}</p>
          <ProgressMeter
            className="mt-1"
            wide
            done={decided}
            total={counts.total}
            label={t("detail.progressLabel")}
            text={t("detail.progress", { done: formatNumber(decided), total: formatNumber(counts.total) })}
          />
          <p className="num mt-2 text-xs text-neutral-700" data-testid="campaign-counts">
            {t("detail.counts", { keep: formatNumber(counts.keep), revoke: formatNumber(counts.revoke), modify: formatNumber(counts.modify), undecided: formatNumber(counts.undecided) })}
          </p>
        </div>
      </section>
      {open ? null : <p className="mb-3 rounded-md border border-neutral-200 bg-neutral-50 px-3 py-2 text-sm text-neutral-700">{t("detail.readOnly")}</p>}
      {seesAll ? null : <p className="mb-3 text-sm text-neutral-700">{t("detail.reviewerNote")}</p>}
      {canManage && open ? <ReassignReviewer reviewId={review.id} /> : null}
      <div className="mb-3 flex flex-wrap items-center justify-between gap-2">
        <nav aria-label={t("filters.label")} className="flex flex-wrap gap-2">
          {REVIEW_ITEM_FILTERS.map((f) => (
            <Link key={f} href={f === "all" ? `/reviews/${review.id}` : `/reviews/${review.id}?filter=${f}`} aria-current={f === filter ? "page" : undefined} className={chip(f)}>
              {t(`filters.${f}`)}
            </Link>
          ))}
        </nav>
        <span className="text-xs text-neutral-600">{t("detail.shown", { count: formatNumber(items.length) })}</span>
      </div>
      <details className="mb-3 text-sm">
        <summary className="cursor-pointer text-accent-700">{t("detail.legend")}</summary>
        <dl className="mt-2 grid gap-x-4 gap-y-1.5 rounded-md border border-neutral-200 bg-white p-3 sm:grid-cols-[auto_1fr]">
          {REVIEW_FLAGS.map((f) => (
            <div key={f} className="contents">
              <dt>
                <Badge tone={flagTone[f]}>{t(`flag.${f}`)}</Badge>
              </dt>
              <dd className="text-neutral-700">{t(`flagHint.${f}`, { days: review.dormantDays })}</dd>
            </div>
          ))}
        </dl>
      </details>
      <ItemsTable reviewId={review.id} items={items} open={open} dormantDays={review.dormantDays} today={today} />
    </div>
  );
}
