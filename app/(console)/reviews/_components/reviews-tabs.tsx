"use client";
import { useTranslations } from "next-intl";
import { LocalTabs } from "@/components/layout/local-tabs";

// The access review area's views: the campaigns (and a campaign's own pages) and the HR roster reconciliation.
export function ReviewsTabs() {
  const t = useTranslations("reviewTabs");
  return (
    <LocalTabs
      label={t("label")}
      tabs={[
        { href: "/reviews", label: t("campaigns") },
        { href: "/reviews/roster", label: t("roster") },
      ]}
    />
  );
}
