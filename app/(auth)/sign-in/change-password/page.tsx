import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { AuthCard } from "@/components/layout/auth-card";
import { getPasswordRules } from "@/lib/server/sign-in/get-password-rules";
import { challengeToken } from "@/lib/server/sign-in/challenge-cookie";
import { ChangePasswordForm } from "./change-password-form";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("signIn"))("changePasswordTitle") };
}

export default async function ChangePasswordPage() {
  const rules = await getPasswordRules(await challengeToken());
  if (!rules) redirect("/sign-in?expired=1");
  const t = await getTranslations("signIn");
  return (
    <AuthCard title={t("changePasswordTitle")} subtitle={rules.mustChange ? t("changePasswordRequired") : t("changePasswordExpired")}>
      <ChangePasswordForm minLength={rules.minLength} />
    </AuthCard>
  );
}
