"use client";
import { useTranslations } from "next-intl";
import { ChangeForm, FormField, type ChangeMode, type PendingRequestView } from "@/components/changes/change-form";
import { Input, Select } from "@/components/ui/input";
import { LINE_LIMITS, LINE_PLANS } from "@/lib/schemas/lines";
import { requestLineSettingsChangeAction, updateLineSettingsAction } from "../actions";

export interface LineSettingsValues {
  plan: string;
  dataAllowanceGb: number;
  internationalRoaming: boolean;
  costCenter: string | null;
}

const limits = { plan: { max: LINE_LIMITS.plan }, dataAllowanceGb: LINE_LIMITS.dataAllowanceGb, costCenter: { max: LINE_LIMITS.costCenter } };

export function LineSettingsForm({ lineId, mode, values, pendingRequest }: { lineId: string; mode: ChangeMode; values: LineSettingsValues; pendingRequest: PendingRequestView | null }) {
  const t = useTranslations("lines.form");
  const plans: string[] = (LINE_PLANS as readonly string[]).includes(values.plan) ? [...LINE_PLANS] : [values.plan, ...LINE_PLANS];
  return (
    <ChangeForm
      mode={mode}
      kind="line_settings"
      title={t("title")}
      directAction={updateLineSettingsAction}
      requestAction={requestLineSettingsChangeAction}
      hidden={{ id: lineId }}
      limits={limits}
      pendingRequest={pendingRequest}
    >
      {(error) => (
        <>
          <div className="grid gap-4 sm:grid-cols-2">
            <FormField id="line-plan" label={t("plan")} hint={t("planHint")} error={error("plan")}>
              {(describedBy) => (
                <Select id="line-plan" name="plan" defaultValue={values.plan} aria-invalid={error("plan") ? true : undefined} aria-describedby={describedBy} className="w-full">
                  {plans.map((plan) => (
                    <option key={plan} value={plan}>
                      {plan}
                    </option>
                  ))}
                </Select>
              )}
            </FormField>
            <FormField id="line-allowance" label={t("dataAllowanceGb")} hint={t("dataAllowanceHint", LINE_LIMITS.dataAllowanceGb)} error={error("dataAllowanceGb")}>
              {(describedBy) => (
                <div className="flex items-center gap-2">
                  {/* Text, not type=number: Japanese input methods type full-width digits, which the server accepts. */}
                  <Input
                    id="line-allowance"
                    name="dataAllowanceGb"
                    inputMode="numeric"
                    autoComplete="off"
                    defaultValue={String(values.dataAllowanceGb)}
                    aria-invalid={error("dataAllowanceGb") ? true : undefined}
                    aria-describedby={describedBy}
                    className="num w-24 text-right"
                  />
                  <span className="text-sm text-neutral-700">{t("gbUnit")}</span>
                </div>
              )}
            </FormField>
          </div>
          <fieldset>
            <legend className="mb-1 text-sm font-medium text-neutral-800">{t("roaming")}</legend>
            <div className="flex flex-wrap gap-x-6 gap-y-2">
              {[true, false].map((on) => (
                <label key={String(on)} className="flex items-center gap-2 text-sm text-neutral-800">
                  <input type="radio" name="internationalRoaming" value={String(on)} defaultChecked={values.internationalRoaming === on} className="size-4 accent-accent-600" />
                  {on ? t("roamingOn") : t("roamingOff")}
                </label>
              ))}
            </div>
            {error("internationalRoaming") ? <p className="mt-1 text-sm text-red-700">{error("internationalRoaming")}</p> : null}
          </fieldset>
          <FormField id="line-cost-center" label={t("costCenter")} hint={t("costCenterHint")} error={error("costCenter")}>
            {(describedBy) => (
              <Input
                id="line-cost-center"
                name="costCenter"
                autoComplete="off"
                defaultValue={values.costCenter ?? ""}
                maxLength={LINE_LIMITS.costCenter + 20}
                aria-invalid={error("costCenter") ? true : undefined}
                aria-describedby={describedBy}
                className="sm:max-w-sm"
              />
            )}
          </FormField>
        </>
      )}
    </ChangeForm>
  );
}
