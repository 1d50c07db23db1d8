"use client";
import { useLocale, useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useTransition } from "react";
import { setLocaleAction } from "@/app/actions";
import { LOCALES, type Locale } from "@/lib/i18n/locale";
import { cn } from "@/components/ui/cn";

export function LanguageSwitch({ className }: { className?: string }) {
  const t = useTranslations();
  const current = useLocale();
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const choose = (locale: Locale) =>
    startTransition(async () => {
      await setLocaleAction(null, { locale });
      router.refresh();
    });
  return (
    <div role="group" aria-label={t("nav.language")} className={cn("inline-flex rounded-md border border-neutral-300 bg-white p-0.5 text-xs", className)}>
      {LOCALES.map((locale) => (
        <button
          key={locale}
          type="button"
          lang={locale}
          disabled={pending}
          aria-pressed={current === locale}
          onClick={() => choose(locale)}
          className={cn(
            "rounded px-2 py-1",
            current === locale ? "bg-neutral-800 text-white" : "text-neutral-700 hover:bg-neutral-100",
          )}
        >
          {t(`language.${locale}`)}
        </button>
      ))}
    </div>
  );
}
