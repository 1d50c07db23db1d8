"use client";
import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { Input, Label } from "@/components/ui/input";
import { enrollSecondFactorAction, type EnrolState } from "../actions";

export function EnrollForm() {
  const t = useTranslations("signIn");
  const [state, formAction, pending] = useActionState<EnrolState, FormData>(enrollSecondFactorAction, null);
  if (state?.backupCodes) {
    return (
      <div className="flex flex-col gap-4">
        <p role="status" className="rounded-md bg-green-50 px-3 py-2 text-sm text-green-800">
          {t("enrolled")}
        </p>
        <div>
          <h2 className="text-sm font-semibold">{t("backupCodesTitle")}</h2>
          <p className="mt-1 text-xs text-neutral-600">{t("backupCodesHint")}</p>
          <ul aria-label={t("backupCodesTitle")} className="num mt-2 grid grid-cols-2 gap-1 rounded-md border border-neutral-200 bg-neutral-50 p-3 font-mono text-sm">
            {state.backupCodes.map((code) => (
              <li key={code}>{code}</li>
            ))}
          </ul>
        </div>
        <Button asChild size="lg">
          <a href={state.next}>{t("continue")}</a>
        </Button>
      </div>
    );
  }
  return (
    <form action={formAction} className="flex flex-col gap-4" noValidate>
      {state?.error ? (
        <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
          {t(state.error as "mfaFailed")}
        </p>
      ) : null}
      <div>
        <Label htmlFor="code">{t("oneTimeCode")}</Label>
        <Input id="code" name="code" required autoComplete="one-time-code" inputMode="numeric" maxLength={16} className="num tracking-widest" aria-describedby="code-hint" />
        <p id="code-hint" className="mt-1 text-xs text-neutral-600">
          {t("enrollCodeHint")}
        </p>
      </div>
      <Button type="submit" size="lg" disabled={pending}>
        {pending ? t("submitting") : t("enrollSubmit")}
      </Button>
    </form>
  );
}
