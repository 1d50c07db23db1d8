import { getTranslations } from "next-intl/server";
import { LanguageSwitch } from "./language-switch";

// The frame of every sign-in step: product name, language switch, one card.
export async function AuthCard({ title, subtitle, children }: { title: string; subtitle?: string; children: React.ReactNode }) {
  const t = await getTranslations("app");
  return (
    <div className="flex min-h-screen flex-col items-center justify-center px-4 py-10">
      <div className="w-full max-w-sm">
        <div className="mb-6 flex items-center justify-between">
          <p className="text-lg font-semibold text-accent-800">{t("name")}</p>
          <LanguageSwitch />
        </div>
        <div className="rounded-lg border border-neutral-200 bg-white p-6 shadow-sm">
          <h1 className="text-xl font-semibold">{title}</h1>
          {subtitle ? <p className="mb-5 mt-1 text-sm text-neutral-600">{subtitle}</p> : <div className="mb-5" />}
          {children}
        </div>
      </div>
    </div>
  );
}
