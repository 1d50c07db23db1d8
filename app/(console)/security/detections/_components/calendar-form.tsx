"use client";
import { useId, useState, useTransition } from "react";
import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { Input, Label } from "@/components/ui/input";
import type { OrgCalendar } from "@/lib/policy/org-calendar";
import type { ActionResult } from "@/lib/server/action";
import { updateDetectionCalendarAction } from "../actions";
import { FieldError, SettingsCard, StatusLine, useErrorText } from "./form-bits";

type Result = ActionResult<{ changed: boolean }>;

/** "12-29 01-03 年末年始" per line → closed-day entries; a line that does not read so is kept for the server to refuse. */
function parseClosedDays(text: string) {
  return text
    .split("\n")
    .map((line) => line.normalize("NFKC").trim())
    .filter(Boolean)
    .map((line) => {
      const [from = "", to = "", ...label] = line.split(/\s+/);
      return { from, to, ...(label.length ? { label: label.join(" ") } : {}) };
    });
}

export function CalendarForm({ calendar, allowedCountries, canManage }: { calendar: OrgCalendar; allowedCountries: string[]; canManage: boolean }) {
  const t = useTranslations("detections");
  const errorText = useErrorText();
  const id = useId();
  const weekdays = t.raw("calendar.weekdays") as string[];
  const [values, setValues] = useState({
    timeZone: calendar.timeZone,
    businessDays: calendar.businessDays,
    startHour: String(calendar.startHour),
    endHour: String(calendar.endHour),
    observeJpHolidays: calendar.observeJpHolidays,
    closedDays: calendar.closedDays.map((c) => [c.from, c.to, c.label ?? ""].join(" ").trim()).join("\n"),
    allowedCountries: allowedCountries.join(", "),
  });
  const [result, setResult] = useState<Result | null>(null);
  const [pending, start] = useTransition();
  const set = <K extends keyof typeof values>(key: K, value: (typeof values)[K]) => setValues((v) => ({ ...v, [key]: value }));
  const error = (field: string) => {
    if (!result || result.ok || !result.fieldErrors) return undefined;
    const key = Object.keys(result.fieldErrors).find((k) => k === field || k.startsWith(`${field}.`));
    return key ? errorText(result.fieldErrors[key]) : undefined;
  };
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    start(async () => {
      setResult(await updateDetectionCalendarAction(null, { ...values, closedDays: parseClosedDays(values.closedDays) }));
    });
  };
  const problem = result && !result.ok && !result.fieldErrors ? errorText(result.code) : null;
  const describedBy = (field: string, hint?: boolean) => [error(field) ? `${id}-${field}-error` : "", hint ? `${id}-${field}-hint` : ""].filter(Boolean).join(" ") || undefined;
  return (
    <SettingsCard title={t("calendar.title")} description={t("calendar.description")}>
      <form onSubmit={submit} noValidate>
        <fieldset disabled={!canManage} className="flex flex-col gap-4">
          <div>
            <Label htmlFor={`${id}-timeZone`}>{t("calendar.timeZone")}</Label>
            <Input id={`${id}-timeZone`} value={values.timeZone} onChange={(e) => set("timeZone", e.currentTarget.value)} aria-invalid={error("timeZone") ? true : undefined} aria-describedby={describedBy("timeZone")} className="w-56" />
            <FieldError id={`${id}-timeZone-error`} text={error("timeZone")} />
          </div>
          <fieldset>
            <legend className="mb-1 text-sm font-medium text-neutral-800">{t("calendar.businessDays")}</legend>
            <div className="flex flex-wrap gap-3">
              {weekdays.map((label, day) => (
                <label key={day} className="flex items-center gap-1 text-sm text-neutral-800">
                  <input
                    type="checkbox"
                    checked={values.businessDays.includes(day)}
                    onChange={(e) => set("businessDays", e.currentTarget.checked ? [...values.businessDays, day].sort() : values.businessDays.filter((d) => d !== day))}
                    className="size-4 accent-accent-600"
                  />
                  {label}
                </label>
              ))}
            </div>
          </fieldset>
          <fieldset>
            <legend className="mb-1 text-sm font-medium text-neutral-800">{t("calendar.hours")}</legend>
            <div className="flex flex-wrap gap-4">
              {(["startHour", "endHour"] as const).map((field) => (
                <div key={field}>
                  <Label htmlFor={`${id}-${field}`} className="text-xs text-neutral-600">
                    {t(`calendar.${field}`)}
                  </Label>
                  <Input id={`${id}-${field}`} inputMode="numeric" value={values[field]} onChange={(e) => set(field, e.currentTarget.value)} aria-invalid={error(field) ? true : undefined} aria-describedby={describedBy(field)} className="num w-20 text-right" />
                  <FieldError id={`${id}-${field}-error`} text={error(field)} />
                </div>
              ))}
            </div>
            <p className="mt-1 text-xs text-neutral-600">{t("calendar.hoursHint")}</p>
          </fieldset>
          <label className="flex items-center gap-2 text-sm text-neutral-800">
            <input type="checkbox" checked={values.observeJpHolidays} onChange={(e) => set("observeJpHolidays", e.currentTarget.checked)} className="size-4 accent-accent-600" />
            {t("calendar.observeJpHolidays")}
          </label>
          <div>
            <Label htmlFor={`${id}-closedDays`}>{t("calendar.closedDays")}</Label>
            <textarea
              id={`${id}-closedDays`}
              rows={3}
              value={values.closedDays}
              onChange={(e) => set("closedDays", e.currentTarget.value)}
              aria-invalid={error("closedDays") ? true : undefined}
              aria-describedby={describedBy("closedDays", true)}
              className="w-full rounded-md border border-neutral-300 px-3 py-2 font-mono text-sm focus-visible:outline-2 focus-visible:outline-accent-600"
            />
            <FieldError id={`${id}-closedDays-error`} text={error("closedDays")} />
            <p id={`${id}-closedDays-hint`} className="mt-1 text-xs text-neutral-600">
              {t("calendar.closedDaysHint")}
            </p>
          </div>
          <div>
            <Label htmlFor={`${id}-allowedCountries`}>{t("calendar.allowedCountries")}</Label>
            <Input id={`${id}-allowedCountries`} value={values.allowedCountries} onChange={(e) => set("allowedCountries", e.currentTarget.value)} aria-invalid={error("allowedCountries") ? true : undefined} aria-describedby={describedBy("allowedCountries", true)} className="w-56" />
            <FieldError id={`${id}-allowedCountries-error`} text={error("allowedCountries")} />
            <p id={`${id}-allowedCountries-hint`} className="mt-1 text-xs text-neutral-600">
              {t("calendar.allowedCountriesHint")}
            </p>
          </div>
        </fieldset>
        {canManage ? (
          <div className="mt-4 flex flex-wrap items-center justify-end gap-3 border-t border-neutral-100 pt-4">
            <StatusLine problem={problem} success={result?.ok ? t(result.data.changed ? "saved" : "unchanged") : null} />
            <Button type="submit" disabled={pending}>
              {pending ? t("saving") : t("save")}
            </Button>
          </div>
        ) : null}
      </form>
    </SettingsCard>
  );
}
