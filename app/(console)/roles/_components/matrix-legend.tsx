import { useTranslations } from "next-intl";
import { Info } from "lucide-react";
import { Card } from "@/components/ui/card";
import { DOMAINS, LEVELS } from "@/lib/permissions";
import { LevelChip } from "./permission-text";

// What the matrix's words mean: the three levels (request needs someone else's approval) and the eight areas.
export function MatrixLegend() {
  const t = useTranslations("rolesArea");
  return (
    <Card className="mt-5 grid gap-6 p-4 md:grid-cols-2" role="region" aria-labelledby="matrix-legend">
      <section>
        <h2 id="matrix-legend" className="text-sm font-semibold text-neutral-900">
          {t("legend.title")}
        </h2>
        <p className="mt-1 text-sm text-neutral-700">{t("legend.order")}</p>
        <dl className="mt-3 flex flex-col gap-2 text-sm">
          {LEVELS.map((level) => (
            <div key={level} className="grid grid-cols-[4.5rem_1fr] items-start gap-2">
              <dt>
                <LevelChip level={level} />
              </dt>
              <dd className="text-neutral-700">{t(`levelHints.${level}`)}</dd>
            </div>
          ))}
        </dl>
        <p className="mt-4 flex gap-2 text-xs text-neutral-600">
          <Info className="mt-0.5 size-3.5 shrink-0" aria-hidden />
          {t("legend.exempt")}
        </p>
      </section>
      <section aria-labelledby="matrix-domains">
        <h2 id="matrix-domains" className="text-sm font-semibold text-neutral-900">
          {t("legend.domainsTitle")}
        </h2>
        <dl className="mt-2 grid grid-cols-[7rem_1fr] gap-x-3 gap-y-1.5 text-sm">
          {DOMAINS.map((domain) => (
            <div key={domain} className="contents">
              <dt className="font-medium text-neutral-800">{t(`domains.${domain}`)}</dt>
              <dd className="text-neutral-700">{t(`domainHints.${domain}`)}</dd>
            </div>
          ))}
        </dl>
      </section>
    </Card>
  );
}
