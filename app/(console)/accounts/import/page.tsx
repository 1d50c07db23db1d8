import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { ChevronLeft, Download } from "lucide-react";
import { Button } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/card";
import { accountCsvTemplate } from "@/lib/policy/account-csv";
import { getAccountImportOptions } from "@/lib/server/accounts/get-account-import-options";
import { load } from "@/lib/server/page";
import { ImportHelp } from "./_components/import-help";
import { ImportWorkbench } from "./_components/import-workbench";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("accountImport"))("title") };
}

// The template is small and fixed: served inline, so it downloads without another request or permission check.
const TEMPLATE_HREF = `data:text/csv;charset=utf-8,${encodeURIComponent(accountCsvTemplate())}`;

export default async function AccountImportPage() {
  const options = await load(() => getAccountImportOptions());
  const t = await getTranslations("accountImport");
  return (
    <div>
      <Link
        href="/accounts"
        className="mb-3 inline-flex items-center gap-1 text-sm text-accent-700 hover:underline"
      >
        <ChevronLeft className="size-4" aria-hidden />
        {t("backToList")}
      </Link>
      <PageHeader
        title={t("title")}
        description={t("description")}
        actions={
          <Button asChild variant="secondary">
            <a href={TEMPLATE_HREF} download={t("template.fileName")}>
              <Download className="size-4" aria-hidden />
              {t("template.download")}
            </a>
          </Button>
        }
      />
      <ImportWorkbench
        maxBytes={options.maxBytes}
        maxRows={options.maxRows}
        help={
          <ImportHelp departments={options.departments} roles={options.roles} />
        }
      />
    </div>
  );
}
