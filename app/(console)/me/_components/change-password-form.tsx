"use client";
import { useActionState, useEffect, useRef } from "react";
import { useTranslations } from "next-intl";
import { NewPasswordFields, PasswordProblems } from "@/components/forms/new-password-fields";
import { PasswordInput } from "@/components/forms/password-input";
import { Button } from "@/components/ui/button";
import { Label } from "@/components/ui/input";
import type { ActionResult } from "@/lib/server/action";
import type { PasswordRejection } from "@/lib/server/sign-in/set-password";
import { changeMyPasswordAction } from "../actions";

type State = ActionResult<{ ok: true } | { ok: false; problems: PasswordRejection[] }> | null;

/** `offered`: the member has just reported a sign-in that was not theirs; the form comes into view with the reason. */
export function ChangePasswordForm({ minLength, offered = false }: { minLength: number; offered?: boolean }) {
  const t = useTranslations();
  const [state, formAction, pending] = useActionState<State, FormData>(changeMyPasswordAction, null);
  const problems = state?.ok && !state.data.ok ? state.data.problems : [];
  const done = state?.ok && state.data.ok;
  const fieldError = (field: string) => (state && !state.ok ? state.fieldErrors?.[field] : undefined);
  const formRef = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (!offered) return;
    formRef.current?.scrollIntoView({ block: "center" });
    formRef.current?.querySelector<HTMLInputElement>("#current")?.focus({ preventScroll: true });
  }, [offered]);
  return (
    <form ref={formRef} action={formAction} className="flex max-w-md flex-col gap-4" noValidate>
      {offered && !done ? (
        <p role="alert" className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-950" data-testid="password-offer">
          {t("me.reportedOffer")}
        </p>
      ) : null}
      {done ? (
        <p role="status" className="rounded-md bg-green-50 px-3 py-2 text-sm text-green-800">
          {t("me.passwordChanged")}
        </p>
      ) : null}
      {problems.length ? (
        <div role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
          <PasswordProblems problems={problems} minLength={minLength} />
        </div>
      ) : null}
      <div>
        <Label htmlFor="current">{t("me.currentPassword")}</Label>
        <PasswordInput id="current" name="current" autoComplete="current-password" invalid={Boolean(fieldError("current"))} describedBy="current-error" />
        {fieldError("current") ? (
          <p id="current-error" className="mt-1 text-xs text-red-700">
            {fieldError("current") === "required" ? t("signIn.required") : fieldError("current") === "too_many_attempts" ? t("me.errors.too_many_attempts") : t("me.currentPasswordWrong")}
          </p>
        ) : null}
      </div>
      <NewPasswordFields minLength={minLength} mismatch={fieldError("confirm") === "mismatch"} />
      <div>
        <Button type="submit" disabled={pending}>
          {t("me.changePassword")}
        </Button>
      </div>
    </form>
  );
}
