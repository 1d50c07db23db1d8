"use client";
import { useState, useTransition } from "react";
import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import type { ActionResult } from "@/lib/server/action";
import { updateSimReturnDaysAction } from "../actions";

// HR's one setting: how many days a leaver has to send a physical SIM back (for cases registered from now on).
export function SimReturnDaysForm({ days }: { days: number }) {
  const t = useTranslations("offboarding.settings");
  const [value, setValue] = useState(String(days));
  const [result, setResult] = useState<ActionResult<{ days: number }> | null>(null);
  const [pending, start] = useTransition();
  const error = result && !result.ok ? (result.fieldErrors?.days ?? result.code) : null;
  return (
    <form
      className="flex flex-wrap items-end gap-2"
      onSubmit={(e) => {
        e.preventDefault();
        start(async () => setResult(await updateSimReturnDaysAction(null, { days: value })));
      }}
    >
      <div>
        <label htmlFor="sim-return-days" className="mb-0.5 block text-xs text-neutral-600">
          {t("simReturnDays")}
        </label>
        <div className="flex items-center gap-1.5">
          <Input
            id="sim-return-days"
            inputMode="numeric"
            className="w-20"
            value={value}
            onChange={(e) => setValue(e.target.value)}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? "sim-return-days-error" : "sim-return-days-hint"}
          />
          <span className="text-sm text-neutral-700">{t("days")}</span>
        </div>
      </div>
      <Button type="submit" variant="secondary" disabled={pending}>
        {t("save")}
      </Button>
      <p id="sim-return-days-hint" className="basis-full text-xs text-neutral-600">
        {t("hint")}
      </p>
      {error ? (
        <p id="sim-return-days-error" role="alert" className="basis-full text-sm text-red-700">
          {t.has(`errors.${error}`) ? t(`errors.${error}`) : t("errors.unavailable")}
        </p>
      ) : result?.ok ? (
        <p role="status" className="basis-full text-sm text-green-700">
          {t("saved", { days: result.data.days })}
        </p>
      ) : null}
    </form>
  );
}
