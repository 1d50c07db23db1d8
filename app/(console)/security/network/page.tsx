import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/ui/card";
import { listAllowlist } from "@/lib/server/network/list-allowlist";
import { load } from "@/lib/server/page";
import { AddEntryDialog } from "./_components/add-entry-dialog";
import { AllowlistTable } from "./_components/allowlist-table";
import { PolicyPanel } from "./_components/policy-panel";
import { NoticeProvider } from "@/components/ui/notice";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("network"))("title") };
}

export default async function NetworkPage() {
  const data = await load(() => listAllowlist());
  const t = await getTranslations("network");
  return (
    <NoticeProvider>
      <PageHeader
        title={t("title")}
        description={t("description")}
        actions={data.canManage ? <AddEntryDialog currentIp={data.currentAddress.ip} /> : null}
      />
      {!data.canManage ? <p className="-mt-3 mb-4 text-sm text-neutral-600">{t("readOnly")}</p> : null}
      <PolicyPanel policy={data.policy} currentAddress={data.currentAddress} canManage={data.canManage} />
      <div className="mb-2 flex items-baseline gap-2">
        <h2 className="text-base font-semibold">{t("list.heading")}</h2>
        <span className="num text-sm text-neutral-600">{t("list.count", { count: data.entries.length })}</span>
      </div>
      <AllowlistTable entries={data.entries} now={data.now} canManage={data.canManage} currentIp={data.currentAddress.ip} />
    </NoticeProvider>
  );
}
