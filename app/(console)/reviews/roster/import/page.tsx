import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { ChevronLeft, Download } from "lucide-react";
import { Button } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/card";
import { HR_COLUMNS, MAX_HR_IMPORT_BYTES, MAX_HR_IMPORT_ROWS } from "@/lib/policy/hr-csv";
import { authorize } from "@/lib/server/authorize";
import { load } from "@/lib/server/page";
import { RosterImportWorkbench } from "./_components/roster-import-workbench";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("roster.import"))("title") };
}

// HR replaces the roster from its system's CSV: choose → dry run → apply all or nothing.
export default async function RosterImportPage() {
  await load(() => authorize("offboarding", "manage"));
  const t = await getTranslations("roster.import");
  return (
    <div>
      <Link href="/reviews/roster" className="mb-3 inline-flex items-center gap-1 text-sm text-accent-700 hover:underline">
        <ChevronLeft className="size-4" aria-hidden />
        {t("backToRoster")}
      </Link>
      <PageHeader
        title={t("title")}
        description={t("description")}
        actions={
          <Button asChild variant="secondary">
            <a href="/api/hr/roster/template" download>
              <Download className="size-4" aria-hidden />
              {t("template")}
            </a>
          </Button>
        }
      />
      <RosterImportWorkbench
        maxBytes={MAX_HR_IMPORT_BYTES}
        maxRows={MAX_HR_IMPORT_ROWS}
        help={
          <details className="rounded-lg border border-neutral-200 bg-white px-4 py-3 text-sm">
            <summary className="cursor-pointer font-medium">{t("help.heading")}</summary>
            <p className="mt-2 text-neutral-700">{t("help.intro")}</p>
            <div className="mt-2 overflow-x-auto">
              <table className="w-full text-left text-sm">
                <thead className="border-b border-neutral-200 text-xs text-neutral-600">
                  <tr>
                    <th scope="col" className="py-1.5 pr-3 font-medium whitespace-nowrap">
                      {t("help.column")}
                    </th>
                    <th scope="col" className="py-1.5 pr-3 font-medium whitespace-nowrap">
                      {t("help.english")}
                    </th>
                    <th scope="col" className="py-1.5 pr-3 font-medium whitespace-nowrap">
                      {t("help.need")}
                    </th>
                    <th scope="col" className="py-1.5 font-medium">
                      {t("help.meaning")}
                    </th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-neutral-100">
                  {HR_COLUMNS.map((c) => (
                    <tr key={c.field}>
                      <td className="py-1.5 pr-3 font-medium whitespace-nowrap">{c.heading}</td>
                      <td className="py-1.5 pr-3 font-mono text-xs whitespace-nowrap">{c.english}</td>
                      <td className="py-1.5 pr-3 whitespace-nowrap text-xs text-neutral-600">{c.required ? t("help.required") : t("help.optional")}</td>
                      <td className="py-1.5 text-neutral-700">{t(`help.fields.${c.field}`)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </details>
        }
      />
    </div>
  );
}
