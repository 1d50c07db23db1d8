import { getTranslations } from "next-intl/server";
import { Download } from "lucide-react";

// エクスポート: the current filters as a CSV or JSON Lines download (GET /api/audit/export, streamed by the server).
export async function ExportMenu({ filters }: { filters: Record<string, string> }) {
  const t = await getTranslations("auditExport");
  const href = (format: "csv" | "jsonl") => `/api/audit/export?${new URLSearchParams({ ...filters, format }).toString()}`;
  const link = "inline-flex h-8 items-center gap-1.5 rounded-md border border-neutral-300 bg-white px-2.5 text-sm text-neutral-800 hover:bg-neutral-50";
  return (
    <div role="group" aria-label={t("menuLabel")} title={t("hint")} className="flex items-center gap-1.5 border-l border-neutral-200 pl-3">
      <span className="inline-flex items-center gap-1 text-sm text-neutral-600">
        <Download className="size-4" aria-hidden />
        {t("button")}
      </span>
      <a href={href("csv")} download className={link}>
        {t("csv")}
      </a>
      <a href={href("jsonl")} download className={link}>
        {t("jsonl")}
      </a>
    </div>
  );
}
