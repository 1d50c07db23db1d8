import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Download } from "lucide-react";
import { PrintButton } from "@/components/ui/print-button";
import { formatDateTime, formatNumber } from "@/lib/format";
import { load } from "@/lib/server/page";
import { getCampaign } from "@/lib/server/reviews/get-campaign";
import { AppliedResult } from "../../_components/applied-result";
import { campaignStatus, quarterParts } from "../../_components/campaign-text";

type Params = { params: Promise<{ id: string }> };

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const { id } = await params;
  const { review } = await load(() => getCampaign({ id }));
  return { title: `${(await getTranslations("campaigns.report"))("title")}: ${review.title}` };
}

// Printing keeps the record only: the console's sidebar, header and controls are left out.
const PRINT_CSS =
  "@media print { aside, header, .print-hide { display: none !important; } main { padding: 0 !important; } .print-sheet { border: 0 !important; padding: 0 !important; } tr { break-inside: avoid; } @page { size: A4 landscape; margin: 12mm; } }";

// The campaign's evidence: its facts and counts, then every item — who, flags, reviewer, decision, roles affected,
// comment, who decided and when, whether by default, and when it was applied.
export default async function CampaignReportPage({ params }: Params) {
  const { id } = await params;
  const { review, counts, items, seesAll } = await load(() => getCampaign({ id }));
  const t = await getTranslations();
  const status = campaignStatus(review);
  const roleName = (g: { roleKey: string | null; roleName: string }) => (g.roleKey && t.has(`roles.${g.roleKey}`) ? t(`roles.${g.roleKey}`) : g.roleName);
  const sorted = [...items].sort((a, b) => a.snapshot.loginId.localeCompare(b.snapshot.loginId));
  const flagged = items.filter((i) => i.flags.length > 0).length;
  const rows: [string, React.ReactNode][] = [
    [t("campaigns.report.campaign"), `${review.title} (${t("campaigns.quarter", quarterParts(review.quarter))})`],
    [t("campaigns.list.columns.status"), t(`campaigns.status.${status}`)],
    [t("campaigns.detail.due"), formatDateTime(review.dueAt)],
    [t("campaigns.detail.outcome"), t(`campaigns.outcome.${review.undecidedOutcome === "revoke" ? "revoke" : "no_change"}`)],
    [t("campaigns.detail.dormantDays"), t("campaigns.detail.days", { days: formatNumber(review.dormantDays) })],
    [t("campaigns.report.createdBy"), `${formatDateTime(review.startedAt ?? review.createdAt)}${review.createdAutomatically ? ` · ${t("campaigns.report.system")}` : ""}`],
    ...(review.closedAt ? ([[t("campaigns.report.closedBy"), `${formatDateTime(review.closedAt)} · ${review.closedBy ? `${review.closedBy.displayName} (${review.closedBy.loginId})` : "—"}`]] as [string, string][]) : []),
    ...(review.appliedAt ? ([[t("campaigns.detail.appliedAt"), formatDateTime(review.appliedAt)]] as [string, string][]) : []),
    [
      t("campaigns.report.counts"),
      t("campaigns.report.countsValue", {
        total: formatNumber(counts.total),
        keep: formatNumber(counts.keep),
        revoke: formatNumber(counts.revoke),
        modify: formatNumber(counts.modify),
        undecided: formatNumber(counts.undecided),
        flagged: formatNumber(flagged),
      }),
    ],
  ];
  const th = "border border-neutral-300 bg-neutral-50 px-2 py-1 text-left text-xs font-medium text-neutral-700";
  const td = "border border-neutral-300 px-2 py-1 align-top";
  return (
    <div className="max-w-7xl print:max-w-none">
      <style>{PRINT_CSS}</style>
      <div className="print-hide mb-4 flex flex-wrap items-center justify-between gap-3">
        <Link href={`/reviews/${review.id}`} className="text-sm text-accent-700 hover:underline">
          ← {t("campaigns.report.back")}
        </Link>
        <div className="flex items-center gap-2">
          {seesAll ? (
            <a href={`/api/reviews/${review.id}/report`} className="inline-flex h-8 items-center gap-1.5 px-2 text-sm text-accent-700 hover:underline">
              <Download className="size-4" aria-hidden />
              {t("campaigns.report.csv")}
            </a>
          ) : null}
          <PrintButton label={t("campaigns.report.print")} />
        </div>
      </div>
      <div className="print-sheet rounded-lg border border-neutral-200 bg-white p-6 text-sm">
        <div className="mb-4 flex flex-wrap items-baseline justify-between gap-2 border-b border-neutral-300 pb-2">
          <h1 className="text-lg font-semibold">{t("campaigns.report.title")}</h1>
          <span className="num text-xs text-neutral-600">{t("campaigns.report.printedAt", { at: formatDateTime(new Date()) })}</span>
        </div>
        <table className="mb-5 w-full border-collapse">
          <tbody>
            {rows.map(([label, value]) => (
              <tr key={label}>
                <th scope="row" className={`${th} w-40`}>
                  {label}
                </th>
                <td className={`${td} break-words`}>{value}</td>
              </tr>
            ))}
          </tbody>
        </table>

        <h2 className="mb-1 font-semibold">{t("campaigns.report.items")}</h2>
        <table className="w-full border-collapse text-xs" data-testid="report-items">
          <thead>
            <tr>
              <th className={th}>{t("campaigns.report.person")}</th>
              <th className={th}>{t("campaigns.report.flags")}</th>
              <th className={th}>{t("campaigns.report.reviewer")}</th>
              <th className={th}>{t("campaigns.report.decision")}</th>
              <th className={th}>{t("campaigns.report.roles")}</th>
              <th className={th}>{t("campaigns.report.comment")}</th>
              <th className={th}>{t("campaigns.report.decidedBy")}</th>
              <th className={th}>{t("campaigns.report.applied")}</th>
            </tr>
          </thead>
          <tbody>
            {sorted.map((i) => {
              const s = i.snapshot;
              const chosen = s.grants.filter((g) => i.revokeGrantIds.includes(g.grantId));
              const affected =
                i.decision === "revoke"
                  ? chosen.length === 0
                    ? t("campaigns.decision.wholeAccount")
                    : chosen.map(roleName).join("、")
                  : i.decision === "modify"
                    ? `${chosen.map(roleName).join("、")} (${t("campaigns.decision.endsAt", { date: formatDateTime(i.modifyEndsAt).slice(0, 10) })})`
                    : "—";
              return (
                <tr key={i.id} data-testid="report-item" data-login-id={s.loginId}>
                  <td className={`${td} min-w-52`}>
                    {s.displayName}
                    <span className="block break-words text-neutral-600">{s.loginId}</span>
                    {s.department ? <span className="block text-neutral-600">{s.department}</span> : null}
                  </td>
                  <td className={td}>{i.flags.length ? i.flags.map((f) => t(`campaigns.flag.${f}`)).join("、") : "—"}</td>
                  <td className={`${td} whitespace-nowrap`}>{i.reviewer ? i.reviewer.displayName : t("campaigns.item.noReviewer")}</td>
                  <td className={`${td} whitespace-nowrap`}>
                    {t(`campaigns.decision.${i.decision ?? "undecided"}`)}
                    {i.byDefault ? <span className="block text-neutral-600">{t("campaigns.decision.byDefault")}</span> : null}
                  </td>
                  <td className={`${td} min-w-24`}>{affected}</td>
                  <td className={`${td} whitespace-pre-wrap break-words`}>{i.comment ?? "—"}</td>
                  <td className={td}>
                    {i.decidedAt ? (
                      <>
                        {i.byDefault ? t("campaigns.decision.byDefault") : (i.decidedByLabel ?? "—")}
                        <span className="num block text-neutral-600">{formatDateTime(i.decidedAt)}</span>
                      </>
                    ) : (
                      "—"
                    )}
                  </td>
                  <td className={td}>
                    <AppliedResult decision={i.decision} appliedAt={i.appliedAt} applyResult={i.applyResult} link={false} />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>

        <div className="mt-10 flex justify-end">
          <div className="w-72 border-t border-neutral-500 pt-1 text-xs text-neutral-600">{t("campaigns.report.signature")}</div>
        </div>
      </div>
    </div>
  );
}
