"use client";
import { useTranslations } from "next-intl";
import type { ActionResult } from "@/lib/server/action";

/** Words an alert action's answer: a field's error under its field, anything else as one sentence for the form. */
export function useAlertErrors() {
  const t = useTranslations("alerts.errors");
  const word = (code: string) => (t.has(code) ? t(code) : t("unavailable"));
  return {
    field: (result: ActionResult<unknown> | null, field: string) => {
      const code = result && !result.ok ? result.fieldErrors?.[field] : undefined;
      return code ? word(code) : undefined;
    },
    form: (result: ActionResult<unknown> | null, fields: readonly string[]) => {
      if (!result || result.ok) return null;
      if (Object.keys(result.fieldErrors ?? {}).some((f) => fields.includes(f))) return null;
      return word(result.message === "invalid" ? result.code : result.message);
    },
  };
}
