import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { AuthCard } from "@/components/layout/auth-card";
import { findInvitation } from "@/lib/server/accounts/accept-invitation";
import { InvitationForm } from "./invitation-form";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("invitation"))("title") };
}

export default async function InvitationPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const found = await findInvitation(token);
  const t = await getTranslations("invitation");
  if (!found) {
    return (
      <AuthCard title={t("title")}>
        <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
          {t("expired")}
        </p>
      </AuthCard>
    );
  }
  return (
    <AuthCard title={t("title")} subtitle={t("subtitle", { organization: found.organizationName })}>
      <p className="-mt-3 mb-5 break-all rounded-md bg-neutral-100 px-3 py-2 font-mono text-sm font-medium text-neutral-900">{found.loginId}</p>
      <InvitationForm token={token} minLength={found.minLength} />
      <p className="mt-4 text-xs text-neutral-600">{t("next")}</p>
    </AuthCard>
  );
}
