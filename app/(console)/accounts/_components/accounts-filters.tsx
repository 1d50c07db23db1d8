import Link from "next/link";
import { useTranslations } from "next-intl";
import { Search } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Input, Select } from "@/components/ui/input";
import { ACCOUNT_KINDS, ACCOUNT_STATUSES, PAGE_SIZES, type ListAccountsQuery } from "@/lib/schemas/accounts";

// A plain GET form: the filters live in the URL and work without JavaScript.
export function AccountsFilters({ query, departments }: { query: ListAccountsQuery; departments: { id: string; name: string }[] }) {
  const t = useTranslations();
  return (
    <form method="get" action="/accounts" role="search" className="mb-3 flex flex-wrap items-end gap-2">
      <div className="relative min-w-64 flex-1">
        <label htmlFor="q" className="sr-only">
          {t("common.search")}
        </label>
        <Search className="pointer-events-none absolute left-2.5 top-2.5 size-4 text-neutral-500" aria-hidden />
        <Input id="q" name="q" type="search" defaultValue={query.q ?? ""} placeholder={t("accounts.searchPlaceholder")} className="pl-8" />
      </div>
      <div>
        <label htmlFor="status" className="mb-0.5 block text-xs text-neutral-600">
          {t("accounts.filterStatus")}
        </label>
        <Select id="status" name="status" defaultValue={query.status ?? ""}>
          <option value="">{t("common.all")}</option>
          {ACCOUNT_STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(`status.${s}`)}
            </option>
          ))}
        </Select>
      </div>
      <div>
        <label htmlFor="kind" className="mb-0.5 block text-xs text-neutral-600">
          {t("accounts.filterKind")}
        </label>
        <Select id="kind" name="kind" defaultValue={query.kind ?? ""}>
          <option value="">{t("common.all")}</option>
          {ACCOUNT_KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`kind.${k}`)}
            </option>
          ))}
        </Select>
      </div>
      <div>
        <label htmlFor="department" className="mb-0.5 block text-xs text-neutral-600">
          {t("accounts.filterDepartment")}
        </label>
        <Select id="department" name="department" defaultValue={query.department ?? ""} className="max-w-52">
          <option value="">{t("common.all")}</option>
          {departments.map((d) => (
            <option key={d.id} value={d.id}>
              {d.name}
            </option>
          ))}
        </Select>
      </div>
      <div>
        <label htmlFor="pageSize" className="mb-0.5 block text-xs text-neutral-600">
          {t("accounts.pageSize")}
        </label>
        <Select id="pageSize" name="pageSize" defaultValue={String(query.pageSize)}>
          {PAGE_SIZES.map((n) => (
            <option key={n} value={n}>
              {n}
            </option>
          ))}
        </Select>
      </div>
      {query.sort !== "displayName" ? <input type="hidden" name="sort" value={query.sort} /> : null}
      {query.dir !== "asc" ? <input type="hidden" name="dir" value={query.dir} /> : null}
      <Button type="submit" variant="secondary">
        {t("common.apply")}
      </Button>
      <Link href="/accounts" className="h-9 px-2 text-sm leading-9 text-accent-700 hover:underline">
        {t("common.clear")}
      </Link>
    </form>
  );
}
