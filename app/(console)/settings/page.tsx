import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { KeyRound } from "lucide-react";
import { NotBuilt } from "@/components/layout/not-built";
import { authorize } from "@/lib/server/authorize";
import { load } from "@/lib/server/page";

export default async function Page() {
  await load(() => authorize("org", "view"));
  const t = await getTranslations("apiKeys");
  return (
    <>
      <NotBuilt area="settings" />
      <Link href="/settings/api-keys" className="mt-4 flex items-start gap-3 rounded-lg border border-neutral-200 bg-white p-4 hover:bg-neutral-50">
        <KeyRound className="mt-0.5 size-5 text-neutral-500" aria-hidden />
        <span>
          <span className="block font-medium text-accent-700">{t("settingsLink")}</span>
          <span className="block text-sm text-neutral-600">{t("settingsLinkHint")}</span>
        </span>
      </Link>
    </>
  );
}
