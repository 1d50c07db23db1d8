"use client";
import { useTranslations } from "next-intl";
import { ChangeForm, FormField, type ChangeMode, type PendingRequestView } from "@/components/changes/change-form";
import { Input } from "@/components/ui/input";
import { BILLING_LIMITS } from "@/lib/schemas/billing";
import { requestBillingProfileChangeAction, updateBillingProfileAction } from "../actions";

export interface BillingProfileFormValues {
  recipientName: string;
  recipientDepartment: string | null;
  invoiceEmail: string;
}

const limits = {
  recipientName: { max: BILLING_LIMITS.recipientName },
  recipientDepartment: { max: BILLING_LIMITS.recipientDepartment },
  invoiceEmail: { max: BILLING_LIMITS.invoiceEmail },
};

export function BillingProfileForm({ mode, values, pendingRequest }: { mode: ChangeMode; values: BillingProfileFormValues | null; pendingRequest: PendingRequestView | null }) {
  const t = useTranslations("billing");
  const field = (name: keyof typeof limits, id: string, hint: string, error: (f: string) => string | undefined, extra: React.InputHTMLAttributes<HTMLInputElement> = {}) => (
    <FormField id={id} label={t(`profile.${name}`)} hint={hint} error={error(name)}>
      {(describedBy) => (
        <Input
          id={id}
          name={name}
          autoComplete="off"
          defaultValue={values?.[name] ?? ""}
          maxLength={limits[name].max + 20}
          aria-invalid={error(name) ? true : undefined}
          aria-describedby={describedBy}
          {...extra}
        />
      )}
    </FormField>
  );
  return (
    <ChangeForm
      mode={mode}
      kind="billing_profile"
      title={t("form.title")}
      directAction={updateBillingProfileAction}
      requestAction={requestBillingProfileChangeAction}
      limits={limits}
      pendingRequest={pendingRequest}
    >
      {(error) => (
        <div className="grid gap-4 sm:grid-cols-2">
          {field("recipientName", "billing-recipient-name", t("form.recipientNameHint"), error, { className: "sm:col-span-2" })}
          {field("recipientDepartment", "billing-recipient-department", t("form.recipientDepartmentHint"), error)}
          {field("invoiceEmail", "billing-invoice-email", t("form.invoiceEmailHint"), error, { type: "email", inputMode: "email", autoCapitalize: "none", spellCheck: false })}
        </div>
      )}
    </ChangeForm>
  );
}
