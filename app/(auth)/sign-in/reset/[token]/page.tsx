import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { AuthCard } from "@/components/layout/auth-card";
import { findResetToken } from "@/lib/server/recovery/reset-password";
import { ResetForm } from "./reset-form";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("recovery"))("newPasswordTitle") };
}

export default async function ResetPasswordPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const found = await findResetToken(token);
  const t = await getTranslations("recovery");
  if (!found) {
    return (
      <AuthCard title={t("newPasswordTitle")}>
        <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
          {t("linkExpired")}
        </p>
        <Link href="/sign-in/reset" className="mt-4 block text-center text-sm text-accent-700 hover:underline">
          {t("requestAgain")}
        </Link>
      </AuthCard>
    );
  }
  return (
    <AuthCard title={t("newPasswordTitle")} subtitle={t("newPasswordSubtitle", { loginId: found.loginId })}>
      <ResetForm token={token} minLength={found.minLength} />
    </AuthCard>
  );
}
