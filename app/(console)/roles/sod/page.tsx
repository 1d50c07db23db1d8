import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/ui/card";
import { NoticeProvider } from "@/components/ui/notice";
import { listSodRules } from "@/lib/server/sod/list-sod-rules";
import { load } from "@/lib/server/page";
import { RolesTabs } from "../_components/roles-tabs";
import { OverrideSetting } from "./_components/override-setting";
import { AddRuleButton } from "./_components/rule-dialog";
import { RulesTable } from "./_components/rules-table";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("rolesArea");
  return { title: `${t("tabs.sod")} | ${t("title")}` };
}

export default async function SodRulesPage() {
  const data = await load(listSodRules);
  const t = await getTranslations("rolesArea");
  return (
    <NoticeProvider>
      <div className="max-w-6xl">
        <PageHeader title={t("title")} description={t("description")} actions={data.canManage ? <AddRuleButton /> : null} />
        <RolesTabs />
        <p className="mb-4 text-sm text-neutral-700">{t("sod.description")}</p>
        {!data.canManage ? <p className="mb-4 rounded-md border border-neutral-200 bg-neutral-50 px-3 py-2 text-sm text-neutral-700">{t("sod.readOnly")}</p> : null}
        <OverrideSetting overrideAllowed={data.overrideAllowed} canManage={data.canManage} />
        <div className="mb-2 flex items-baseline gap-2">
          <h2 className="text-base font-semibold">{t("sod.list.heading")}</h2>
          <span className="num text-sm text-neutral-600">{t("sod.list.count", { count: data.rules.length })}</span>
        </div>
        <RulesTable rules={data.rules} canManage={data.canManage} />
      </div>
    </NoticeProvider>
  );
}
