import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { AuthCard } from "@/components/layout/auth-card";
import { RequestResetForm } from "./request-form";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("recovery"))("resetTitle") };
}

export default async function RequestResetPage() {
  const t = await getTranslations("recovery");
  return (
    <AuthCard title={t("resetTitle")} subtitle={t("resetSubtitle")}>
      <RequestResetForm />
      <Link href="/sign-in" className="mt-4 block text-center text-sm text-accent-700 hover:underline">
        {t("backToSignIn")}
      </Link>
    </AuthCard>
  );
}
