import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/ui/card";
import { NoticeProvider } from "@/components/ui/notice";
import { listApiKeys } from "@/lib/server/api-keys/list-api-keys";
import { load } from "@/lib/server/page";
import { ApiKeysTable } from "./_components/api-keys-table";
import { CreateKeyDialog } from "./_components/create-key-dialog";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("apiKeys"))("title") };
}

// Organization → API keys: the keys other OCN services send sign-in events with (POST /api/v1/events).
export default async function ApiKeysPage() {
  const data = await load(() => listApiKeys());
  const t = await getTranslations("apiKeys");
  return (
    <NoticeProvider>
      <PageHeader title={t("title")} description={t("description")} actions={data.canManage ? <CreateKeyDialog /> : null} />
      {!data.canManage ? <p className="-mt-3 mb-4 text-sm text-neutral-600">{t("readOnly")}</p> : null}
      <div className="mb-2 flex items-baseline gap-2">
        <span className="num text-sm text-neutral-600">{t("count", { count: data.keys.length })}</span>
      </div>
      <ApiKeysTable keys={data.keys} canManage={data.canManage} />
    </NoticeProvider>
  );
}
