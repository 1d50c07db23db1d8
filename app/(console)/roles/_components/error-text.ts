"use client";
import { useTranslations } from "next-intl";
import type { ActionResult } from "@/lib/server/action";

/** Words the codes the schemas and the server answer with (rolesArea.errors.<code>); unknown ones fall back to the error's kind. */
export function useRolesErrors() {
  const t = useTranslations("rolesArea.errors");
  const word = (code: string | undefined) => (code && /^[a-z_]+$/.test(code) && t.has(code) ? t(code as "invalid") : null);
  return {
    field: (result: ActionResult<unknown> | null, field: string): string | undefined => {
      const code = result && !result.ok ? result.fieldErrors?.[field] : undefined;
      return code ? (word(code) ?? word("invalid")!) : undefined;
    },
    /** The form-level message, unless the error belongs to one of the form's fields (shown under it instead). */
    form: (result: ActionResult<unknown> | null, fields: readonly string[] = []): string | null => {
      if (!result || result.ok) return null;
      if (Object.keys(result.fieldErrors ?? {}).some((f) => fields.includes(f))) return null;
      return word(result.message) ?? word(result.code) ?? word("unavailable");
    },
    raw: t,
  };
}
