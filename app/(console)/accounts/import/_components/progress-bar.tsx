"use client";
import { useTranslations } from "next-intl";
import { formatNumber } from "@/lib/format";
import type { ImportProgress } from "@/lib/schemas/account-import";

// The stream's progress for the current step (read → check → write → mail), as a bar and in words.
export function ProgressBar({ progress }: { progress: ImportProgress | null }) {
  const t = useTranslations("accountImport.progress");
  const phase = progress?.phase ?? "read";
  const percent = progress && progress.total > 0 ? Math.min(100, Math.round((progress.done / progress.total) * 100)) : 0;
  const text = t(phase, { done: formatNumber(progress?.done ?? 0), total: formatNumber(progress?.total ?? 0) });
  return (
    <div className="rounded-lg border border-neutral-200 bg-white p-4">
      <p className="mb-2 text-sm text-neutral-800" aria-live="polite" data-testid="import-progress-text">
        {text}
      </p>
      <div
        role="progressbar"
        aria-label={t("label")}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        aria-valuetext={text}
        data-phase={phase}
        className="h-2 w-full overflow-hidden rounded-full bg-neutral-200"
      >
        <div className="h-full bg-accent-600 transition-[width] duration-200" style={{ width: `${percent}%` }} />
      </div>
    </div>
  );
}
