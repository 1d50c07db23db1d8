import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Pagination } from "@/components/data-table/pagination";
import { PageHeader } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { Select } from "@/components/ui/input";
import { Button } from "@/components/ui/button";
import { REQUEST_STATUSES, REQUEST_VIEWS } from "@/lib/schemas/requests";
import { hrefWith } from "@/lib/url-state";
import { listChangeRequests } from "@/lib/server/requests/list-change-requests";
import { load } from "@/lib/server/page";
import { RequestsTable } from "./_components/requests-table";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("requests"))("title") };
}

export default async function RequestsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const raw = await searchParams;
  const one = (k: string) => (typeof raw[k] === "string" ? (raw[k] as string) : undefined);
  const result = await load(() => listChangeRequests({ view: one("view"), status: one("status"), page: one("page") }));
  const t = await getTranslations();
  const { query } = result;
  const state = { view: query.view, status: query.status, page: query.page };
  const views = REQUEST_VIEWS.filter((v) => v !== "decide" || result.canDecide);
  return (
    <div>
      <PageHeader title={t("requests.title")} description={t("requests.description")} />
      <div className="mb-3 flex flex-wrap items-end justify-between gap-3 border-b border-neutral-200">
        <nav aria-label={t("requests.views.label")} className="-mb-px flex gap-1 overflow-x-auto">
          {views.map((view) => {
            const current = view === query.view;
            return (
              <Link
                key={view}
                href={hrefWith("/requests", {}, { view })}
                aria-current={current ? "page" : undefined}
                className={cn(
                  "inline-flex items-center gap-1.5 border-b-2 px-3 py-2 text-sm whitespace-nowrap",
                  current ? "border-accent-600 font-medium text-accent-800" : "border-transparent text-neutral-600 hover:text-neutral-900",
                )}
              >
                {t(`requests.views.${view}`)}
                {view === "decide" && result.waiting > 0 ? (
                  <span className="num rounded-full bg-amber-100 px-1.5 text-xs font-medium text-amber-900">{result.waiting.toLocaleString("ja-JP")}</span>
                ) : null}
              </Link>
            );
          })}
        </nav>
        {query.view !== "decide" ? (
          <form method="get" action="/requests" className="mb-2 flex items-end gap-2">
            <input type="hidden" name="view" value={query.view} />
            <div>
              <label htmlFor="status" className="mb-0.5 block text-xs text-neutral-600">
                {t("requests.filterStatus")}
              </label>
              <Select id="status" name="status" defaultValue={query.status ?? ""}>
                <option value="">{t("common.all")}</option>
                {REQUEST_STATUSES.map((s) => (
                  <option key={s} value={s}>
                    {t(`requests.status.${s}`)}
                  </option>
                ))}
              </Select>
            </div>
            <Button type="submit" variant="secondary">
              {t("common.apply")}
            </Button>
          </form>
        ) : null}
      </div>
      {result.requests.length > 0 ? (
        <RequestsTable rows={result.requests} />
      ) : (
        <div className="rounded-lg border border-dashed border-neutral-300 bg-white px-6 py-12 text-center">
          <p className="font-medium">{t(`requests.empty.${query.view}`)}</p>
          <p className="mt-1 text-sm text-neutral-600">{t(`requests.emptyHint.${query.view}`)}</p>
        </div>
      )}
      <Pagination page={query.page} pages={result.pages} total={result.total} pageSize={result.pageSize} hrefFor={(page) => hrefWith("/requests", state, { page }, { page: 1 })} />
    </div>
  );
}
