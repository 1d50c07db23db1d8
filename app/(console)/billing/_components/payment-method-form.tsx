"use client";
import { useEffect, useRef, useState } from "react";
import { useTranslations } from "next-intl";
import { ShieldCheck } from "lucide-react";
import { ChangeForm, FormField, type PendingRequestView } from "@/components/changes/change-form";
import { Input, Select } from "@/components/ui/input";
import { ACCOUNT_TYPES, CARD_BRAND_LABELS, CARD_BRANDS, looksLikeCardNumber } from "@/lib/policy/billing";
import { PAYMENT_LIMITS } from "@/lib/schemas/billing";
import { requestPaymentMethodChangeAction } from "../actions";

type Method = "card" | "bank_transfer";

const limits = {
  holderName: { max: PAYMENT_LIMITS.holderName },
  bankName: { max: PAYMENT_LIMITS.bankName },
  branchName: { max: PAYMENT_LIMITS.branchName },
};

// Asks for a new payment method (billing:request; someone else with billing:manage approves). Only a card's brand,
// last four digits, expiry and holder are typed here, never its number: a field that receives a full number is
// emptied at once, so the number is neither sent nor kept on the page.
export function PaymentMethodForm({
  currentMethod,
  contract,
  pendingRequest,
  thisYear,
}: {
  currentMethod: Method | null;
  contract: { kana: string | null; latin: string | null };
  pendingRequest: PendingRequestView | null;
  thisYear: number;
}) {
  const t = useTranslations("billing");
  const initial: Method = currentMethod ?? "card";
  const [method, setMethod] = useState<Method>(initial);
  const [numberRefused, setNumberRefused] = useState(false);
  const anchor = useRef<HTMLDivElement>(null);
  // A filed request resets the form to what is in force; the choice of method follows it.
  useEffect(() => {
    const form = anchor.current?.closest("form");
    if (!form) return;
    const onReset = () => {
      setMethod(initial);
      setNumberRefused(false);
    };
    form.addEventListener("reset", onReset);
    return () => form.removeEventListener("reset", onReset);
  }, [initial]);

  const expected = method === "card" ? contract.latin : contract.kana;
  const refuseFullNumber = (e: React.FormEvent<HTMLInputElement>) => {
    const refused = looksLikeCardNumber(e.currentTarget.value);
    if (refused) e.currentTarget.value = "";
    setNumberRefused(refused);
  };
  const years = Array.from({ length: 16 }, (_, i) => thisYear + i);
  const aria = (error: string | undefined, describedBy: string | undefined) => ({
    "aria-invalid": error ? true : undefined,
    "aria-describedby": describedBy,
  });

  return (
    <ChangeForm
      mode="request"
      kind="payment_method"
      title={t("paymentForm.title")}
      requestAction={requestPaymentMethodChangeAction}
      limits={limits}
      errorValues={{
        expected: expected ?? t("paymentForm.contractMissing"),
        script: method === "card" ? t("paymentForm.scriptLatin") : t("paymentForm.scriptKana"),
      }}
      pendingRequest={pendingRequest}
    >
      {(error) => {
        const last4Error = error("cardLast4") ?? (numberRefused ? t("paymentForm.fullNumberRefused") : undefined);
        return (
          <div ref={anchor} className="flex flex-col gap-4">
            <fieldset>
              <legend className="mb-1 text-sm font-medium text-neutral-800">{t("paymentForm.method")}</legend>
              <div className="flex flex-wrap gap-x-6 gap-y-2">
                {(["card", "bank_transfer"] as const).map((m) => (
                  <label key={m} className="flex items-center gap-2 text-sm text-neutral-800">
                    <input type="radio" name="method" value={m} checked={method === m} onChange={() => setMethod(m)} className="size-4 accent-accent-600" />
                    {t(`methods.${m}`)}
                  </label>
                ))}
              </div>
              {error("method") ? <p className="mt-1 text-sm text-red-700">{error("method")}</p> : null}
            </fieldset>

            <fieldset disabled={method !== "card"} className={method === "card" ? "flex flex-col gap-4" : "hidden"} data-testid="card-fields">
              <p className="flex gap-2 rounded-md border border-accent-100 bg-accent-50 px-3 py-2 text-sm text-accent-800">
                <ShieldCheck className="mt-0.5 size-4 shrink-0" aria-hidden />
                {t("paymentForm.noFullNumber")}
              </p>
              <div className="grid gap-4 sm:grid-cols-2">
                <FormField id="pm-card-brand" label={t("paymentForm.cardBrand")} error={error("cardBrand")}>
                  {(describedBy) => (
                    <Select id="pm-card-brand" name="cardBrand" defaultValue="" className="w-full sm:max-w-64" {...aria(error("cardBrand"), describedBy)}>
                      <option value="" disabled>
                        {t("paymentForm.choose")}
                      </option>
                      {CARD_BRANDS.map((b) => (
                        <option key={b} value={b}>
                          {CARD_BRAND_LABELS[b]}
                        </option>
                      ))}
                    </Select>
                  )}
                </FormField>
                <FormField id="pm-card-last4" label={t("paymentForm.cardLast4")} hint={t("paymentForm.cardLast4Hint")} error={last4Error}>
                  {(describedBy) => (
                    <div className="flex items-center gap-2">
                      <span className="num text-sm text-neutral-500" aria-hidden>
                        •••• •••• ••••
                      </span>
                      <Input
                        id="pm-card-last4"
                        name="cardLast4"
                        inputMode="numeric"
                        autoComplete="off"
                        onInput={refuseFullNumber}
                        className="num w-24"
                        {...aria(last4Error, describedBy)}
                      />
                    </div>
                  )}
                </FormField>
                <fieldset>
                  <legend className="mb-1 text-sm font-medium text-neutral-800">{t("paymentForm.expiry")}</legend>
                  <div className="flex items-center gap-2">
                    <Select
                      name="cardExpMonth"
                      defaultValue=""
                      aria-label={t("paymentForm.expMonth")}
                      aria-invalid={error("cardExpMonth") ? true : undefined}
                      className="num w-24"
                    >
                      <option value="" disabled>
                        —
                      </option>
                      {Array.from({ length: 12 }, (_, i) => i + 1).map((m) => (
                        <option key={m} value={m}>
                          {t("paymentForm.monthOption", {
                            month: String(m).padStart(2, "0"),
                          })}
                        </option>
                      ))}
                    </Select>
                    <span className="text-neutral-500" aria-hidden>
                      /
                    </span>
                    <Select
                      name="cardExpYear"
                      defaultValue=""
                      aria-label={t("paymentForm.expYear")}
                      aria-invalid={error("cardExpYear") ? true : undefined}
                      aria-describedby={error("cardExpYear") ? "pm-card-expiry-error" : undefined}
                      className="num w-28"
                    >
                      <option value="" disabled>
                        —
                      </option>
                      {years.map((y) => (
                        <option key={y} value={y}>
                          {t("paymentForm.yearOption", { year: String(y) })}
                        </option>
                      ))}
                    </Select>
                  </div>
                  {error("cardExpMonth") || error("cardExpYear") ? (
                    <p id="pm-card-expiry-error" className="mt-1 text-sm text-red-700">
                      {error("cardExpMonth") ?? error("cardExpYear")}
                    </p>
                  ) : null}
                </fieldset>
                <FormField
                  id="pm-card-holder"
                  label={t("paymentForm.holderCard")}
                  hint={t("paymentForm.holderCardHint", {
                    name: contract.latin ?? t("paymentForm.contractMissing"),
                  })}
                  error={error("holderName")}
                >
                  {(describedBy) => (
                    <Input
                      id="pm-card-holder"
                      name="holderName"
                      autoComplete="off"
                      autoCapitalize="characters"
                      spellCheck={false}
                      maxLength={limits.holderName.max + 20}
                      {...aria(error("holderName"), describedBy)}
                    />
                  )}
                </FormField>
              </div>
            </fieldset>

            <fieldset
              disabled={method !== "bank_transfer"}
              className={method === "bank_transfer" ? "grid gap-4 sm:grid-cols-[1fr_12rem]" : "hidden"}
              data-testid="bank-fields"
            >
              <FormField id="pm-bank-name" label={t("paymentForm.bankName")} error={error("bankName")}>
                {(describedBy) => (
                  <Input id="pm-bank-name" name="bankName" autoComplete="off" maxLength={limits.bankName.max + 20} {...aria(error("bankName"), describedBy)} />
                )}
              </FormField>
              <FormField id="pm-bank-code" label={t("paymentForm.bankCode")} hint={t("paymentForm.bankCodeHint")} error={error("bankCode")}>
                {(describedBy) => (
                  <Input
                    id="pm-bank-code"
                    name="bankCode"
                    inputMode="numeric"
                    autoComplete="off"
                    maxLength={8}
                    className="num"
                    {...aria(error("bankCode"), describedBy)}
                  />
                )}
              </FormField>
              <FormField id="pm-branch-name" label={t("paymentForm.branchName")} error={error("branchName")}>
                {(describedBy) => (
                  <Input
                    id="pm-branch-name"
                    name="branchName"
                    autoComplete="off"
                    maxLength={limits.branchName.max + 20}
                    {...aria(error("branchName"), describedBy)}
                  />
                )}
              </FormField>
              <FormField id="pm-branch-code" label={t("paymentForm.branchCode")} hint={t("paymentForm.branchCodeHint")} error={error("branchCode")}>
                {(describedBy) => (
                  <Input
                    id="pm-branch-code"
                    name="branchCode"
                    inputMode="numeric"
                    autoComplete="off"
                    maxLength={8}
                    className="num"
                    {...aria(error("branchCode"), describedBy)}
                  />
                )}
              </FormField>
              <fieldset>
                <legend className="mb-1 text-sm font-medium text-neutral-800">{t("paymentForm.accountType")}</legend>
                <div className="flex h-9 items-center gap-x-6">
                  {ACCOUNT_TYPES.map((type) => (
                    <label key={type} className="flex items-center gap-2 text-sm text-neutral-800">
                      <input type="radio" name="accountType" value={type} defaultChecked={type === "ordinary"} className="size-4 accent-accent-600" />
                      {t(`accountTypes.${type}`)}
                    </label>
                  ))}
                </div>
                {error("accountType") ? <p className="mt-1 text-sm text-red-700">{error("accountType")}</p> : null}
              </fieldset>
              <FormField id="pm-account-last4" label={t("paymentForm.accountLast4")} hint={t("paymentForm.accountLast4Hint")} error={error("accountLast4")}>
                {(describedBy) => (
                  <Input
                    id="pm-account-last4"
                    name="accountLast4"
                    inputMode="numeric"
                    autoComplete="off"
                    onInput={refuseFullNumber}
                    className="num w-24"
                    {...aria(error("accountLast4"), describedBy)}
                  />
                )}
              </FormField>
              <FormField
                id="pm-bank-holder"
                label={t("paymentForm.holderBank")}
                hint={t("paymentForm.holderBankHint", {
                  name: contract.kana ?? t("paymentForm.contractMissing"),
                })}
                error={error("holderName")}
                className="sm:col-span-2"
              >
                {(describedBy) => (
                  <Input
                    id="pm-bank-holder"
                    name="holderName"
                    autoComplete="off"
                    maxLength={limits.holderName.max + 20}
                    {...aria(error("holderName"), describedBy)}
                  />
                )}
              </FormField>
            </fieldset>
          </div>
        );
      }}
    </ChangeForm>
  );
}
