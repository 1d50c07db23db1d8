import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { AlertTriangle, ChevronLeft } from "lucide-react";
import { DiffTable } from "@/components/changes/diff-table";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { DetailList, type DetailItem } from "@/components/ui/detail-list";
import { formatDateTime } from "@/lib/format";
import { getChangeRequestOrThrow } from "@/lib/server/requests/get-change-request-or-throw";
import { load } from "@/lib/server/page";
import { requestStatusTone } from "../_components/request-status";
import { RequestActions } from "./_components/request-actions";

type Params = { params: Promise<{ id: string }> };

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const { id } = await params;
  const request = await load(() => getChangeRequestOrThrow({ id }));
  const t = await getTranslations("requests");
  return { title: `${t.has(`kinds.${request.kind}`) ? t(`kinds.${request.kind}`) : request.kind} (${request.targetLabel})` };
}

export default async function RequestPage({ params }: Params) {
  const { id } = await params;
  const request = await load(() => getChangeRequestOrThrow({ id }));
  const t = await getTranslations("requests");
  const kindName = t.has(`kinds.${request.kind}`) ? t(`kinds.${request.kind}`) : request.kind;
  const person = (p: { displayName: string; loginId: string } | null) =>
    p ? (
      <span>
        {p.displayName} <span className="break-all text-xs text-neutral-600">({p.loginId})</span>
      </span>
    ) : (
      "—"
    );
  const time = (d: Date | null) => <span className="num">{formatDateTime(d)}</span>;
  const items: DetailItem[] = [
    {
      label: t("detail.target"),
      value: request.targetHref ? (
        <Link href={request.targetHref} className="num text-accent-700 hover:underline">
          {request.targetLabel}
        </Link>
      ) : (
        <span className="num">{request.targetLabel || "—"}</span>
      ),
    },
    { label: t("detail.requester"), value: person(request.requestedBy) },
    { label: t("detail.filedAt"), value: time(request.createdAt) },
    { label: t("detail.reason"), value: <span className="whitespace-pre-wrap">{request.reason ?? "—"}</span> },
    ...(request.status === "approved"
      ? [
          { label: t("detail.approvedBy"), value: person(request.decidedBy) },
          { label: t("detail.approvedAt"), value: time(request.decidedAt) },
          { label: t("detail.appliedAt"), value: time(request.appliedAt) },
        ]
      : request.status === "rejected"
        ? [
            { label: t("detail.rejectedBy"), value: person(request.decidedBy) },
            { label: t("detail.rejectedAt"), value: time(request.decidedAt) },
          ]
        : request.status === "cancelled"
          ? [{ label: t("detail.cancelledAt"), value: time(request.decidedAt) }]
          : []),
    ...(request.decisionNote ? [{ label: t("detail.note"), value: <span className="whitespace-pre-wrap">{request.decisionNote}</span> }] : []),
  ];
  const pending = request.status === "pending";
  return (
    <div className="max-w-4xl">
      <Link href="/requests" className="mb-3 inline-flex items-center gap-1 text-sm text-accent-700 hover:underline">
        <ChevronLeft className="size-4" aria-hidden />
        {t("title")}
      </Link>
      <div className="mb-5 flex flex-wrap items-start justify-between gap-3">
        <div>
          <div className="flex flex-wrap items-center gap-3">
            <h1 className="text-xl font-semibold">{kindName}</h1>
            <Badge tone={requestStatusTone[request.status]}>{t(`status.${request.status}`)}</Badge>
          </div>
          <p className="num mt-1 text-sm text-neutral-700">{request.targetLabel}</p>
        </div>
        {/* Always there, so its confirmation outlives the refresh that removes the buttons. */}
        <RequestActions requestId={request.id} canDecide={request.canDecide} canCancel={request.canCancel} />
      </div>
      {pending && (request.staleFields.length > 0 || !request.targetExists) ? (
        <p role="note" className="mb-4 flex gap-2 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-950">
          <AlertTriangle className="mt-0.5 size-4 shrink-0" aria-hidden />
          {request.targetExists
            ? t("detail.stale", { fields: request.staleFields.map((f) => (t.has(`fields.${request.kind}.${f}`) ? t(`fields.${request.kind}.${f}`) : f)).join(t("detail.fieldSeparator")) })
            : t("detail.targetGone")}
        </p>
      ) : null}
      {pending ? <p className="mb-4 text-sm text-neutral-700">{request.isRequester ? t("detail.own") : t("detail.waiting")}</p> : null}
      <div className="flex flex-col gap-5">
        <section aria-labelledby="request-changes">
          <h2 id="request-changes" className="mb-2 text-base font-semibold">
            {t("detail.changes")}
          </h2>
          <DiffTable kind={request.kind} changes={request.changes} staleFields={pending ? request.staleFields : []} />
        </section>
        <Card className="p-4" role="region" aria-label={t("detail.summary")}>
          <DetailList items={items} />
        </Card>
      </div>
    </div>
  );
}
