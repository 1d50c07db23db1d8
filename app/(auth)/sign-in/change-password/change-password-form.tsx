"use client";
import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { NewPasswordFields, PasswordProblems } from "@/components/forms/new-password-fields";
import { Button } from "@/components/ui/button";
import { changeExpiredPasswordAction, type SignInState } from "../actions";

export function ChangePasswordForm({ minLength }: { minLength: number }) {
  const t = useTranslations();
  const [state, formAction, pending] = useActionState<SignInState, FormData>(changeExpiredPasswordAction, null);
  return (
    <form action={formAction} className="flex flex-col gap-4" noValidate>
      {state ? (
        <div role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
          <p>{t(`signIn.${state.error}` as "signIn.failed")}</p>
          <PasswordProblems problems={state.problems ?? []} minLength={minLength} />
        </div>
      ) : null}
      <NewPasswordFields minLength={minLength} />
      <Button type="submit" size="lg" disabled={pending}>
        {pending ? t("signIn.submitting") : t("signIn.changePasswordSubmit")}
      </Button>
    </form>
  );
}
