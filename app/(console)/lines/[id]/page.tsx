import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { ChevronLeft } from "lucide-react";
import { Badge, accountStatusTone } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { DetailList, type DetailItem } from "@/components/ui/detail-list";
import { NoticeProvider } from "@/components/ui/notice";
import { formatDateTime } from "@/lib/format";
import { isMnpExpired } from "@/lib/policy/lines";
import { listLineAddons } from "@/lib/server/billing/list-line-addons";
import { getLineOrThrow } from "@/lib/server/lines/get-line-or-throw";
import { load } from "@/lib/server/page";
import { lineStatusTone } from "../_components/line-status";
import { DisposeLineButton } from "./_components/dispose-line-button";
import { LineAssignmentForm } from "./_components/line-assignment-form";
import { LineDataAddons } from "./_components/line-data-addons";
import { LineHistory } from "./_components/line-history";
import { LineSettingsForm } from "./_components/line-settings-form";
import { LineStateActions } from "./_components/line-state-actions";

type Params = { params: Promise<{ id: string }> };

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const { id } = await params;
  const line = await load(() => getLineOrThrow({ id }));
  return { title: line.phoneNumber };
}

export default async function LinePage({ params }: Params) {
  const { id } = await params;
  const [line, addons] = await Promise.all([load(() => getLineOrThrow({ id })), load(() => listLineAddons({ id }))]);
  const t = await getTranslations();
  const mode = line.canManage ? "direct" : line.canRequest ? "request" : null;
  const finished = line.status === "cancelled" || line.status === "ported_out";
  const mnpExpired = isMnpExpired(line.mnpExpiresAt, line.now);
  const num = (text: string) => <span className="num">{text}</span>;
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
    { label: t("lines.detail.holderLoginId"), value: line.assignee ? <span className="break-all">{line.assignee.loginId}</span> : "—" },
    ...(line.assignee
      ? [{ label: t("lines.detail.holderStatus"), value: <Badge tone={accountStatusTone[line.assignee.status]}>{t(`status.${line.assignee.status}`)}</Badge> }]
      : []),
    { label: t("lines.detail.department"), value: line.assignee?.department ?? "—" },
    { label: t("lines.detail.iccid"), value: <span className="num break-all">{line.iccid ?? "—"}</span> },
    { label: t("lines.detail.simType"), value: t(`simType.${line.simType}`) },
    { label: t("lines.detail.plan"), value: line.plan },
    { label: t("lines.detail.dataAllowance"), value: num(t("lines.gb", { value: line.dataAllowanceGb.toLocaleString("ja-JP") })) },
    { label: t("lines.detail.roaming"), value: line.internationalRoaming ? t("lines.on") : t("lines.off") },
    { label: t("lines.detail.costCenter"), value: line.costCenter ?? "—" },
    { label: t("lines.detail.mnpNumber"), value: line.mnpNumber ? num(line.mnpNumber) : <span className="text-neutral-500">{t("lines.detail.mnpNone")}</span> },
    ...(line.mnpNumber
      ? [
          {
            label: t("lines.detail.mnpExpiresAt"),
            value: (
              <span className={mnpExpired ? "num text-red-700" : "num"}>
                {formatDateTime(line.mnpExpiresAt)}
                {mnpExpired ? (
                  <Badge tone="red" className="ml-2">
                    {t("lines.mnpExpired")}
                  </Badge>
                ) : null}
              </span>
            ),
          },
        ]
      : []),
    { label: t("lines.detail.statementsExportedAt"), value: line.statementsExportedAt ? num(formatDateTime(line.statementsExportedAt)) : <span className="text-neutral-500">{t("lines.detail.notExported")}</span> },
    { label: t("lines.detail.activatedAt"), value: num(formatDateTime(line.activatedAt)) },
    { label: t("lines.detail.updatedAt"), value: num(formatDateTime(line.updatedAt)) },
  ];
  return (
    <NoticeProvider>
      <div className="max-w-5xl">
        <Link href="/lines" className="mb-3 inline-flex items-center gap-1 text-sm text-accent-700 hover:underline">
          <ChevronLeft className="size-4" aria-hidden />
          {t("lines.title")}
        </Link>
        <div className="mb-5 flex flex-wrap items-center gap-3">
          <h1 className="num text-xl font-semibold">{line.phoneNumber}</h1>
          <Badge tone={lineStatusTone[line.status]}>{t(`lineStatus.${line.status}`)}</Badge>
          {line.pendingRequest || line.pendingAssignment ? <Badge tone="amber">{t("requests.status.pending")}</Badge> : null}
          {line.canManage && !finished && line.status !== "returned" ? (
            <div className="ml-auto">
              <DisposeLineButton lineId={line.id} phoneNumber={line.phoneNumber} />
            </div>
          ) : null}
        </div>
        <div className="flex flex-col gap-5">
          <Card className="p-4" role="region" aria-label={t("lines.detail.overview")}>
            <DetailList items={items} />
          </Card>
          {mode && !finished ? (
            <LineAssignmentForm lineId={line.id} mode={mode} holderLoginId={line.assignee?.loginId ?? null} pendingRequest={line.pendingAssignment} />
          ) : null}
          {line.canManage ? (
            <LineStateActions
              line={{ id: line.id, phoneNumber: line.phoneNumber, status: line.status, allowed: line.allowedChanges, mnpNumber: line.mnpNumber, mnpExpiresAt: line.mnpExpiresAt }}
            />
          ) : null}
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
          <LineDataAddons lineId={line.id} data={addons} mode={mode} finished={finished} />
          <section aria-labelledby="line-history">
            <h2 id="line-history" className="text-base font-semibold">
              {t("requests.history.heading")}
            </h2>
            <p className="mb-2 text-sm text-neutral-600">{t("lines.history.description")}</p>
            <LineHistory events={line.history} />
          </section>
        </div>
      </div>
    </NoticeProvider>
  );
}
