import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { Card, PageHeader } from "@/components/ui/card";
import { DetailList, type DetailItem } from "@/components/ui/detail-list";
import { formatDateTime } from "@/lib/format";
import { getMyProfile } from "@/lib/server/me/get-my-profile";
import { load } from "@/lib/server/page";
import { ChangePasswordForm } from "./_components/change-password-form";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("me"))("title") };
}

export default async function MyPage() {
  const me = await load(getMyProfile);
  const t = await getTranslations();
  const items: DetailItem[] = [
    { label: t("accounts.columns.displayName"), value: me.displayName },
    { label: t("account.nameKana"), value: me.nameKana ?? "—" },
    { label: t("accounts.columns.loginId"), value: <span className="break-all">{me.loginId}</span> },
    { label: t("account.email"), value: <span className="break-all">{me.email}</span> },
    { label: t("accounts.columns.employeeNumber"), value: <span className="num">{me.employeeNumber ?? "—"}</span> },
    { label: t("accounts.columns.department"), value: me.department?.name ?? "—" },
    { label: t("nav.customerNumber"), value: <span className="num">{me.organization.customerNumber}</span> },
    { label: t("accounts.columns.lastSignInAt"), value: formatDateTime(me.lastSignInAt) },
  ];
  return (
    <div className="max-w-3xl">
      <PageHeader title={t("me.title")} description={me.organization.name} />
      <Card className="p-4">
        <h2 className="mb-3 font-semibold">{t("me.profile")}</h2>
        <DetailList items={items} />
      </Card>
      <Card className="mt-4 p-4">
        <h2 className="font-semibold">{t("me.password")}</h2>
        <p className="mb-3 mt-1 text-sm text-neutral-600">
          {t("me.passwordChangedAt", { at: formatDateTime(me.passwordChangedAt) })}
          {me.passwordExpiry.expiresAt ? ` ${t("me.passwordExpiresAt", { at: formatDateTime(me.passwordExpiry.expiresAt) })}` : ""}
        </p>
        <ChangePasswordForm minLength={me.minPasswordLength} />
      </Card>
      <p className="mt-3 text-sm text-neutral-600">{t("me.notBuilt")}</p>
    </div>
  );
}
