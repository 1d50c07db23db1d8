"use client";
import { useTranslations } from "next-intl";
import { PasswordInput } from "@/components/forms/password-input";
import { Label } from "@/components/ui/input";

export interface PasswordProblemView {
  code: string;
  min?: number;
  max?: number;
  depth?: number;
}

/** Why a new password was refused, one line per rule it broke. */
export function PasswordProblems({ problems, minLength }: { problems: PasswordProblemView[]; minLength: number }) {
  const t = useTranslations("passwordProblem");
  if (problems.length === 0) return null;
  return (
    <ul className="mt-1 list-disc pl-5">
      {problems.map((p) => (
        <li key={p.code}>{t(p.code as "common", { min: p.min ?? minLength, max: p.max ?? 128, depth: p.depth ?? 0 })}</li>
      ))}
    </ul>
  );
}

/** New password and its confirmation, as every form that sets a password asks for them. */
export function NewPasswordFields({ minLength, mismatch }: { minLength: number; mismatch?: boolean }) {
  const t = useTranslations("signIn");
  return (
    <>
      <div>
        <Label htmlFor="password">{t("newPassword")}</Label>
        <PasswordInput id="password" name="password" autoComplete="new-password" describedBy="password-hint" />
        <p id="password-hint" className="mt-1 text-xs text-neutral-600">
          {t("newPasswordHint", { min: minLength })}
        </p>
      </div>
      <div>
        <Label htmlFor="confirm">{t("confirmPassword")}</Label>
        <PasswordInput id="confirm" name="confirm" autoComplete="new-password" invalid={mismatch} describedBy={mismatch ? "confirm-error" : undefined} />
        {mismatch ? (
          <p id="confirm-error" className="mt-1 text-xs text-red-700">
            {t("mismatch")}
          </p>
        ) : null}
      </div>
    </>
  );
}
