import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { ShieldCheck } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { Card, PageHeader } from "@/components/ui/card";
import { getSignInPolicies } from "@/lib/server/policies/get-sign-in-policies";
import { load } from "@/lib/server/page";
import { LockoutForm } from "./_components/lockout-form";
import { PasswordForm } from "./_components/password-form";
import { SessionForm } from "./_components/session-form";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("policies"))("title") };
}

export default async function SignInPoliciesPage() {
  const policies = await load(getSignInPolicies);
  const t = await getTranslations("policies");
  return (
    <div className="max-w-6xl">
      <PageHeader
        title={t("title")}
        description={t("description")}
        actions={
          <Link href="/security/detections" className="text-sm font-medium text-accent-700 underline-offset-2 hover:underline">
            {(await getTranslations("detections"))("title")}
          </Link>
        }
      />
      {policies.canManage ? null : (
        <p className="mb-4 rounded-md border border-neutral-200 bg-neutral-50 px-3 py-2 text-sm text-neutral-700">{t("readOnly")}</p>
      )}
      <div className="grid items-stretch gap-5 xl:grid-cols-2">
        <LockoutForm policy={policies.lockout} canManage={policies.canManage} />
        <PasswordForm policy={policies.password} canManage={policies.canManage} />
        <SessionForm policy={policies.session} canManage={policies.canManage} />
        <Card role="region" aria-labelledby="two-step-title" className="self-start px-5 py-4">
          <div className="flex items-center gap-2">
            <ShieldCheck className="size-5 text-green-700" aria-hidden />
            <h2 id="two-step-title" className="text-base font-semibold text-neutral-900">
              {t("twoStep.title")}
            </h2>
            <Badge tone="green">{t("twoStep.required")}</Badge>
          </div>
          <p className="mt-2 text-sm text-neutral-700">{t("twoStep.body")}</p>
          <p className="mt-2 text-sm text-neutral-600">{t("twoStep.backup")}</p>
        </Card>
      </div>
    </div>
  );
}
