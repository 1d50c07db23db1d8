"use client";
import { useTranslations } from "next-intl";
import type { ActionResult } from "@/lib/server/action";

/** Fields the line writer names that a task form shows under one of its own. */
const FIELD_ALIASES: Record<string, string> = {
  toAccountId: "toLoginId",
  mnpExpiresAt: "mnpExpiresOn",
};

/**
 * Words an offboarding action's answer: keys of offboarding.errors first, then the line writer's (lines.errors), so a
 * refusal from the line change behind a task shows too. A field error goes under its field when the form has it.
 */
export function useOffboardingErrors() {
  const t = useTranslations();
  const known = (code: string) => t.has(`offboarding.errors.${code}`) || t.has(`lines.errors.${code}`);
  const word = (...codes: (string | undefined)[]) => {
    const code = codes.find((c): c is string => c !== undefined && known(c));
    if (!code) return t("offboarding.errors.unavailable");
    return t.has(`offboarding.errors.${code}`) ? t(`offboarding.errors.${code}`) : t(`lines.errors.${code}`);
  };
  const fieldErrors = (result: ActionResult<unknown> | null): Record<string, string> => {
    if (!result || result.ok) return {};
    const out: Record<string, string> = {};
    for (const [field, code] of Object.entries(result.fieldErrors ?? {})) out[FIELD_ALIASES[field] ?? field] ??= code;
    return out;
  };
  return {
    field: (result: ActionResult<unknown> | null, field: string): string | undefined => {
      const code = fieldErrors(result)[field];
      return code ? word(code, "invalid") : undefined;
    },
    /** The error for the form as a whole: anything not shown under one of `fields`. */
    form: (result: ActionResult<unknown> | null, fields: readonly string[]): string | null => {
      if (!result || result.ok) return null;
      const errors = fieldErrors(result);
      if (Object.keys(errors).some((f) => fields.includes(f))) return null;
      return word(Object.values(errors)[0], result.message, result.code);
    },
  };
}
