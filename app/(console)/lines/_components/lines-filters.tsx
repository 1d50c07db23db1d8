import Link from "next/link";
import { useTranslations } from "next-intl";
import { Search } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Input, Select } from "@/components/ui/input";
import { LINE_PLANS, LINE_STATUSES, SIM_TYPES, type ListLinesQuery } from "@/lib/schemas/lines";

// A plain GET form: the filters live in the URL and work without JavaScript.
export function LinesFilters({ query }: { query: ListLinesQuery }) {
  const t = useTranslations();
  const plans: string[] = query.plan && !(LINE_PLANS as readonly string[]).includes(query.plan) ? [query.plan, ...LINE_PLANS] : [...LINE_PLANS];
  const select = (id: string, label: string, value: string | undefined, options: { value: string; label: string }[]) => (
    <div>
      <label htmlFor={id} className="mb-0.5 block text-xs text-neutral-600">
        {label}
      </label>
      <Select id={id} name={id} defaultValue={value ?? ""}>
        <option value="">{t("common.all")}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </Select>
    </div>
  );
  return (
    <form method="get" action="/lines" role="search" className="mb-3 flex flex-wrap items-end gap-2">
      <div className="relative min-w-72 flex-1">
        <label htmlFor="q" className="sr-only">
          {t("lines.searchLabel")}
        </label>
        <Search className="pointer-events-none absolute left-2.5 top-2.5 size-4 text-neutral-500" aria-hidden />
        <Input id="q" name="q" type="search" defaultValue={query.q ?? ""} placeholder={t("lines.searchPlaceholder")} className="pl-8" />
      </div>
      {select("status", t("lines.filterStatus"), query.status, LINE_STATUSES.map((s) => ({ value: s, label: t(`lineStatus.${s}`) })))}
      {select("simType", t("lines.filterSimType"), query.simType, SIM_TYPES.map((s) => ({ value: s, label: t(`simType.${s}`) })))}
      {select("holder", t("lines.filterHolder"), query.holder, (["assigned", "unassigned"] as const).map((h) => ({ value: h, label: t(`lines.holderFilter.${h}`) })))}
      {select("plan", t("lines.filterPlan"), query.plan, plans.map((p) => ({ value: p, label: p })))}
      <Button type="submit" variant="secondary">
        {t("common.apply")}
      </Button>
      <Link href="/lines" className="h-9 px-2 text-sm leading-9 text-accent-700 hover:underline">
        {t("common.clear")}
      </Link>
    </form>
  );
}
