import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { LanguageSwitch } from "@/components/layout/language-switch";
import { safeCallbackUrl } from "@/lib/schemas/auth";
import { currentActor } from "@/lib/server/authorize";
import { SignInForm } from "./_components/sign-in-form";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("signIn");
  return { title: t("title") };
}

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const callbackUrl = safeCallbackUrl(typeof params.callbackUrl === "string" ? params.callbackUrl : null);
  if (await currentActor()) redirect(callbackUrl);
  const t = await getTranslations();
  return (
    <div className="flex min-h-screen flex-col items-center justify-center px-4 py-10">
      <div className="w-full max-w-sm">
        <div className="mb-6 flex items-center justify-between">
          <p className="text-lg font-semibold text-accent-800">{t("app.name")}</p>
          <LanguageSwitch />
        </div>
        <div className="rounded-lg border border-neutral-200 bg-white p-6 shadow-sm">
          <h1 className="text-xl font-semibold">{t("signIn.title")}</h1>
          <p className="mb-5 mt-1 text-sm text-neutral-600">{t("signIn.subtitle")}</p>
          {params.signedOut ? (
            <p role="status" className="mb-4 rounded-md bg-green-50 px-3 py-2 text-sm text-green-800">
              {t("signIn.signedOut")}
            </p>
          ) : null}
          <SignInForm callbackUrl={callbackUrl} />
        </div>
      </div>
    </div>
  );
}
