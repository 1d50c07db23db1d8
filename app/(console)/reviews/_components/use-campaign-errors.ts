"use client";
import { useTranslations } from "next-intl";
import type { ActionResult } from "@/lib/server/action";

/** Words a campaign action's error codes (campaigns.errors.<code>); a field error goes under its field when the form has one. */
export function useCampaignErrors() {
  const t = useTranslations("campaigns.errors");
  const word = (...codes: (string | undefined)[]) => {
    const code = codes.find((c): c is string => c !== undefined && t.has(c));
    return t(code ?? "unavailable");
  };
  return {
    word,
    field: (result: ActionResult<unknown> | null, field: string): string | undefined => {
      const code = result && !result.ok ? result.fieldErrors?.[field] : undefined;
      return code ? word(code, "invalid") : undefined;
    },
    /** The error for the form as a whole: anything not shown under one of `fields`. */
    form: (result: ActionResult<unknown> | null, fields: readonly string[]): string | null => {
      if (!result || result.ok) return null;
      const errors = result.fieldErrors ?? {};
      if (Object.keys(errors).some((f) => fields.includes(f))) return null;
      return word(Object.values(errors)[0], result.message, result.code);
    },
  };
}
