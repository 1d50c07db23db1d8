import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { cn } from "@/components/ui/cn";
import { formatNumber } from "@/lib/format";
import { ROSTER_CATEGORIES, type RosterCategory } from "@/lib/schemas/hr-roster";

// The count of each kind of difference, as links that pick the table below (the chosen one is marked current).
export async function CategoryCards({ counts, terminatedCount, current }: { counts: Record<RosterCategory, number>; terminatedCount: number; current: RosterCategory }) {
  const t = await getTranslations("roster");
  const tone = (c: RosterCategory) => {
    if (counts[c] === 0) return "text-neutral-900";
    if (c === "hr_status" && terminatedCount > 0) return "text-red-700";
    return c === "hr_status" || c === "lines" ? "text-amber-700" : "text-neutral-900";
  };
  return (
    <nav aria-label={t("categories.label")}>
      <ul className="grid grid-cols-2 gap-3 md:grid-cols-3 xl:grid-cols-5">
        {ROSTER_CATEGORIES.map((c) => (
          <li key={c}>
            <Link
              href={c === "hr_status" ? "/reviews/roster" : `/reviews/roster?category=${c}`}
              aria-current={c === current ? "page" : undefined}
              data-testid={`roster-count-${c}`}
              className={cn(
                "block h-full rounded-lg border border-neutral-200 bg-white p-4 hover:border-accent-600",
                c === current && "border-accent-600 ring-1 ring-accent-600",
              )}
            >
              <span className="block text-sm text-neutral-600">{t(`categories.${c}`)}</span>
              <span className={cn("num mt-1 block text-2xl font-semibold", tone(c))}>{formatNumber(counts[c])}</span>
              {c === "hr_status" && terminatedCount > 0 ? <span className="mt-1 block text-xs text-red-700">{t("terminatedCount", { count: formatNumber(terminatedCount) })}</span> : null}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
