import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { AuthCard } from "@/components/layout/auth-card";
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
  const t = await getTranslations("signIn");
  const tr = await getTranslations("recovery");
  const ti = await getTranslations("invitation");
  const notice = params.signedOut ? t("signedOut") : params.expired ? t("challengeExpired") : params.reset ? tr("passwordReset") : params.invited ? ti("done") : null;
  return (
    <AuthCard title={t("title")} subtitle={t("subtitle")}>
      {notice ? (
        <p role="status" className="mb-4 rounded-md bg-neutral-100 px-3 py-2 text-sm text-neutral-800">
          {notice}
        </p>
      ) : null}
      <SignInForm callbackUrl={callbackUrl} />
      <div className="mt-4 flex flex-col items-center gap-1 text-sm">
        <Link href="/sign-in/reset" className="text-accent-700 hover:underline">
          {tr("forgotPassword")}
        </Link>
        <Link href="/sign-in/forgot-id" className="text-accent-700 hover:underline">
          {tr("forgotId")}
        </Link>
      </div>
    </AuthCard>
  );
}
