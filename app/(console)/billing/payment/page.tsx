import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Clock } from "lucide-react";
import { ChangeHistory } from "@/components/changes/change-history";
import { DiffTable } from "@/components/changes/diff-table";
import { Badge } from "@/components/ui/badge";
import { Card, PageHeader } from "@/components/ui/card";
import { DetailList, type DetailItem } from "@/components/ui/detail-list";
import { formatDateTime } from "@/lib/format";
import { CARD_BRAND_LABELS, monthKeyOf, type CardBrand } from "@/lib/policy/billing";
import { getBillingProfile } from "@/lib/server/billing/get-billing-profile";
import { getPaymentMethod } from "@/lib/server/billing/get-payment-method";
import { load } from "@/lib/server/page";
import { BillingProfileForm } from "../_components/billing-profile-form";
import { BillingTabs } from "../_components/billing-tabs";
import { PaymentMethodForm } from "../_components/payment-method-form";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("billing"))("payment.title") };
}

// How the organization pays (the contract name a holder must match, the method in force, a change to request) and
// where its invoices go: both settings of billing, each with its history.
export default async function BillingPaymentPage() {
  const [payment, profileData] = await Promise.all([load(() => getPaymentMethod()), load(() => getBillingProfile())]);
  const t = await getTranslations();
  const { contract, method: m } = payment;
  const notRecorded = <span className="text-neutral-500">{t("billing.payment.notRecorded")}</span>;
  const contractItems: DetailItem[] = [
    { label: t("billing.payment.contractName"), value: contract.name },
    { label: t("billing.payment.contractKana"), value: contract.kana ?? notRecorded },
    { label: t("billing.payment.contractLatin"), value: contract.latin ? <span className="break-all">{contract.latin}</span> : notRecorded },
  ];
  const last4 = (digits: string | null) => <span className="num">••••{digits}</span>;
  const methodItems: DetailItem[] = !m
    ? []
    : m.method === "card"
      ? [
          { label: t("billing.payment.method"), value: t("billing.methods.card") },
          {
            label: t("billing.payment.card"),
            value: (
              <>
                {CARD_BRAND_LABELS[m.cardBrand as CardBrand] ?? m.cardBrand} {last4(m.cardLast4)}
              </>
            ),
          },
          {
            label: t("billing.payment.expiry"),
            value: (
              <span className="num">{t("billing.payment.expiryValue", { year: String(m.cardExpYear), month: String(m.cardExpMonth).padStart(2, "0") })}</span>
            ),
          },
          { label: t("billing.payment.holderName"), value: <span className="break-all">{m.holderName}</span> },
        ]
      : [
          { label: t("billing.payment.method"), value: t("billing.methods.bank_transfer") },
          {
            label: t("billing.payment.bank"),
            value: (
              <>
                {m.bankName} <span className="num text-neutral-600">({m.bankCode})</span>
              </>
            ),
          },
          {
            label: t("billing.payment.branch"),
            value: (
              <>
                {m.branchName} <span className="num text-neutral-600">({m.branchCode})</span>
              </>
            ),
          },
          {
            label: t("billing.payment.account"),
            value: (
              <>
                {t.has(`billing.accountTypes.${m.accountType}`) ? t(`billing.accountTypes.${m.accountType}`) : m.accountType} {last4(m.accountLast4)}
              </>
            ),
          },
          { label: t("billing.payment.holderName"), value: m.holderName },
        ];
  const { profile } = profileData;
  const profileMode = profileData.canManage ? "direct" : profileData.canRequest ? "request" : null;
  const pending = payment.pendingRequest;

  return (
    <div className="max-w-5xl">
      <PageHeader title={t("billing.title")} description={t("billing.payment.description")} />
      <BillingTabs />
      <div className="flex flex-col gap-5">
        <div className="grid gap-4 md:grid-cols-2">
          <Card className="p-4" role="region" aria-labelledby="payment-contract">
            <h2 id="payment-contract" className="mb-3 text-base font-semibold">
              {t("billing.payment.contractHeading")}
            </h2>
            <dl className="flex flex-col gap-3 text-sm">
              {contractItems.map((item) => (
                <div key={item.label}>
                  <dt className="text-xs text-neutral-600">{item.label}</dt>
                  <dd className="mt-0.5">{item.value}</dd>
                </div>
              ))}
            </dl>
            <p className="mt-3 text-xs text-neutral-600">{t("billing.payment.contractNote")}</p>
          </Card>
          <Card className="p-4" role="region" aria-labelledby="payment-current">
            <h2 id="payment-current" className="mb-3 flex flex-wrap items-center gap-2 text-base font-semibold">
              {t("billing.payment.currentHeading")}
              {pending ? <Badge tone="amber">{t("billing.payment.pending")}</Badge> : null}
            </h2>
            {m ? (
              <>
                <dl className="flex flex-col gap-3 text-sm" data-testid="current-payment">
                  {methodItems.map((item) => (
                    <div key={item.label}>
                      <dt className="text-xs text-neutral-600">{item.label}</dt>
                      <dd className="mt-0.5">{item.value}</dd>
                    </div>
                  ))}
                </dl>
                <p className="mt-3 text-xs text-neutral-600">
                  {t("billing.payment.updatedAt")}: <span className="num">{formatDateTime(m.updatedAt)}</span>
                </p>
              </>
            ) : (
              <p className="text-sm text-neutral-600">{t("billing.payment.none")}</p>
            )}
          </Card>
        </div>

        {payment.canRequest ? (
          <PaymentMethodForm
            currentMethod={m ? (m.method as "card" | "bank_transfer") : null}
            contract={{ kana: contract.kana, latin: contract.latin }}
            pendingRequest={pending}
            thisYear={Number(monthKeyOf(new Date()).slice(0, 4))}
          />
        ) : pending ? (
          <Card className="p-4" role="region" aria-labelledby="payment-pending">
            <h2 id="payment-pending" className="flex items-center gap-1.5 text-base font-semibold">
              <Clock className="size-4" aria-hidden />
              {t("billing.payment.pendingHeading")}
            </h2>
            <p className="mt-1 text-sm text-neutral-700">
              {t("billing.payment.pendingBy", { requester: pending.requester, time: formatDateTime(pending.createdAt) })}
            </p>
            <div className="mt-2">
              <DiffTable kind="payment_method" changes={pending.changes} compact />
            </div>
            <Link href={`/requests/${pending.id}`} className="mt-2 inline-block text-sm font-medium text-accent-700 underline">
              {t("billing.payment.viewRequest")}
            </Link>
          </Card>
        ) : (
          <p className="rounded-md border border-neutral-200 bg-neutral-50 px-3 py-2 text-sm text-neutral-700">{t("requests.form.readOnly")}</p>
        )}

        <section aria-labelledby="payment-history">
          <h2 id="payment-history" className="mb-2 text-base font-semibold">
            {t("billing.payment.historyHeading")}
          </h2>
          <ChangeHistory kind="payment_method" events={payment.history} />
        </section>

        <section aria-labelledby="billing-profile" className="mt-4 flex flex-col gap-4 border-t border-neutral-200 pt-6">
          <h2 id="billing-profile" className="text-lg font-semibold">
            {t("billing.payment.profileHeading")}
          </h2>
          <Card className="p-4" role="region" aria-label={t("billing.profile.heading")}>
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
          {profileMode ? (
            <BillingProfileForm
              mode={profileMode}
              values={
                profile ? { recipientName: profile.recipientName, recipientDepartment: profile.recipientDepartment, invoiceEmail: profile.invoiceEmail } : null
              }
              pendingRequest={profileData.pendingRequest}
            />
          ) : null}
          <div>
            <h3 className="mb-2 text-sm font-semibold">{t("billing.payment.profileHistoryHeading")}</h3>
            <ChangeHistory kind="billing_profile" events={profileData.history} />
          </div>
        </section>
      </div>
    </div>
  );
}
