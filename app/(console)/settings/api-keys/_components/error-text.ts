"use client";
import { useTranslations } from "next-intl";
import type { ActionResult } from "@/lib/server/action";

/** Words the codes the schema and the server answer with; an unknown code falls back to "unavailable". */
export function useApiKeyErrorText() {
  const t = useTranslations("apiKeys.errors");
  const word = (code: string) => (t.has(code) ? t(code) : t("unavailable"));
  return {
    field: (result: ActionResult<unknown> | null, field: string) => {
      const message = result && !result.ok ? result.fieldErrors?.[field] : undefined;
      return message ? word(message) : undefined;
    },
    form: (result: ActionResult<unknown> | null, fields: string[] = []) => {
      if (!result || result.ok) return null;
      if (result.fieldErrors && fields.some((f) => result.fieldErrors?.[f])) return null;
      return word(result.message !== "invalid" && t.has(result.message) ? result.message : result.code);
    },
  };
}
