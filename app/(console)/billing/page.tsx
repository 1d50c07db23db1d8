import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { ChangeHistory } from "@/components/changes/change-history";
import { Card, PageHeader } from "@/components/ui/card";
import { DetailList } from "@/components/ui/detail-list";
import { formatDateTime } from "@/lib/format";
import { getBillingProfile } from "@/lib/server/billing/get-billing-profile";
import { load } from "@/lib/server/page";
import { BillingProfileForm } from "./_components/billing-profile-form";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("billing"))("title") };
}

export default async function BillingPage() {
  const data = await load(() => getBillingProfile());
  const t = await getTranslations();
  const mode = data.canManage ? "direct" : data.canRequest ? "request" : null;
  const { profile } = data;
  return (
    <div className="max-w-5xl">
      <PageHeader title={t("billing.title")} description={t("billing.description")} />
      <div className="flex flex-col gap-5">
        <Card className="p-4" role="region" aria-labelledby="billing-profile">
          <h2 id="billing-profile" className="mb-3 text-base font-semibold">
            {t("billing.profile.heading")}
          </h2>
          {profile ? (
            <DetailList
              items={[
                { label: t("billing.profile.recipientName"), value: profile.recipientName },
                { label: t("billing.profile.recipientDepartment"), value: profile.recipientDepartment ?? "—" },
                { label: t("billing.profile.invoiceEmail"), value: <span className="break-all">{profile.invoiceEmail}</span> },
                { label: t("billing.profile.updatedAt"), value: <span className="num">{formatDateTime(profile.updatedAt)}</span> },
              ]}
            />
          ) : (
            <p className="text-sm text-neutral-600">{t("billing.profile.notSet")}</p>
          )}
        </Card>
        {mode ? (
          <BillingProfileForm
            mode={mode}
            values={profile ? { recipientName: profile.recipientName, recipientDepartment: profile.recipientDepartment, invoiceEmail: profile.invoiceEmail } : null}
            pendingRequest={data.pendingRequest}
          />
        ) : (
          <p className="rounded-md border border-neutral-200 bg-neutral-50 px-3 py-2 text-sm text-neutral-700">{t("requests.form.readOnly")}</p>
        )}
        <section aria-labelledby="billing-history">
          <h2 id="billing-history" className="mb-2 text-base font-semibold">
            {t("requests.history.heading")}
          </h2>
          <ChangeHistory kind="billing_profile" events={data.history} />
        </section>
      </div>
    </div>
  );
}
