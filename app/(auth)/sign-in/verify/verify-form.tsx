"use client";
import { useActionState, useState } from "react";
import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { Input, Label } from "@/components/ui/input";
import { verifySecondFactorAction, type SignInState } from "../actions";

export function VerifyForm() {
  const t = useTranslations("signIn");
  const [state, formAction, pending] = useActionState<SignInState, FormData>(verifySecondFactorAction, null);
  const [method, setMethod] = useState<"totp" | "backup">("totp");
  return (
    <form action={formAction} className="flex flex-col gap-4" noValidate>
      <input type="hidden" name="method" value={method} />
      {state ? (
        <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
          {t(state.error as "mfaFailed")}
        </p>
      ) : null}
      <div>
        <Label htmlFor="code">{method === "totp" ? t("oneTimeCode") : t("backupCode")}</Label>
        <Input
          key={method}
          id="code"
          name="code"
          autoFocus
          required
          autoComplete="one-time-code"
          inputMode={method === "totp" ? "numeric" : "text"}
          spellCheck={false}
          maxLength={32}
          aria-describedby="code-hint"
          aria-invalid={state ? true : undefined}
          className="num tracking-widest"
        />
        <p id="code-hint" className="mt-1 text-xs text-neutral-600">
          {method === "totp" ? t("oneTimeCodeHint") : t("backupCodeHint")}
        </p>
      </div>
      <Button type="submit" size="lg" disabled={pending}>
        {pending ? t("submitting") : t("verify")}
      </Button>
      <button type="button" className="text-sm text-accent-700 hover:underline" onClick={() => setMethod(method === "totp" ? "backup" : "totp")}>
        {method === "totp" ? t("useBackupCode") : t("useAuthenticator")}
      </button>
    </form>
  );
}
