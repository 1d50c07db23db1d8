"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useTranslations } from "next-intl";
import { cn } from "@/components/ui/cn";

const TABS = [
  { key: "campaigns", href: "/reviews" },
  { key: "roster", href: "/reviews/roster" },
] as const;

// The access review area's views as links: the campaigns (and a campaign's own pages) and the HR roster reconciliation.
export function ReviewsTabs() {
  const t = useTranslations("reviewTabs");
  const pathname = usePathname();
  const current = pathname.startsWith("/reviews/roster") ? "roster" : "campaigns";
  return (
    <nav aria-label={t("label")} className="mb-5 flex gap-1 overflow-x-auto border-b border-neutral-200">
      {TABS.map((tab) => (
        <Link
          key={tab.key}
          href={tab.href}
          aria-current={pathname === tab.href ? "page" : current === tab.key ? "true" : undefined}
          className={cn(
            "-mb-px whitespace-nowrap border-b-2 border-transparent px-3 py-2 text-sm text-neutral-600 hover:text-neutral-900",
            current === tab.key && "border-accent-600 font-medium text-accent-800",
          )}
        >
          {t(tab.key)}
        </Link>
      ))}
    </nav>
  );
}
