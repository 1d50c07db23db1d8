import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { Card, PageHeader } from "@/components/ui/card";
import { formatDateTime } from "@/lib/format";
import { getMyProfile } from "@/lib/server/me/get-my-profile";
import { load } from "@/lib/server/page";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("me"))("title") };
}

export default async function MyPage() {
  const me = await load(getMyProfile);
  const t = await getTranslations();
  const fields: [string, React.ReactNode][] = [
    [t("accounts.columns.displayName"), me.displayName],
    [t("account.nameKana"), me.nameKana ?? "—"],
    [t("accounts.columns.loginId"), <span className="break-all">{me.loginId}</span>],
    [t("account.email"), <span className="break-all">{me.email}</span>],
    [t("accounts.columns.employeeNumber"), <span className="num">{me.employeeNumber ?? "—"}</span>],
    [t("accounts.columns.department"), me.department?.name ?? "—"],
    [t("nav.customerNumber"), <span className="num">{me.organization.customerNumber}</span>],
    [t("accounts.columns.lastSignInAt"), formatDateTime(me.lastSignInAt)],
  ];
  return (
    <div className="max-w-3xl">
      <PageHeader title={t("me.title")} description={me.organization.name} />
      <Card className="p-4">
        <h2 className="mb-3 font-semibold">{t("me.profile")}</h2>
        <dl className="grid grid-cols-1 gap-x-8 gap-y-3 text-sm sm:grid-cols-2">
          {fields.map(([label, value]) => (
            <div key={label}>
              <dt className="text-xs text-neutral-600">{label}</dt>
              <dd className="mt-0.5">{value}</dd>
            </div>
          ))}
        </dl>
      </Card>
      <p className="mt-3 text-sm text-neutral-600">{t("me.notBuilt")}</p>
    </div>
  );
}
