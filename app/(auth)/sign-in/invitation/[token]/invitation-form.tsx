"use client";
import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { NewPasswordFields, PasswordProblems } from "@/components/forms/new-password-fields";
import { Button } from "@/components/ui/button";
import type { RecoveryState } from "../../reset/actions";
import { acceptInvitationAction } from "../actions";

export function InvitationForm({ token, minLength }: { token: string; minLength: number }) {
  const t = useTranslations();
  const [state, formAction, pending] = useActionState<RecoveryState, FormData>(acceptInvitationAction, null);
  const error = state?.error === "invitationExpired" ? t("invitation.expired") : state?.error ? t(`recovery.${state.error}` as "recovery.required") : null;
  return (
    <form action={formAction} className="flex flex-col gap-4" noValidate>
      <input type="hidden" name="token" value={token} />
      {error ? (
        <div role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
          <p>{error}</p>
          <PasswordProblems problems={state?.problems ?? []} minLength={minLength} />
        </div>
      ) : null}
      <NewPasswordFields minLength={minLength} />
      <Button type="submit" size="lg" disabled={pending}>
        {t("invitation.submit")}
      </Button>
    </form>
  );
}
