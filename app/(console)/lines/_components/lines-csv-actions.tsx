import Link from "next/link";
import { useTranslations } from "next-intl";
import { Download, Upload } from "lucide-react";
import { Button } from "@/components/ui/button";
import type { ListLinesQuery } from "@/lib/schemas/lines";
import { hrefWith } from "@/lib/url-state";

// The list's CSV buttons: export what the filters show (anyone who sees the list), import for those who manage lines.
export function LinesCsvActions({ query, canImport }: { query: ListLinesQuery; canImport: boolean }) {
  const t = useTranslations("lines.csv");
  const exportHref = hrefWith("/api/lines/export", { q: query.q, status: query.status, simType: query.simType, holder: query.holder, plan: query.plan }, {});
  return (
    <>
      <Button asChild variant="secondary">
        <a href={exportHref} download title={t("exportHint")}>
          <Download className="size-4" aria-hidden />
          {t("export")}
        </a>
      </Button>
      {canImport ? (
        <Button asChild variant="secondary">
          <Link href="/lines/import">
            <Upload className="size-4" aria-hidden />
            {t("import")}
          </Link>
        </Button>
      ) : null}
    </>
  );
}
