import { getTranslations } from "next-intl/server";
import { SimpleTable } from "@/components/ui/simple-table";
import { formatDateTime, formatNumber } from "@/lib/format";
import type { RosterImportEntry } from "@/lib/server/hr/list-roster-imports";

// The roster's imports, newest first: the evidence of when HR's data was last brought in, by whom and what it changed.
export async function ImportHistory({ imports, total }: { imports: RosterImportEntry[]; total: number }) {
  const t = await getTranslations("roster");
  const encoding = (e: string) => (t.has(`encoding.${e}`) ? t(`encoding.${e}`) : t("encoding.unknown"));
  return (
    <section aria-labelledby="roster-history" className="mt-8">
      <div className="mb-2 flex flex-wrap items-baseline justify-between gap-2">
        <h2 id="roster-history" className="text-base font-semibold">
          {t("history.heading")}
        </h2>
        {total > imports.length ? <p className="text-xs text-neutral-600">{t("history.shown", { shown: formatNumber(imports.length), total: formatNumber(total) })}</p> : null}
      </div>
      <div data-testid="roster-history">
        <SimpleTable
          rows={imports}
          rowKey={(r) => r.id}
          empty={t("history.empty")}
          columns={[
            { header: t("history.columns.createdAt"), cell: (r) => <span className="num whitespace-nowrap">{formatDateTime(r.createdAt)}</span> },
            {
              header: t("history.columns.importedBy"),
              cell: (r) =>
                r.importedBy ? (
                  <>
                    {r.importedBy.displayName}
                    <span className="block text-xs text-neutral-600">{r.importedBy.loginId}</span>
                  </>
                ) : (
                  <span className="text-neutral-600">{t("history.unknownPerson")}</span>
                ),
            },
            { header: t("history.columns.fileName"), cell: (r) => <span className="break-all">{r.fileName}</span> },
            { header: t("history.columns.encoding"), cell: (r) => <span className="whitespace-nowrap">{encoding(r.encoding)}</span> },
            { header: t("history.columns.rowCount"), cell: (r) => formatNumber(r.rowCount), align: "right" },
            { header: t("history.columns.created"), cell: (r) => formatNumber(r.createdCount), align: "right" },
            { header: t("history.columns.updated"), cell: (r) => formatNumber(r.updatedCount), align: "right" },
            { header: t("history.columns.removed"), cell: (r) => formatNumber(r.removedCount), align: "right" },
          ]}
        />
      </div>
    </section>
  );
}
