import Link from "next/link";
import { useTranslations } from "next-intl";
import { Download, Upload } from "lucide-react";
import { Button } from "@/components/ui/button";
import type { ListAccountsQuery } from "@/lib/schemas/accounts";
import { hrefWith } from "@/lib/url-state";

// The list's CSV buttons: export what the filters show (anyone who sees the list), import for those who manage accounts.
export function AccountsCsvActions({ query, canImport }: { query: ListAccountsQuery; canImport: boolean }) {
  const t = useTranslations("accountImport.listActions");
  const exportHref = hrefWith(
    "/api/accounts/export",
    { q: query.q, status: query.status, kind: query.kind, department: query.department, sort: query.sort, dir: query.dir },
    {},
    { sort: "displayName", dir: "asc" },
  );
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
          <Link href="/accounts/import">
            <Upload className="size-4" aria-hidden />
            {t("import")}
          </Link>
        </Button>
      ) : null}
    </>
  );
}
