import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { ChevronLeft } from "lucide-react";
import { ChangeHistory } from "@/components/changes/change-history";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { DetailList, type DetailItem } from "@/components/ui/detail-list";
import { formatDateTime } from "@/lib/format";
import { getLineOrThrow } from "@/lib/server/lines/get-line-or-throw";
import { load } from "@/lib/server/page";
import { lineStatusTone } from "../_components/line-status";
import { LineSettingsForm } from "./_components/line-settings-form";

type Params = { params: Promise<{ id: string }> };

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const { id } = await params;
  const line = await load(() => getLineOrThrow({ id }));
  return { title: line.phoneNumber };
}

export default async function LinePage({ params }: Params) {
  const { id } = await params;
  const line = await load(() => getLineOrThrow({ id }));
  const t = await getTranslations();
  const mode = line.canManage ? "direct" : line.canRequest ? "request" : null;
  const items: DetailItem[] = [
    {
      label: t("lines.detail.assignee"),
      value: line.assignee ? (
        line.canSeeAccounts ? (
          <Link href={`/accounts/${line.assignee.id}`} className="text-accent-700 hover:underline">
            {line.assignee.displayName}
          </Link>
        ) : (
          line.assignee.displayName
        )
      ) : (
        <span className="text-neutral-500">{t("lines.unassigned")}</span>
      ),
    },
    { label: t("lines.detail.department"), value: line.assignee?.department ?? "—" },
    { label: t("lines.columns.plan"), value: line.plan },
    { label: t("lines.columns.dataAllowance"), value: <span className="num">{t("lines.gb", { value: line.dataAllowanceGb.toLocaleString("ja-JP") })}</span> },
    { label: t("lines.columns.roaming"), value: line.internationalRoaming ? t("lines.on") : t("lines.off") },
    { label: t("lines.columns.costCenter"), value: line.costCenter ?? "—" },
    { label: t("lines.detail.simType"), value: t(`simType.${line.simType}`) },
    { label: t("lines.detail.iccid"), value: <span className="num break-all">{line.iccid ?? "—"}</span> },
    { label: t("lines.detail.activatedAt"), value: <span className="num">{formatDateTime(line.activatedAt)}</span> },
    ...(line.mnpNumber
      ? [
          { label: t("lines.detail.mnpNumber"), value: <span className="num">{line.mnpNumber}</span> },
          { label: t("lines.detail.mnpExpiresAt"), value: <span className="num">{formatDateTime(line.mnpExpiresAt)}</span> },
        ]
      : []),
    { label: t("lines.detail.updatedAt"), value: <span className="num">{formatDateTime(line.updatedAt)}</span> },
  ];
  return (
    <div className="max-w-5xl">
      <Link href="/lines" className="mb-3 inline-flex items-center gap-1 text-sm text-accent-700 hover:underline">
        <ChevronLeft className="size-4" aria-hidden />
        {t("lines.title")}
      </Link>
      <div className="mb-5 flex flex-wrap items-center gap-3">
        <h1 className="num text-xl font-semibold">{line.phoneNumber}</h1>
        <Badge tone={lineStatusTone[line.status]}>{t(`lineStatus.${line.status}`)}</Badge>
        {line.pendingRequest ? <Badge tone="amber">{t("requests.status.pending")}</Badge> : null}
      </div>
      <div className="flex flex-col gap-5">
        <Card className="p-4" role="region" aria-label={t("lines.detail.overview")}>
          <DetailList items={items} />
        </Card>
        {mode ? (
          <LineSettingsForm
            lineId={line.id}
            mode={mode}
            values={{ plan: line.plan, dataAllowanceGb: line.dataAllowanceGb, internationalRoaming: line.internationalRoaming, costCenter: line.costCenter }}
            pendingRequest={line.pendingRequest}
          />
        ) : (
          <p className="rounded-md border border-neutral-200 bg-neutral-50 px-3 py-2 text-sm text-neutral-700">{t("requests.form.readOnly")}</p>
        )}
        <section aria-labelledby="line-history">
          <h2 id="line-history" className="mb-2 text-base font-semibold">
            {t("requests.history.heading")}
          </h2>
          <ChangeHistory kind="line_settings" events={line.history} />
        </section>
      </div>
    </div>
  );
}
