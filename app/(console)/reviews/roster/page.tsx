import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Search, Upload } from "lucide-react";
import { Pagination } from "@/components/data-table/pagination";
import { Button } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/card";
import { Input, Select } from "@/components/ui/input";
import { formatDateTime, formatNumber } from "@/lib/format";
import { can } from "@/lib/permissions";
import { authorize } from "@/lib/server/authorize";
import { getRosterReconciliation } from "@/lib/server/hr/get-roster-reconciliation";
import { listRosterImports } from "@/lib/server/hr/list-roster-imports";
import { load } from "@/lib/server/page";
import { hrefWith } from "@/lib/url-state";
import { ReviewsTabs } from "../_components/reviews-tabs";
import { CategoryCards } from "./_components/category-cards";
import { DifferenceTable } from "./_components/difference-table";
import { ImportHistory } from "./_components/import-history";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("roster"))("title") };
}

const DEFAULTS = { category: "hr_status", page: 1 };

// Accounts against HR's roster: counts per kind of difference, one kind's rows (filters and paging in the URL), the imports.
export default async function RosterPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const raw = await searchParams;
  const one = (k: string) => (typeof raw[k] === "string" ? (raw[k] as string) : undefined);
  const result = await load(() => getRosterReconciliation({ category: one("category"), q: one("q"), hrStatus: one("hrStatus"), page: one("page") }));
  const history = await load(() => listRosterImports());
  const actor = await load(() => authorize());
  const canImport = can(actor.permissions, "offboarding", "manage");
  const t = await getTranslations("roster");
  const tc = await getTranslations("common");
  const { query } = result;
  const state = { category: query.category, q: query.q, hrStatus: query.hrStatus, page: query.page };
  const withStatus = query.category === "hr_status" || query.category === "lines";

  return (
    <div>
      <PageHeader
        title={t("title")}
        description={t("description")}
        actions={
          canImport ? (
            <Button asChild>
              <Link href="/reviews/roster/import">
                <Upload className="size-4" aria-hidden />
                {t("importButton")}
              </Link>
            </Button>
          ) : null
        }
      />
      <ReviewsTabs />
      {!result.rosterLoaded ? (
        <div className="rounded-lg border border-dashed border-neutral-300 bg-white px-6 py-12 text-center" data-testid="roster-empty">
          <p className="font-medium">{t("noRoster.title")}</p>
          <p className="mx-auto mt-1 max-w-xl text-sm text-neutral-600">{t("noRoster.body")}</p>
          {canImport ? (
            <Button asChild className="mt-4">
              <Link href="/reviews/roster/import">{t("importButton")}</Link>
            </Button>
          ) : (
            <p className="mt-1 text-sm text-neutral-600">{t("noRoster.askHr")}</p>
          )}
        </div>
      ) : (
        <>
          <p className="mb-3 text-sm text-neutral-700" data-testid="roster-current">
            {result.latestImport
              ? t("current", { count: formatNumber(result.rosterSize), date: formatDateTime(result.latestImport.createdAt), file: result.latestImport.fileName })
              : t("currentNoImport", { count: formatNumber(result.rosterSize) })}
          </p>
          <CategoryCards counts={result.counts} terminatedCount={result.terminatedCount} current={query.category} />
          <section aria-labelledby="roster-differences" className="mt-5">
            <h2 id="roster-differences" className="text-base font-semibold">
              {t(`categories.${query.category}`)}
            </h2>
            <p className="mb-3 text-sm text-neutral-600">{t(`hints.${query.category}`)}</p>
            <form method="get" action="/reviews/roster" role="search" className="mb-3 flex flex-wrap items-end gap-2">
              <input type="hidden" name="category" value={query.category} />
              <div className="min-w-56 flex-1">
                <label htmlFor="roster-q" className="mb-0.5 block text-xs text-neutral-600">
                  {t("filters.q")}
                </label>
                <div className="relative">
                  <Search className="pointer-events-none absolute left-2.5 top-2.5 size-4 text-neutral-500" aria-hidden />
                  <Input id="roster-q" name="q" type="search" defaultValue={query.q} placeholder={t("filters.qPlaceholder")} className="pl-8" />
                </div>
              </div>
              {withStatus ? (
                <div>
                  <label htmlFor="roster-hr-status" className="mb-0.5 block text-xs text-neutral-600">
                    {t("filters.hrStatus")}
                  </label>
                  <Select id="roster-hr-status" name="hrStatus" defaultValue={query.hrStatus ?? ""}>
                    <option value="">{t("filters.all")}</option>
                    {(["terminated", "leave", "seconded"] as const).map((s) => (
                      <option key={s} value={s}>
                        {t(`employmentStatus.${s}`)}
                      </option>
                    ))}
                  </Select>
                </div>
              ) : null}
              <Button type="submit" variant="secondary">
                {tc("apply")}
              </Button>
              <Link href={hrefWith("/reviews/roster", { category: query.category }, {}, DEFAULTS)} className="h-9 px-2 text-sm leading-9 text-accent-700 hover:underline">
                {tc("clear")}
              </Link>
            </form>
            <DifferenceTable category={query.category} rows={result.rows} empty={result.counts[query.category] === 0 ? t(`empty.${query.category}`) : t("emptyFiltered")} />
            <Pagination
              page={query.page}
              pages={result.pages}
              total={result.total}
              pageSize={result.pageSize}
              hrefFor={(page) => hrefWith("/reviews/roster", state, { page }, DEFAULTS)}
            />
          </section>
        </>
      )}
      <ImportHistory imports={history.imports} total={history.total} />
    </div>
  );
}
