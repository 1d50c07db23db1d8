import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/ui/card";
import { getDetectionSettings } from "@/lib/server/detections/get-detection-settings";
import { load } from "@/lib/server/page";
import { CalendarForm } from "./_components/calendar-form";
import { RuleForm } from "./_components/rule-form";
import { WebhookForm } from "./_components/webhook-form";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("detections"))("title") };
}

export default async function DetectionRulesPage() {
  const settings = await load(getDetectionSettings);
  const t = await getTranslations("detections");
  return (
    <div className="max-w-6xl">
      <PageHeader
        title={t("title")}
        description={t("description")}
        actions={
          <Link href="/security/travel" className="text-sm font-medium text-accent-700 underline-offset-2 hover:underline">
            {t("travelLink")}
          </Link>
        }
      />
      {settings.canManage ? null : <p className="mb-4 rounded-md border border-neutral-200 bg-neutral-50 px-3 py-2 text-sm text-neutral-700">{t("readOnly")}</p>}
      <h2 className="mb-3 text-base font-semibold text-neutral-900">{t("rulesHeading")}</h2>
      <div className="grid items-start gap-4 xl:grid-cols-2">
        {settings.rules.map((rule) => (
          <RuleForm key={rule.kind} rule={rule} canManage={settings.canManage} />
        ))}
      </div>
      <div className="mt-6 grid items-start gap-4 xl:grid-cols-2">
        <CalendarForm calendar={settings.calendar} allowedCountries={settings.allowedCountries} canManage={settings.canManage} />
        <WebhookForm webhook={settings.webhook} canManage={settings.canManage} />
      </div>
    </div>
  );
}
