import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { LogOut, UserRound } from "lucide-react";
import { LanguageSwitch } from "@/components/layout/language-switch";
import { SidebarNav } from "@/components/layout/sidebar-nav";
import { load } from "@/lib/server/page";
import { getConsoleContext } from "@/lib/server/org/get-console-context";
import { signOutAction } from "./actions";

export default async function ConsoleLayout({ children }: { children: React.ReactNode }) {
  const context = await load(getConsoleContext);
  const t = await getTranslations();
  return (
    <div className="flex min-h-screen">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2">
        {t("app.skipToContent")}
      </a>
      <aside className="sticky top-0 hidden h-screen w-60 shrink-0 overflow-y-auto border-r border-neutral-200 bg-white md:block">
        <div className="border-b border-neutral-200 px-5 py-4">
          <Link href="/" className="text-base font-semibold text-accent-800">
            {t("app.shortName")}
          </Link>
          <p className="mt-1 truncate text-xs text-neutral-700" title={context.organizationName}>
            {context.organizationName}
          </p>
          <p className="text-xs text-neutral-500">
            {t("nav.customerNumber")}: <span className="num">{context.customerNumber}</span>
          </p>
        </div>
        <SidebarNav items={context.nav} />
      </aside>
      <div className="flex min-w-0 flex-1 flex-col">
        <header className="flex h-14 items-center justify-end gap-3 border-b border-neutral-200 bg-white px-4 md:px-6">
          <span className="mr-auto text-sm font-semibold text-accent-800 md:hidden">{t("app.shortName")}</span>
          <LanguageSwitch />
          <Link href="/me" className="inline-flex items-center gap-1.5 rounded-md px-2 py-1.5 text-sm text-neutral-800 hover:bg-neutral-100">
            <UserRound className="size-4" aria-hidden />
            <span>{context.displayName}</span>
            <span className="sr-only">({t("nav.me")})</span>
          </Link>
          <form action={signOutAction}>
            <button type="submit" className="inline-flex items-center gap-1.5 rounded-md px-2 py-1.5 text-sm text-neutral-700 hover:bg-neutral-100">
              <LogOut className="size-4" aria-hidden />
              {t("nav.signOut")}
            </button>
          </form>
        </header>
        {context.passwordDaysLeft !== null ? (
          <div role="status" className="border-b border-amber-200 bg-amber-50 px-4 py-2 text-sm text-amber-900 md:px-8">
            {t("me.expiryBanner", { days: context.passwordDaysLeft })}{" "}
            <Link href="/me" className="font-medium underline">
              {t("me.changePassword")}
            </Link>
          </div>
        ) : null}
        <main id="main" className="min-w-0 flex-1 px-4 py-6 md:px-8">
          {children}
        </main>
      </div>
    </div>
  );
}
