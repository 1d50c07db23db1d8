import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { AuthCard } from "@/components/layout/auth-card";
import { ReminderForm } from "./reminder-form";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("recovery"))("reminderTitle") };
}

export default async function ForgotIdPage() {
  const t = await getTranslations("recovery");
  return (
    <AuthCard title={t("reminderTitle")} subtitle={t("reminderSubtitle")}>
      <ReminderForm />
      <Link href="/sign-in" className="mt-4 block text-center text-sm text-accent-700 hover:underline">
        {t("backToSignIn")}
      </Link>
    </AuthCard>
  );
}
