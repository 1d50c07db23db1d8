"use client";
import { useId, useRef, useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Input, Label } from "@/components/ui/input";
import { useNotice } from "@/components/ui/notice";
import type { ActionResult } from "@/lib/server/action";
import { createTravelNoticeAction } from "../actions";

const FIELDS = ["loginId", "countries", "startDate", "endDate", "note"] as const;

export function AddNoticeForm() {
  const t = useTranslations("detections");
  const notice = useNotice();
  const router = useRouter();
  const id = useId();
  const form = useRef<HTMLFormElement>(null);
  const [result, setResult] = useState<ActionResult<{ id: string }> | null>(null);
  const [pending, start] = useTransition();
  const errorOf = (field: string) => {
    const code = result && !result.ok ? result.fieldErrors?.[field] : undefined;
    return code ? (t.has(`errors.${code}`) ? t(`errors.${code}`) : t("errors.invalid")) : undefined;
  };
  const submit = (e: React.FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const data = new FormData(e.currentTarget);
    start(async () => {
      const r = await createTravelNoticeAction(null, data);
      setResult(r);
      if (r.ok) {
        form.current?.reset();
        notice(t("travel.added"));
        router.refresh();
      }
    });
  };
  const problem = result && !result.ok && !result.fieldErrors ? (t.has(`errors.${result.code}`) ? t(`errors.${result.code}`) : t("errors.unavailable")) : null;
  return (
    <Card role="region" aria-labelledby={`${id}-title`} className="px-5 py-4">
      <h2 id={`${id}-title`} className="mb-3 text-base font-semibold text-neutral-900">
        {t("travel.add")}
      </h2>
      <form ref={form} onSubmit={submit} noValidate className="grid gap-4 sm:grid-cols-2 lg:grid-cols-[2fr_1fr_1fr_1fr]">
        {FIELDS.filter((f) => f !== "note").map((field) => (
          <div key={field}>
            <Label htmlFor={`${id}-${field}`}>{t(`travel.${field}`)}</Label>
            <Input
              id={`${id}-${field}`}
              name={field}
              type={field.endsWith("Date") ? "date" : "text"}
              autoComplete="off"
              aria-invalid={errorOf(field) ? true : undefined}
              aria-describedby={[errorOf(field) ? `${id}-${field}-error` : "", field === "countries" ? `${id}-countries-hint` : ""].filter(Boolean).join(" ") || undefined}
              className="w-full"
            />
            {errorOf(field) ? (
              <p id={`${id}-${field}-error`} className="mt-1 text-sm text-red-700">
                {errorOf(field)}
              </p>
            ) : null}
            {field === "countries" ? (
              <p id={`${id}-countries-hint`} className="mt-1 text-xs text-neutral-600">
                {t("travel.countriesHint")}
              </p>
            ) : null}
          </div>
        ))}
        <div className="sm:col-span-2 lg:col-span-3">
          <Label htmlFor={`${id}-note`}>{t("travel.note")}</Label>
          <Input id={`${id}-note`} name="note" autoComplete="off" className="w-full" />
          {errorOf("note") ? <p className="mt-1 text-sm text-red-700">{errorOf("note")}</p> : null}
        </div>
        <div className="flex items-end justify-end gap-3">
          {problem ? (
            <p role="alert" className="text-sm text-red-700">
              {problem}
            </p>
          ) : null}
          <Button type="submit" disabled={pending}>
            {t("travel.add")}
          </Button>
        </div>
      </form>
    </Card>
  );
}
