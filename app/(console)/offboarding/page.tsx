import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { PackageOpen, Plus, Search } from "lucide-react";
import { Pagination } from "@/components/data-table/pagination";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/card";
import { Input, Select } from "@/components/ui/input";
import { formatDateTime, formatDay, formatNumber } from "@/lib/format";
import { can } from "@/lib/permissions";
import { authorize } from "@/lib/server/authorize";
import { listOffboardingCases } from "@/lib/server/offboarding/list-cases";
import { listProposedCases } from "@/lib/server/offboarding/list-proposals";
import { load } from "@/lib/server/page";
import { hrefWith } from "@/lib/url-state";
import { caseStatusTone, type CaseStatus } from "./_components/offboarding-text";
import { SimReturnDaysForm } from "./_components/sim-return-days-form";
import { SubjectLabel } from "./_components/subject-label";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("offboarding"))("title") };
}

const STATUS_FILTERS = ["active", "scheduled", "in_progress", "completed", "cancelled", "all"] as const;
const DEFAULTS = { status: "active", page: 1 };

// HR's list of cases: filters and paging in the URL (a plain GET form), the newest effective time first.
export default async function OffboardingPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const raw = await searchParams;
  const one = (k: string) => (typeof raw[k] === "string" ? (raw[k] as string) : undefined);
  const result = await load(() =>
    listOffboardingCases({
      status: one("status"),
      q: one("q"),
      page: one("page"),
    }),
  );
  const actor = await load(() => authorize());
  const canStart = can(actor.permissions, "offboarding", "manage");
  const proposals = canStart ? await load(() => listProposedCases()) : [];
  const t = await getTranslations();
  const { query } = result;
  const state = { status: query.status, q: query.q, page: query.page };
  const filtered = Boolean(query.q) || query.status !== "active";
  return (
    <div>
      <PageHeader
        title={t("offboarding.title")}
        description={t("offboarding.description")}
        actions={
          <>
            <Link href="/offboarding/returns" className="inline-flex h-9 items-center gap-1.5 px-2 text-sm text-accent-700 hover:underline">
              <PackageOpen className="size-4" aria-hidden />
              {t("offboarding.returnsLink")}
            </Link>
            {canStart ? (
              <Button asChild>
                <Link href="/offboarding/new">
                  <Plus className="size-4" aria-hidden />
                  {t("offboarding.start")}
                </Link>
              </Button>
            ) : null}
          </>
        }
      />
      {proposals.length > 0 ? (
        <section aria-labelledby="offboarding-proposals" className="mb-4 rounded-lg border border-amber-300 bg-amber-50 px-4 py-3">
          <h2 id="offboarding-proposals" className="text-sm font-semibold text-amber-900">
            {t("offboarding.proposals.title", { count: formatNumber(proposals.length) })}
          </h2>
          <p className="mt-0.5 text-xs text-amber-900">{t("offboarding.proposals.hint")}</p>
          <ul className="mt-2 divide-y divide-amber-200">
            {proposals.map((p) => (
              <li key={p.accountId} className="flex flex-wrap items-center justify-between gap-2 py-1.5 text-sm">
                <span>
                  <span className="font-medium">{p.displayName}</span> <span className="text-neutral-700">{p.loginId}</span>{" "}
                  <span className="text-xs text-neutral-600">
                    {p.source === "roster"
                      ? t("offboarding.proposals.roster", { number: p.employeeNumber, date: formatDay(p.terminationDate) })
                      : t("offboarding.proposals.review", { review: p.reviewTitle ?? "—", date: formatDay(p.proposedAt) })}
                  </span>
                </span>
                <Link href={`/offboarding/new?account=${p.accountId}`} className="text-sm font-medium text-accent-700 hover:underline">
                  {t("offboarding.proposals.start")}
                </Link>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <form method="get" action="/offboarding" role="search" className="mb-3 flex flex-wrap items-end gap-2">
        <div className="min-w-56 flex-1">
          <label htmlFor="offboarding-q" className="mb-0.5 block text-xs text-neutral-600">
            {t("offboarding.filters.q")}
          </label>
          <div className="relative">
            <Search className="pointer-events-none absolute left-2.5 top-2.5 size-4 text-neutral-500" aria-hidden />
            <Input id="offboarding-q" name="q" type="search" defaultValue={query.q} placeholder={t("offboarding.filters.qPlaceholder")} className="pl-8" />
          </div>
        </div>
        <div>
          <label htmlFor="offboarding-status" className="mb-0.5 block text-xs text-neutral-600">
            {t("offboarding.filters.status")}
          </label>
          <Select id="offboarding-status" name="status" defaultValue={query.status}>
            {STATUS_FILTERS.map((s) => (
              <option key={s} value={s}>
                {s === "active" || s === "all" ? t(`offboarding.statusFilter.${s}`) : t(`offboarding.status.${s}`)}
              </option>
            ))}
          </Select>
        </div>
        <Button type="submit" variant="secondary">
          {t("common.apply")}
        </Button>
        <Link href="/offboarding" className="h-9 px-2 text-sm leading-9 text-accent-700 hover:underline">
          {t("common.clear")}
        </Link>
      </form>
      {result.rows.length === 0 ? (
        <div className="rounded-lg border border-dashed border-neutral-300 bg-white px-6 py-12 text-center">
          <p className="font-medium">{filtered ? t("offboarding.empty") : t("offboarding.emptyActive")}</p>
          <p className="mx-auto mt-1 max-w-xl text-sm text-neutral-600">{t("offboarding.emptyHint")}</p>
        </div>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-neutral-200 bg-white">
          <table className="w-full text-sm">
            <thead className="bg-neutral-50 text-left text-xs text-neutral-600">
              <tr>
                <th className="whitespace-nowrap px-3 py-2 font-medium">{t("offboarding.columns.person")}</th>
                <th className="whitespace-nowrap px-3 py-2 font-medium">{t("offboarding.columns.trigger")}</th>
                <th className="whitespace-nowrap px-3 py-2 font-medium">{t("offboarding.columns.effectiveAt")}</th>
                <th className="whitespace-nowrap px-3 py-2 font-medium">{t("offboarding.columns.status")}</th>
                <th className="whitespace-nowrap px-3 py-2 font-medium">{t("offboarding.columns.progress")}</th>
              </tr>
            </thead>
            <tbody>
              {result.rows.map((c) => {
                const closed = c.tasks.total - c.tasks.open;
                return (
                  <tr key={c.id} className="border-t border-neutral-100 hover:bg-neutral-50">
                    <td className="px-3 py-2">
                      <Link href={`/offboarding/${c.id}`} className="font-medium text-accent-700 hover:underline">
                        <SubjectLabel label={c.subjectLabel} />
                      </Link>
                    </td>
                    <td className="whitespace-nowrap px-3 py-2">{t(`offboarding.trigger.${c.trigger}`)}</td>
                    <td className="whitespace-nowrap px-3 py-1.5">
                      <span className="num block">{formatDateTime(c.effectiveAt)}</span>
                      {c.effective ? null : <span className="block text-xs text-neutral-600">{t("offboarding.notYetEffective")}</span>}
                    </td>
                    <td className="px-3 py-2">
                      <Badge tone={caseStatusTone[c.status as CaseStatus]}>{t(`offboarding.status.${c.status}`)}</Badge>
                    </td>
                    <td className="whitespace-nowrap px-3 py-2">
                      <span className="num">
                        {t("offboarding.progress", {
                          closed: formatNumber(closed),
                          total: formatNumber(c.tasks.total),
                        })}
                      </span>
                      {c.tasks.overdue > 0 ? (
                        <Badge tone="red" className="ml-2">
                          {t("offboarding.overdueCount", {
                            count: formatNumber(c.tasks.overdue),
                          })}
                        </Badge>
                      ) : null}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      <Pagination
        page={query.page}
        pages={result.pages}
        total={result.total}
        pageSize={result.pageSize}
        hrefFor={(page) => hrefWith("/offboarding", state, { page }, DEFAULTS)}
      />
      {canStart ? (
        <section aria-labelledby="offboarding-settings" className="mt-6 rounded-lg border border-neutral-200 bg-white px-4 py-3">
          <h2 id="offboarding-settings" className="mb-2 text-sm font-semibold">
            {t("offboarding.settings.title")}
          </h2>
          <SimReturnDaysForm days={result.simReturnDays} />
        </section>
      ) : null}
    </div>
  );
}
