import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { Pagination } from "@/components/data-table/pagination";
import Link from "next/link";
import { UserPlus } from "lucide-react";
import { Button } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/card";
import { can } from "@/lib/permissions";
import { authorize } from "@/lib/server/authorize";
import { hrefWith } from "@/lib/url-state";
import { listAccounts } from "@/lib/server/accounts/list-accounts";
import { listDepartments } from "@/lib/server/accounts/list-departments";
import { load } from "@/lib/server/page";
import { AccountsCsvActions } from "./_components/accounts-csv-actions";
import { AccountsFilters } from "./_components/accounts-filters";
import { AccountsTable } from "./_components/accounts-table";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("accounts"))("title") };
}

const DEFAULTS = { sort: "displayName", dir: "asc", page: 1, pageSize: 50 };

export default async function AccountsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const raw = await searchParams;
  const one = (k: string) => (typeof raw[k] === "string" ? (raw[k] as string) : undefined);
  const [result, departments, actor] = await load(() =>
    Promise.all([
      listAccounts({
        q: one("q"),
        status: one("status"),
        kind: one("kind"),
        department: one("department"),
        sort: one("sort"),
        dir: one("dir"),
        page: one("page"),
        pageSize: one("pageSize"),
      }),
      listDepartments(),
      authorize("accounts", "view"),
    ]),
  );
  const canManage = can(actor.permissions, "accounts", "manage");
  const t = await getTranslations("accounts");
  const { query } = result;
  const state = { q: query.q, status: query.status, kind: query.kind, department: query.department, sort: query.sort, dir: query.dir, page: query.page, pageSize: query.pageSize };
  return (
    <div>
      <PageHeader
        title={t("title")}
        description={t("description")}
        actions={
          <>
            <AccountsCsvActions query={query} canImport={canManage} />
            {canManage ? (
              <Button asChild>
                <Link href="/accounts/new">
                  <UserPlus className="size-4" aria-hidden />
                  {t("invite")}
                </Link>
              </Button>
            ) : null}
          </>
        }
      />
      <AccountsFilters query={query} departments={departments} />
      {result.accounts.length > 0 ? (
        <AccountsTable rows={result.accounts} state={state} defaults={DEFAULTS} />
      ) : (
        <div className="rounded-lg border border-dashed border-neutral-300 bg-white px-6 py-12 text-center">
          <p className="font-medium">{t("empty")}</p>
          <p className="mt-1 text-sm text-neutral-600">{t("emptyHint")}</p>
        </div>
      )}
      <Pagination
        page={query.page}
        pages={result.pages}
        total={result.total}
        pageSize={query.pageSize}
        hrefFor={(page) => hrefWith("/accounts", state, { page }, DEFAULTS)}
      />
    </div>
  );
}
