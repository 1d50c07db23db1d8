"use client";
import { useTranslations } from "next-intl";
import type { ActionResult } from "@/lib/server/action";
import { isLockoutWarning } from "./use-guarded-action";

/** Words the codes the schema and the server answer with; an unknown code falls back to the text as sent. */
export function useErrorText() {
  const t = useTranslations("network.errors");
  return {
    field: (result: ActionResult<unknown> | null, field: string): string | undefined => {
      const message = result && !result.ok ? result.fieldErrors?.[field] : undefined;
      if (!message) return undefined;
      return t.has(message) && typeof t.raw(message) === "string" ? t(message) : message;
    },
    form: (result: ActionResult<unknown> | null): string | null => {
      if (!result || result.ok || isLockoutWarning(result)) return null;
      return t.has(result.code) ? t(result.code) : t("unavailable");
    },
  };
}
