import Link from "next/link";
import { useTranslations } from "next-intl";
import { ChevronLeft, ChevronRight } from "lucide-react";
import { formatNumber } from "@/lib/format";
import { cn } from "@/components/ui/cn";

export function Pagination({
  page,
  pages,
  total,
  pageSize,
  hrefFor,
}: {
  page: number;
  pages: number;
  total: number;
  pageSize: number;
  hrefFor: (page: number) => string;
}) {
  const t = useTranslations("common");
  const from = total === 0 ? 0 : (page - 1) * pageSize + 1;
  const to = Math.min(total, page * pageSize);
  const link = (target: number, label: string, icon: React.ReactNode, disabled: boolean) =>
    disabled ? (
      <span aria-disabled className="inline-flex h-8 items-center gap-1 rounded-md border border-neutral-200 px-3 text-sm text-neutral-400">
        {icon}
        {label}
      </span>
    ) : (
      <Link href={hrefFor(target)} className={cn("inline-flex h-8 items-center gap-1 rounded-md border border-neutral-300 bg-white px-3 text-sm hover:bg-neutral-100")}>
        {icon}
        {label}
      </Link>
    );
  return (
    <nav aria-label="pagination" className="flex flex-wrap items-center justify-between gap-3 py-3 text-sm text-neutral-700">
      <p>
        <span className="num font-medium">{t("totalCount", { count: formatNumber(total) })}</span>
        {total > 0 ? <span className="num ml-2">{t("showing", { from: formatNumber(from), to: formatNumber(to) })}</span> : null}
      </p>
      <div className="flex items-center gap-2">
        {link(page - 1, t("previous"), <ChevronLeft className="size-4" aria-hidden />, page <= 1)}
        <span className="num px-1">{t("pageOf", { page: formatNumber(page), pages: formatNumber(pages) })}</span>
        {link(page + 1, t("next"), <ChevronRight className="size-4 order-last" aria-hidden />, page >= pages)}
      </div>
    </nav>
  );
}
