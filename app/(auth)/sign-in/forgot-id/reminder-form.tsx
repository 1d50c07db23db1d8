"use client";
import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { Input, Label } from "@/components/ui/input";
import { remindLoginIdAction, type ReminderState } from "./actions";

export function ReminderForm() {
  const t = useTranslations("recovery");
  const [state, formAction, pending] = useActionState<ReminderState, FormData>(remindLoginIdAction, null);
  if (state?.sent) {
    return (
      <p role="status" className="rounded-md bg-green-50 px-3 py-2 text-sm text-green-800">
        {t("reminderSent")}
      </p>
    );
  }
  const error = (field: string) =>
    state?.fieldErrors?.[field] ? (
      <p id={`${field}-error`} className="mt-1 text-xs text-red-700">
        {t(`errors.${state.fieldErrors[field]}` as "errors.email")}
      </p>
    ) : null;
  return (
    <form action={formAction} className="flex flex-col gap-4" noValidate>
      {state?.unavailable ? (
        <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
          {t("unavailable")}
        </p>
      ) : null}
      <div>
        <Label htmlFor="customerNumber">{t("customerNumber")}</Label>
        <Input id="customerNumber" name="customerNumber" required placeholder="N123456789" aria-invalid={state?.fieldErrors?.customerNumber ? true : undefined} aria-describedby="customerNumber-hint customerNumber-error" />
        <p id="customerNumber-hint" className="mt-1 text-xs text-neutral-600">
          {t("customerNumberHint")}
        </p>
        {error("customerNumber")}
      </div>
      <div>
        <Label htmlFor="email">{t("email")}</Label>
        <Input id="email" name="email" type="email" autoComplete="email" required aria-invalid={state?.fieldErrors?.email ? true : undefined} aria-describedby="email-error" />
        {error("email")}
      </div>
      <Button type="submit" size="lg" disabled={pending}>
        {t("sendReminder")}
      </Button>
    </form>
  );
}
