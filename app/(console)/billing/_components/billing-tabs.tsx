"use client";
import { useTranslations } from "next-intl";
import { LocalTabs } from "@/components/layout/local-tabs";

// The billing area's two views; a statement's own page belongs to the statements tab.
export function BillingTabs() {
  const t = useTranslations("billing.tabs");
  return (
    <LocalTabs
      label={t("label")}
      tabs={[
        { href: "/billing", label: t("statements") },
        { href: "/billing/payment", label: t("payment") },
      ]}
    />
  );
}
