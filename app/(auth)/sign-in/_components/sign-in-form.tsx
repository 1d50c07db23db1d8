"use client";
import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { PasswordInput } from "@/components/forms/password-input";
import { Button } from "@/components/ui/button";
import { Input, Label } from "@/components/ui/input";
import { signInAction, type SignInState } from "../actions";

export function SignInForm({ callbackUrl }: { callbackUrl: string }) {
  const t = useTranslations("signIn");
  const [state, formAction, pending] = useActionState<SignInState, FormData>(signInAction, null);
  return (
    <form action={formAction} className="flex flex-col gap-4" noValidate>
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
      {state ? (
        <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
          {t(state.error as "failed")}
        </p>
      ) : null}
      <div>
        <Label htmlFor="loginId">{t("loginId")}</Label>
        <Input
          id="loginId"
          name="loginId"
          autoComplete="username"
          autoCapitalize="none"
          spellCheck={false}
          required
          defaultValue={state?.loginId ?? ""}
          aria-describedby="loginId-hint"
          aria-invalid={state ? true : undefined}
        />
        <p id="loginId-hint" className="mt-1 text-xs text-neutral-600">
          {t("loginIdHint")}
        </p>
      </div>
      <div>
        <Label htmlFor="password">{t("password")}</Label>
        <PasswordInput id="password" name="password" autoComplete="current-password" invalid={Boolean(state)} />
      </div>
      <Button type="submit" size="lg" disabled={pending} aria-disabled={pending}>
        {pending ? t("submitting") : t("submit")}
      </Button>
    </form>
  );
}
