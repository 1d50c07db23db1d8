import Link from "next/link";
import { useTranslations } from "next-intl";
import { Search } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Input, Select } from "@/components/ui/input";
import { LINE_STATUSES, type ListLinesQuery } from "@/lib/schemas/lines";

// A plain GET form: the filters live in the URL and work without JavaScript.
export function LinesFilters({ query }: { query: ListLinesQuery }) {
  const t = useTranslations();
  return (
    <form method="get" action="/lines" role="search" className="mb-3 flex flex-wrap items-end gap-2">
      <div className="relative min-w-64 flex-1">
        <label htmlFor="q" className="sr-only">
          {t("lines.searchLabel")}
        </label>
        <Search className="pointer-events-none absolute left-2.5 top-2.5 size-4 text-neutral-500" aria-hidden />
        <Input id="q" name="q" type="search" defaultValue={query.q ?? ""} placeholder={t("lines.searchPlaceholder")} className="pl-8" />
      </div>
      <div>
        <label htmlFor="status" className="mb-0.5 block text-xs text-neutral-600">
          {t("lines.filterStatus")}
        </label>
        <Select id="status" name="status" defaultValue={query.status ?? ""}>
          <option value="">{t("common.all")}</option>
          {LINE_STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(`lineStatus.${s}`)}
            </option>
          ))}
        </Select>
      </div>
      <Button type="submit" variant="secondary">
        {t("common.apply")}
      </Button>
      <Link href="/lines" className="h-9 px-2 text-sm leading-9 text-accent-700 hover:underline">
        {t("common.clear")}
      </Link>
    </form>
  );
}
