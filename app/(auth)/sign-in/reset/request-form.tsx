"use client";
import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { Input, Label } from "@/components/ui/input";
import { requestPasswordResetAction, type RecoveryState } from "./actions";

export function RequestResetForm() {
  const t = useTranslations("recovery");
  const [state, formAction, pending] = useActionState<RecoveryState, FormData>(requestPasswordResetAction, null);
  if (state?.sent) {
    return (
      <p role="status" className="rounded-md bg-green-50 px-3 py-2 text-sm text-green-800">
        {t("resetSent")}
      </p>
    );
  }
  return (
    <form action={formAction} className="flex flex-col gap-4" noValidate>
      <div>
        <Label htmlFor="loginId">OCN ID</Label>
        <Input id="loginId" name="loginId" autoComplete="username" required aria-invalid={state?.error ? true : undefined} aria-describedby="loginId-error" />
        {state?.error ? (
          <p id="loginId-error" className="mt-1 text-xs text-red-700">
            {t(state.error === "unavailable" ? "unavailable" : "required")}
          </p>
        ) : null}
      </div>
      <Button type="submit" size="lg" disabled={pending}>
        {t("sendResetLink")}
      </Button>
    </form>
  );
}
