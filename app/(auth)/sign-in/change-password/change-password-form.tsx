"use client";
import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { PasswordInput } from "@/components/forms/password-input";
import { Button } from "@/components/ui/button";
import { Label } from "@/components/ui/input";
import { changeExpiredPasswordAction, type SignInState } from "../actions";

export function ChangePasswordForm({ minLength }: { minLength: number }) {
  const t = useTranslations();
  const [state, formAction, pending] = useActionState<SignInState, FormData>(changeExpiredPasswordAction, null);
  return (
    <form action={formAction} className="flex flex-col gap-4" noValidate>
      {state ? (
        <div role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
          <p>{t(`signIn.${state.error}` as "signIn.failed")}</p>
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
        {pending ? t("signIn.submitting") : t("signIn.changePasswordSubmit")}
      </Button>
    </form>
  );
}
