"use client";
import { useTranslations } from "next-intl";
import { ChangeForm, type ChangeMode, type PendingRequestView } from "@/components/changes/change-form";
import { cn } from "@/components/ui/cn";
import { formatNumber } from "@/lib/format";
import { ADDON_MONTHLY_LIMIT_GB, ADDON_SIZES_GB, addonPriceYen, TAX_RATE_PERCENT } from "@/lib/policy/billing";
import { addDataAddonAction, requestDataAddonAction } from "../actions";

/** What a size costs with consumption tax, as the statement will bill it. */
const priceWithTax = (gb: number) => Math.floor((addonPriceYen(gb) * (100 + TAX_RATE_PERCENT)) / 100);

/**
 * 容量追加 for one line: lines:manage adds it at once ("direct"); its user (My Page) or lines:request asks for it
 * ("request"). Sizes beyond what is left of this month's limit are not offered when the caller knows what is left.
 */
export function DataAddonForm({
  lineId,
  mode,
  pendingRequest = null,
  remainingGb,
}: {
  lineId: string;
  mode: ChangeMode;
  pendingRequest?: PendingRequestView | null;
  remainingGb?: number;
}) {
  const t = useTranslations("billing");
  const fits = (gb: number) => remainingGb === undefined || gb <= remainingGb;
  const first = ADDON_SIZES_GB.find(fits);
  return (
    <ChangeForm
      mode={mode}
      kind="line_data_addon"
      title={mode === "direct" ? t("addon.formTitleDirect") : t("addon.formTitleRequest")}
      description={t("addon.formDescription")}
      submitLabel={mode === "direct" ? t("addon.submitDirect") : t("addon.submitRequest")}
      directAction={addDataAddonAction}
      requestAction={requestDataAddonAction}
      hidden={{ lineId }}
      limits={{}}
      errorValues={{ limit: ADDON_MONTHLY_LIMIT_GB, remaining: remainingGb ?? ADDON_MONTHLY_LIMIT_GB }}
      pendingRequest={pendingRequest}
    >
      {(error) => (
        <fieldset aria-describedby={error("gb") ? `addon-gb-${lineId}-error` : undefined}>
          <legend className="mb-1 text-sm font-medium text-neutral-800">{t("addon.size")}</legend>
          <div className="flex flex-wrap gap-2">
            {ADDON_SIZES_GB.map((gb) => {
              const disabled = !fits(gb);
              return (
                <label
                  key={gb}
                  className={cn(
                    "flex min-w-36 cursor-pointer items-center gap-2 rounded-md border border-neutral-300 px-3 py-2 text-sm has-[:checked]:border-accent-600 has-[:checked]:bg-accent-50",
                    disabled && "cursor-not-allowed opacity-60",
                  )}
                >
                  <input type="radio" name="gb" value={gb} defaultChecked={gb === first} disabled={disabled} className="size-4 accent-accent-600" />
                  <span>
                    <span className="num block font-medium">{t("addon.sizeOption", { gb })}</span>
                    <span className="num block text-xs text-neutral-600">
                      {disabled ? t("addon.overLimit") : t("addon.sizePrice", { price: t("yen", { value: formatNumber(priceWithTax(gb)) }) })}
                    </span>
                  </span>
                </label>
              );
            })}
          </div>
          {error("gb") ? (
            <p id={`addon-gb-${lineId}-error`} className="mt-1 text-sm text-red-700">
              {error("gb")}
            </p>
          ) : null}
        </fieldset>
      )}
    </ChangeForm>
  );
}
