import { useTranslations } from "next-intl";
import { Construction } from "lucide-react";
import { PageHeader } from "@/components/ui/card";

// Areas that later releases fill say so plainly instead of showing invented content.
export function NotBuilt({ area }: { area: string }) {
  const t = useTranslations();
  const title = t(`nav.${area}` as "nav.dashboard");
  return (
    <div>
      <PageHeader title={title} />
      <div className="flex flex-col items-center rounded-lg border border-dashed border-neutral-300 bg-white px-6 py-14 text-center">
        <Construction className="mb-3 size-8 text-neutral-400" aria-hidden />
        <p className="font-medium">{t("common.notBuiltTitle")}</p>
        <p className="mt-1 max-w-md text-sm text-neutral-600">{t("common.notBuiltBody", { area: title })}</p>
      </div>
    </div>
  );
}
