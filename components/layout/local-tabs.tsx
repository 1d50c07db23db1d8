"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { cn } from "@/components/ui/cn";

/**
 * An area's views as a row of links under the page title. The current tab is the one whose path is the longest
 * prefix of the page's (a statement's own page belongs to the statements tab at /billing).
 */
export function LocalTabs({ label, tabs }: { label: string; tabs: { href: string; label: string }[] }) {
  const pathname = usePathname();
  const current = tabs
    .filter((tab) => pathname === tab.href || pathname.startsWith(`${tab.href}/`))
    .sort((a, b) => b.href.length - a.href.length)[0]?.href;
  return (
    <nav aria-label={label} className="mb-5 flex gap-1 overflow-x-auto border-b border-neutral-200">
      {tabs.map((tab) => (
        <Link
          key={tab.href}
          href={tab.href}
          aria-current={pathname === tab.href ? "page" : current === tab.href ? "true" : undefined}
          className={cn(
            "-mb-px whitespace-nowrap border-b-2 border-transparent px-3 py-2 text-sm text-neutral-600 hover:text-neutral-900",
            current === tab.href && "border-accent-600 font-medium text-accent-800",
          )}
        >
          {tab.label}
        </Link>
      ))}
    </nav>
  );
}
