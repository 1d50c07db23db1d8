import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { ChevronLeft, Download } from "lucide-react";
import { Button } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/card";
import { LINE_COLUMNS, lineCsvTemplate, MAX_LINE_IMPORT_BYTES, MAX_LINE_IMPORT_ROWS } from "@/lib/policy/line-csv";
import { authorize } from "@/lib/server/authorize";
import { load } from "@/lib/server/page";
import { LineImportWorkbench } from "./_components/line-import-workbench";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("lines.import"))("title") };
}

// The template is small and fixed: served inline, so it downloads without another request.
const TEMPLATE_HREF = `data:text/csv;charset=utf-8,${encodeURIComponent(lineCsvTemplate())}`;

export default async function LineImportPage() {
  await load(() => authorize("lines", "manage"));
  const t = await getTranslations("lines.import");
  return (
    <div>
      <Link href="/lines" className="mb-3 inline-flex items-center gap-1 text-sm text-accent-700 hover:underline">
        <ChevronLeft className="size-4" aria-hidden />
        {t("backToList")}
      </Link>
      <PageHeader
        title={t("title")}
        description={t("description")}
        actions={
          <Button asChild variant="secondary">
            <a href={TEMPLATE_HREF} download={t("templateFileName")}>
              <Download className="size-4" aria-hidden />
              {t("template")}
            </a>
          </Button>
        }
      />
      <LineImportWorkbench maxMb={Math.round(MAX_LINE_IMPORT_BYTES / 1024 / 1024)} maxRows={MAX_LINE_IMPORT_ROWS} />
      <details className="mt-6 rounded-lg border border-neutral-200 bg-white px-4 py-3 text-sm">
        <summary className="cursor-pointer font-medium">{t("columnsHeading")}</summary>
        <ul className="mt-2 list-disc space-y-1 pl-5 text-neutral-700">
          {LINE_COLUMNS.map((c) => (
            <li key={c.field}>
              <span className="font-medium">{c.heading}</span> / {c.english}
              {c.required ? ` (${t("required")})` : ""}: {t(`columnHelp.${c.field}`)}
            </li>
          ))}
        </ul>
      </details>
    </div>
  );
}
