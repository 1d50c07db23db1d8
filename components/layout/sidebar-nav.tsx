"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useTranslations } from "next-intl";
import {
  Bell, ClipboardCheck, CreditCard, FileClock, Gauge, Globe, KeyRound, ListChecks, Settings, ShieldCheck,
  Smartphone, UserMinus, Users, Inbox, Mail, UserRound,
} from "lucide-react";
import type { NavItem } from "@/lib/navigation";
import { cn } from "@/components/ui/cn";

const icons: Record<string, React.ComponentType<{ className?: string; "aria-hidden"?: boolean }>> = {
  dashboard: Gauge, accounts: Users, roles: KeyRound, requests: Inbox, offboarding: UserMinus, reviews: ClipboardCheck,
  lines: Smartphone, billing: CreditCard, alerts: Bell, audit: FileClock, network: Globe, policies: ShieldCheck,
  compliance: ListChecks, settings: Settings, outbox: Mail, me: UserRound,
};

const groups = ["none", "people", "linesBilling", "security"] as const;

export function SidebarNav({ items }: { items: NavItem[] }) {
  const t = useTranslations("nav");
  const pathname = usePathname();
  const isCurrent = (href: string) => (href === "/" ? pathname === "/" : pathname === href || pathname.startsWith(`${href}/`));
  return (
    <nav aria-label={t("menu")} className="flex flex-col gap-4 px-3 py-4 text-sm">
      {groups.map((group) => {
        const inGroup = items.filter((i) => i.group === group);
        if (inGroup.length === 0) return null;
        return (
          <div key={group}>
            {group !== "none" ? (
              <p className="mb-1 px-2 text-xs font-semibold tracking-wide text-neutral-500">{t(`groups.${group}`)}</p>
            ) : null}
            <ul className="flex flex-col gap-0.5">
              {inGroup.map((item) => {
                const Icon = icons[item.key] ?? Gauge;
                const current = isCurrent(item.href);
                return (
                  <li key={item.key}>
                    <Link
                      href={item.href}
                      aria-current={current ? "page" : undefined}
                      className={cn(
                        "flex items-center gap-2 rounded-md px-2 py-1.5",
                        current ? "bg-accent-50 font-medium text-accent-800" : "text-neutral-700 hover:bg-neutral-100",
                      )}
                    >
                      <Icon className="size-4 shrink-0" aria-hidden />
                      {t(item.key)}
                    </Link>
                  </li>
                );
              })}
            </ul>
          </div>
        );
      })}
    </nav>
  );
}
