import { getTranslations } from "next-intl/server";
import { Badge } from "@/components/ui/badge";
import { cn } from "@/components/ui/cn";
import { formatDateTime } from "@/lib/format";
import type { listMyLines } from "@/lib/server/me/list-my-lines";
import { lineStatusTone } from "../../lines/_components/line-status";

export type MyLine = Awaited<ReturnType<typeof listMyLines>>["lines"][number];

const gb = new Intl.NumberFormat("ja-JP", { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const NEAR_SHARE = 0.8;

/**
 * The member's lines with this month's usage bar: used GB against the plan's allowance plus this month's add-ons.
 * `lineAction` is the slot for a per-line action, shown under the usage (My Page puts the 容量追加 request there).
 */
export async function MyLines({ lines, monthLabel, lineAction }: { lines: MyLine[]; monthLabel: string; lineAction?: (line: MyLine) => React.ReactNode }) {
  const t = await getTranslations();
  if (lines.length === 0) return <p className="rounded-md border border-dashed border-neutral-300 px-4 py-6 text-center text-sm text-neutral-600">{t("me.lines.none")}</p>;
  return (
    <ul className="space-y-3" aria-label={t("me.lines.title")}>
      {lines.map((line) => {
        const share = line.usedGb === null || line.capacityGb <= 0 ? 0 : line.usedGb / line.capacityGb;
        const tone = share >= 1 ? "over" : share >= NEAR_SHARE ? "near" : "ok";
        const action = lineAction?.(line);
        return (
          <li key={line.id} className="rounded-md border border-neutral-200 p-4" data-testid="my-line">
            <div className="flex flex-wrap items-start justify-between gap-3">
              <div className="min-w-0">
                <div className="flex flex-wrap items-center gap-2">
                  <span className="num text-base font-semibold text-neutral-900">{line.phoneNumber}</span>
                  <Badge tone={lineStatusTone[line.status]}>{t(`lineStatus.${line.status}`)}</Badge>
                </div>
                <p className="mt-0.5 text-sm text-neutral-700">
                  {line.plan} · {t(`simType.${line.simType}`)} · {t("me.lines.allowanceValue", { gb: line.dataAllowanceGb })}
                </p>
              </div>
            </div>
            <div className="mt-3">
              <div className="flex flex-wrap items-baseline justify-between gap-x-3 text-sm">
                <span className="text-neutral-600">
                  {t("me.lines.usage")} <span className="text-xs">({monthLabel})</span>
                </span>
                {line.usedGb === null ? (
                  <span className="text-neutral-600">{t("me.lines.usageNotReported")}</span>
                ) : (
                  <span className="num font-medium text-neutral-900" data-testid="line-usage">
                    {t("me.lines.usageValue", { used: gb.format(line.usedGb), capacity: gb.format(line.capacityGb) })}
                  </span>
                )}
              </div>
              <div
                role="meter"
                aria-label={t("me.lines.usageBarLabel", { number: line.phoneNumber })}
                aria-valuemin={0}
                aria-valuemax={line.capacityGb}
                aria-valuenow={line.usedGb ?? 0}
                aria-valuetext={line.usedGb === null ? t("me.lines.usageNotReported") : t("me.lines.usageValue", { used: gb.format(line.usedGb), capacity: gb.format(line.capacityGb) })}
                className="mt-1.5 h-2.5 overflow-hidden rounded-full bg-neutral-100"
              >
                <div
                  className={cn("h-full rounded-full", tone === "over" ? "bg-red-600" : tone === "near" ? "bg-amber-500" : "bg-accent-600")}
                  style={{ width: `${Math.min(100, Math.round(share * 100))}%` }}
                />
              </div>
              <div className="mt-1 flex flex-wrap justify-between gap-x-3 text-xs text-neutral-600">
                <span>
                  {line.addonGb > 0
                    ? t("me.lines.usageBreakdown", { allowance: line.dataAllowanceGb, addon: line.addonGb })
                    : t("me.lines.usagePlanOnly", { allowance: line.dataAllowanceGb })}
                </span>
                {line.usageUpdatedAt ? <span className="num">{t("me.lines.usageUpdated", { at: formatDateTime(line.usageUpdatedAt) })}</span> : null}
              </div>
              {tone !== "ok" ? (
                <p className={cn("mt-1 text-sm", tone === "over" ? "text-red-700" : "text-amber-900")}>{tone === "over" ? t("me.lines.usageOver") : t("me.lines.usageNear")}</p>
              ) : null}
            </div>
            {/* Per-line action (容量追加を申請), below the usage it answers. */}
            {action ? <div className="mt-3 border-t border-neutral-100 pt-3">{action}</div> : null}
          </li>
        );
      })}
    </ul>
  );
}
