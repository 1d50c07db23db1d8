"use client";
import { useActionState, useId, useState } from "react";
import { useTranslations } from "next-intl";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Input, Label, Select } from "@/components/ui/input";
import type { RuleSetting, Severity } from "@/lib/policy/detections";
import type { ActionResult } from "@/lib/server/action";
import { updateDetectionRuleAction } from "../actions";
import { FieldError, SettingsCard, StatusLine, fieldErrorOf, useErrorText } from "./form-bits";

type Result = ActionResult<{ changed: boolean; rule: RuleSetting }>;
// Listed here rather than imported: the policy module brings the holiday table into the browser bundle.
const SEVERITIES: Severity[] = ["low", "medium", "high", "critical"];
const severityTone = { low: "grey", medium: "amber", high: "red", critical: "red" } as const;

/** ICU select arguments are strings: booleans go in as "true" / "false". */
const messageValues = (params: Record<string, unknown>) => Object.fromEntries(Object.entries(params).map(([k, v]) => [k, typeof v === "boolean" ? String(v) : (v as number)]));

export function RuleForm({ rule, canManage }: { rule: RuleSetting; canManage: boolean }) {
  const t = useTranslations("detections");
  const errorText = useErrorText();
  const idBase = useId();
  const [state, formAction, pending] = useActionState<{ result: Result | null; saved: RuleSetting }, FormData>(
    async (previous, form) => {
      const result = await updateDetectionRuleAction(null, form);
      return { result, saved: result.ok ? result.data.rule : previous.saved };
    },
    { result: null, saved: rule },
  );
  const [enabled, setEnabled] = useState(rule.enabled);
  const saved = state.saved;
  const params = Object.entries(rule.params) as [string, number | boolean][];
  const problem = state.result && !state.result.ok && !state.result.fieldErrors ? errorText(state.result.code) : null;
  return (
    <SettingsCard
      title={t(`rules.${rule.kind}.name`)}
      description={t(`rules.${rule.kind}.description`, messageValues(saved.params))}
      aside={saved.enabled ? <Badge tone={severityTone[saved.severity]}>{t(`severities.${saved.severity}`)}</Badge> : <Badge tone="grey">{t("off")}</Badge>}
    >
      <form action={formAction} noValidate>
        <input type="hidden" name="kind" value={rule.kind} />
        <fieldset disabled={!canManage} className="flex flex-col gap-4">
          <div className="flex flex-wrap items-end gap-x-6 gap-y-3">
            <div className="flex items-center gap-2">
              <input type="hidden" name="enabled" value={String(enabled)} />
              <input id={`${idBase}-enabled`} type="checkbox" checked={enabled} onChange={(e) => setEnabled(e.currentTarget.checked)} className="size-4 accent-accent-600" />
              <label htmlFor={`${idBase}-enabled`} className="text-sm text-neutral-800">
                {t("enabled")}
              </label>
            </div>
            <div>
              <Label htmlFor={`${idBase}-severity`}>{t("severity")}</Label>
              <Select id={`${idBase}-severity`} name="severity" defaultValue={rule.severity} className="w-28">
                {SEVERITIES.map((s) => (
                  <option key={s} value={s}>
                    {t(`severities.${s}`)}
                  </option>
                ))}
              </Select>
            </div>
          </div>
          <div className="grid gap-4 sm:grid-cols-2">
            {params.map(([name, value]) => {
              const id = `${idBase}-${name}`;
              const error = errorText(fieldErrorOf(state.result, name));
              if (typeof value === "boolean") {
                return <BooleanParam key={name} id={id} name={name} initial={value} label={t(`params.${name}.label`)} />;
              }
              return (
                <div key={name}>
                  <Label htmlFor={id}>{t(`params.${name}.label`)}</Label>
                  <div className="flex items-center gap-2">
                    <Input
                      id={id}
                      name={name}
                      type="text"
                      inputMode="numeric"
                      autoComplete="off"
                      defaultValue={String(value)}
                      aria-invalid={error ? true : undefined}
                      aria-describedby={error ? `${id}-error` : undefined}
                      className="num w-24 text-right"
                    />
                    <span className="text-sm text-neutral-700">{t(`params.${name}.unit`)}</span>
                  </div>
                  <FieldError id={`${id}-error`} text={error} />
                </div>
              );
            })}
          </div>
        </fieldset>
        {canManage ? (
          <div className="mt-4 flex flex-wrap items-center justify-end gap-3 border-t border-neutral-100 pt-4">
            <StatusLine problem={problem} success={state.result?.ok ? t(state.result.data.changed ? "saved" : "unchanged") : null} />
            <Button type="submit" disabled={pending}>
              {pending ? t("saving") : t("save")}
            </Button>
          </div>
        ) : null}
      </form>
    </SettingsCard>
  );
}

function BooleanParam({ id, name, initial, label }: { id: string; name: string; initial: boolean; label: string }) {
  const [checked, setChecked] = useState(initial);
  return (
    <div className="flex items-center gap-2 sm:col-span-2">
      <input type="hidden" name={name} value={String(checked)} />
      <input id={id} type="checkbox" checked={checked} onChange={(e) => setChecked(e.currentTarget.checked)} className="size-4 accent-accent-600" />
      <label htmlFor={id} className="text-sm text-neutral-800">
        {label}
      </label>
    </div>
  );
}
