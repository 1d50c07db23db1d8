import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { AuthCard } from "@/components/layout/auth-card";
import { findChallenge } from "@/lib/server/sign-in/challenge";
import { challengeToken } from "@/lib/server/sign-in/challenge-cookie";
import { VerifyForm } from "./verify-form";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("signIn"))("verifyTitle") };
}

export default async function VerifyPage() {
  if (!(await findChallenge(await challengeToken(), "mfa"))) redirect("/sign-in?expired=1");
  const t = await getTranslations("signIn");
  return (
    <AuthCard title={t("verifyTitle")} subtitle={t("verifySubtitle")}>
      <VerifyForm />
    </AuthCard>
  );
}
