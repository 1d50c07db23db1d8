import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Badge } from "@/components/ui/badge";
import { PageHeader } from "@/components/ui/card";
import { SimpleTable } from "@/components/ui/simple-table";
import { load } from "@/lib/server/page";
import { listTravelNotices } from "@/lib/server/travel/list-travel-notices";
import { AddNoticeForm } from "./_components/add-notice-form";
import { RevokeNoticeButton } from "./_components/revoke-notice-button";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("detections.travel"))("title") };
}

const day = (d: Date) => d.toLocaleDateString("ja-JP", { timeZone: "Asia/Tokyo", year: "numeric", month: "2-digit", day: "2-digit" });

export default async function TravelNoticesPage() {
  const { canManage, notices } = await load(() => listTravelNotices());
  const t = await getTranslations("detections");
  const tone = { active: "green", upcoming: "blue", past: "grey" } as const;
  type Notice = (typeof notices)[number];
  const columns = (withRevoke: boolean) => [
    {
      header: t("travel.columns.account"),
      cell: (n: Notice) => (
        <div>
          <div className="font-medium text-neutral-900">{n.account.displayName}</div>
          <div className="text-xs text-neutral-600">{n.account.loginId}</div>
        </div>
      ),
    },
    { header: t("travel.columns.countries"), cell: (n: Notice) => <span className="font-mono">{n.countries.join(", ")}</span> },
    { header: t("travel.columns.period"), cell: (n: Notice) => <span className="num whitespace-nowrap">{`${day(n.startsAt)} 〜 ${day(n.endsAt)}`}</span> },
    { header: t("travel.columns.note"), cell: (n: Notice) => <span className="text-neutral-700">{n.note ?? ""}</span> },
    {
      header: t("travel.columns.state"),
      cell: (n: Notice) => (
        <div className="flex items-center gap-2">
          <Badge tone={n.revokedAt ? "grey" : tone[n.state]}>{t(`travel.states.${n.revokedAt ? "revoked" : n.state}`)}</Badge>
          {withRevoke && canManage ? <RevokeNoticeButton id={n.id} /> : null}
        </div>
      ),
    },
  ];
  return (
    <div className="max-w-6xl">
      <PageHeader
        title={t("travel.title")}
        description={t("travel.description")}
        actions={
          <Link href="/security/detections" className="text-sm font-medium text-accent-700 underline-offset-2 hover:underline">
            {t("policiesLink")}
          </Link>
        }
      />
      {canManage ? <AddNoticeForm /> : <p className="mb-4 rounded-md border border-neutral-200 bg-neutral-50 px-3 py-2 text-sm text-neutral-700">{t("travel.readOnly")}</p>}
      {(["active", "upcoming", "past"] as const).map((state) => (
        <section key={state} className="mt-6" aria-labelledby={`travel-${state}`}>
          <h2 id={`travel-${state}`} className="mb-2 text-base font-semibold text-neutral-900">
            {t(`travel.sections.${state}`)}
          </h2>
          <SimpleTable columns={columns(state !== "past")} rows={notices.filter((n) => n.state === state)} rowKey={(n) => n.id} empty={t("travel.empty")} />
        </section>
      ))}
    </div>
  );
}
