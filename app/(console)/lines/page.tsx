import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { Pagination } from "@/components/data-table/pagination";
import { PageHeader } from "@/components/ui/card";
import { hrefWith } from "@/lib/url-state";
import { listLines } from "@/lib/server/lines/list-lines";
import { load } from "@/lib/server/page";
import { LinesCsvActions } from "./_components/lines-csv-actions";
import { LinesFilters } from "./_components/lines-filters";
import { LinesTable } from "./_components/lines-table";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("lines"))("title") };
}

export default async function LinesPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const raw = await searchParams;
  const one = (k: string) => (typeof raw[k] === "string" ? (raw[k] as string) : undefined);
  const result = await load(() => listLines({ q: one("q"), status: one("status"), simType: one("simType"), holder: one("holder"), plan: one("plan"), page: one("page") }));
  const t = await getTranslations("lines");
  const { query } = result;
  const state = { q: query.q, status: query.status, simType: query.simType, holder: query.holder, plan: query.plan, page: query.page };
  return (
    <div>
      <PageHeader title={t("title")} description={t("description")} actions={<LinesCsvActions query={query} canImport={result.canManage} />} />
      <LinesFilters query={query} />
      {result.lines.length > 0 ? (
        <LinesTable rows={result.lines} now={result.now} canSeeAccounts={result.canSeeAccounts} />
      ) : (
        <div className="rounded-lg border border-dashed border-neutral-300 bg-white px-6 py-12 text-center">
          <p className="font-medium">{t("empty")}</p>
          <p className="mt-1 text-sm text-neutral-600">{t("emptyHint")}</p>
        </div>
      )}
      <Pagination page={query.page} pages={result.pages} total={result.total} pageSize={result.pageSize} hrefFor={(page) => hrefWith("/lines", state, { page }, { page: 1 })} />
    </div>
  );
}
