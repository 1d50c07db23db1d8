import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { ChevronLeft } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { DetailList } from "@/components/ui/detail-list";
import { formatDateTime } from "@/lib/format";
import { getAuditEventOrThrow } from "@/lib/server/audit/get-audit-event-or-throw";
import { load } from "@/lib/server/page";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("audit"))("eventTitle") };
}

const pretty = (value: unknown) => JSON.stringify(value ?? null, null, 2);

// One audit event with every field; a change shows its before and after side by side.
export default async function AuditEventPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const e = await load(() => getAuditEventOrThrow({ id }));
  const t = await getTranslations("audit");
  const details = (e.details ?? {}) as Record<string, unknown>;
  const { before, after, ...rest } = details;
  const hasChange = before !== undefined || after !== undefined;
  return (
    <div>
      <Link href="/audit" className="mb-3 inline-flex items-center gap-1 text-sm text-accent-700 hover:underline">
        <ChevronLeft className="size-4" aria-hidden />
        {t("title")}
      </Link>
      <div className="mb-4 flex flex-wrap items-center gap-3">
        <h1 className="font-mono text-lg font-semibold">{e.action}</h1>
        <Badge tone={e.outcome === "success" ? "green" : "red"}>{t(`outcome.${e.outcome}`)}</Badge>
      </div>
      <Card className="p-4">
        <DetailList
          items={[
            { label: t("columns.time"), value: <span className="num">{formatDateTime(e.occurredAt)}</span> },
            { label: t("columns.actor"), value: <span className="break-all">{e.actorLabel ?? "—"}</span> },
            { label: t("columns.target"), value: <span className="break-all">{[e.targetType, e.targetLabel ?? e.targetId].filter(Boolean).join(": ") || "—"}</span> },
            { label: t("reason"), value: e.reason ?? "—" },
            { label: t("columns.ip"), value: <span className="num">{e.ip ?? "—"}</span> },
            { label: t("columns.country"), value: e.country ?? "—" },
            { label: t("userAgent"), value: <span className="break-all text-xs">{e.userAgent ?? "—"}</span> },
            { label: t("eventId"), value: <span className="num">{e.id}</span> },
          ]}
        />
      </Card>
      {hasChange ? (
        <div className="mt-4 grid gap-4 md:grid-cols-2">
          {(["before", "after"] as const).map((side) => (
            <div key={side}>
              <h2 className="mb-2 text-sm font-semibold">{t(side)}</h2>
              <pre className="overflow-x-auto rounded-lg border border-neutral-200 bg-white p-3 text-xs">{pretty(side === "before" ? before : after)}</pre>
            </div>
          ))}
        </div>
      ) : null}
      {Object.keys(rest).length > 0 ? (
        <div className="mt-4">
          <h2 className="mb-2 text-sm font-semibold">{t("details")}</h2>
          <pre className="overflow-x-auto rounded-lg border border-neutral-200 bg-white p-3 text-xs">{pretty(rest)}</pre>
        </div>
      ) : null}
    </div>
  );
}
