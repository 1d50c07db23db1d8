"use client";
import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { signOffWeeklyAuditAction } from "../actions";

/** The sign-off: a note and one button; the page re-renders with the stored sign-off once it succeeds. */
export function SignOffForm({ week }: { week: string }) {
  const t = useTranslations("weeklyAudit");
  const [result, submit, pending] = useActionState(signOffWeeklyAuditAction, null);
  const error = result && !result.ok ? errorText(result.fieldErrors?.note ?? result.message, result.code) : null;
  function errorText(message: string, code: string): string {
    const key = message.replace(/^weeklyAudit\./, "");
    if (t.has(`errors.${key}`)) return t(`errors.${key}`);
    return t.has(`errors.${code}`) ? t(`errors.${code}`) : t("errors.unavailable");
  }
  return (
    <form action={submit} className="space-y-2">
      <input type="hidden" name="week" value={week} />
      <div>
        <label htmlFor="sign-off-note" className="mb-0.5 block text-xs text-neutral-600">
          {t("signOff.note")}
        </label>
        <textarea
          id="sign-off-note"
          name="note"
          rows={3}
          maxLength={1000}
          className="w-full rounded-md border border-neutral-300 px-2 py-1.5 text-sm"
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? "sign-off-error" : undefined}
        />
      </div>
      {error ? (
        <p id="sign-off-error" role="alert" className="text-sm text-red-700">
          {error}
        </p>
      ) : null}
      {result?.ok ? (
        <p role="status" className="text-sm text-green-800">
          {t("signOff.done")}
        </p>
      ) : null}
      <Button type="submit" size="sm" disabled={pending}>
        {pending ? t("signOff.submitting") : t("signOff.submit")}
      </Button>
    </form>
  );
}
