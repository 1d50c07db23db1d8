"use client";
import { useTranslations } from "next-intl";
import type { ActionResult } from "@/lib/server/action";

/** Words an action's error codes from one messages namespace (`<namespace>.errors.<code>`); unknown codes fall back to the form-level text. */
export function useActionErrors(namespace: "accountForm" | "grants") {
  const t = useTranslations(`${namespace}.errors`);
  const word = (code: string) => (t.has(code) ? t(code) : null);
  return {
    field: (result: ActionResult<unknown> | null, field: string): string | undefined => {
      const code = result && !result.ok ? result.fieldErrors?.[field] : undefined;
      return code ? (word(code) ?? word("invalid") ?? code) : undefined;
    },
    form: (result: ActionResult<unknown> | null, fields: readonly string[]): string | null => {
      if (!result || result.ok) return null;
      const onField = Object.keys(result.fieldErrors ?? {}).some((f) => fields.includes(f));
      if (onField) return null;
      return word(result.message) ?? word(result.code) ?? word("unavailable");
    },
  };
}
