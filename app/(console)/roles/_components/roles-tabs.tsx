"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useTranslations } from "next-intl";
import { cn } from "@/components/ui/cn";

const TABS = [
  { key: "matrix", href: "/roles" },
  { key: "sod", href: "/roles/sod" },
  { key: "conflicts", href: "/roles/conflicts" },
] as const;

// The area's three views as links (each has its own URL); looks like the detail pages' tabs.
export function RolesTabs() {
  const t = useTranslations("rolesArea.tabs");
  const pathname = usePathname();
  return (
    <nav aria-label={t("label")} className="mb-5 flex gap-1 overflow-x-auto border-b border-neutral-200">
      {TABS.map((tab) => {
        const current = pathname === tab.href;
        return (
          <Link
            key={tab.key}
            href={tab.href}
            aria-current={current ? "page" : undefined}
            className={cn(
              "-mb-px whitespace-nowrap border-b-2 border-transparent px-3 py-2 text-sm text-neutral-600 hover:text-neutral-900",
              current && "border-accent-600 font-medium text-accent-800",
            )}
          >
            {t(tab.key)}
          </Link>
        );
      })}
    </nav>
  );
}
