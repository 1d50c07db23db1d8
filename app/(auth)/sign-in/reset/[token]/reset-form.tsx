"use client";
import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { PasswordInput } from "@/components/forms/password-input";
import { Button } from "@/components/ui/button";
import { Label } from "@/components/ui/input";
import { resetPasswordAction, type RecoveryState } from "../actions";

export function ResetForm({ token, minLength }: { token: string; minLength: number }) {
  const t = useTranslations();
  const [state, formAction, pending] = useActionState<RecoveryState, FormData>(resetPasswordAction, null);
  return (
    <form action={formAction} className="flex flex-col gap-4" noValidate>
      <input type="hidden" name="token" value={token} />
      {state?.error ? (
        <div role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
          <p>{t(`recovery.${state.error}` as "recovery.required")}</p>
          {state.problems?.length ? (
            <ul className="mt-1 list-disc pl-5">
              {state.problems.map((p) => (
                <li key={p.code}>{t(`passwordProblem.${p.code}` as "passwordProblem.common", { min: p.min ?? minLength, max: p.max ?? 128, depth: p.depth ?? 0 })}</li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
      <div>
        <Label htmlFor="password">{t("signIn.newPassword")}</Label>
        <PasswordInput id="password" name="password" autoComplete="new-password" describedBy="password-hint" />
        <p id="password-hint" className="mt-1 text-xs text-neutral-600">
          {t("signIn.newPasswordHint", { min: minLength })}
        </p>
      </div>
      <div>
        <Label htmlFor="confirm">{t("signIn.confirmPassword")}</Label>
        <PasswordInput id="confirm" name="confirm" autoComplete="new-password" />
      </div>
      <Button type="submit" size="lg" disabled={pending}>
        {t("recovery.setPassword")}
      </Button>
    </form>
  );
}
