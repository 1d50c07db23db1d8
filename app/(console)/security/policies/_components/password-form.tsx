"use client";
import { useState } from "react";
import { useTranslations } from "next-intl";
import { POLICY_LIMITS, updatePasswordPolicySchema } from "@/lib/schemas/policies";
import type { PasswordPolicyView } from "@/lib/server/policies/get-sign-in-policies";
import { updatePasswordPolicyAction } from "../actions";
import { Choice, NumberField, PolicyFormCard, samePolicy, useFieldError, usePolicyAction, useSentences } from "./policy-form";

type Expires = "after_days" | "never";

function formValues(p: PasswordPolicyView) {
  return {
    minLength: String(p.minLength),
    expires: (p.maxAgeDays === null ? "never" : "after_days") as Expires,
    // Kept while "never" is chosen, so switching back restores the last maximum age.
    maxAgeDays: String(p.maxAgeDays ?? 90),
    historyDepth: String(p.historyDepth),
  };
}

export function PasswordForm({ policy, canManage }: { policy: PasswordPolicyView; canManage: boolean }) {
  const t = useTranslations("policies.password");
  const sentences = useSentences();
  const state = usePolicyAction(updatePasswordPolicyAction, policy);
  const fieldError = useFieldError("password", state.result);
  const [values, setValues] = useState(() => formValues(policy));
  const set = <K extends keyof typeof values>(key: K) => (value: (typeof values)[K]) => setValues((v) => ({ ...v, [key]: value }));

  const describe = (p: PasswordPolicyView) =>
    sentences([
      t("summaryLength", { min: p.minLength }),
      p.maxAgeDays === null ? t("summaryNeverExpires") : t("summaryExpires", { days: p.maxAgeDays }),
      p.historyDepth === 0 ? t("summaryNoHistory") : t("summaryHistory", { n: p.historyDepth }),
    ]);
  const parsed = updatePasswordPolicySchema.safeParse({ ...values, maxAgeDays: values.expires === "after_days" ? values.maxAgeDays : undefined });
  const next: PasswordPolicyView | null = parsed.success
    ? { minLength: parsed.data.minLength, maxAgeDays: parsed.data.expires === "never" ? null : parsed.data.maxAgeDays!, historyDepth: parsed.data.historyDepth }
    : null;
  const summary = describe(state.saved);
  const dirty = !next || !samePolicy(next, state.saved);
  const preview = next && dirty ? describe(next) : null;

  return (
    <PolicyFormCard
      title={t("title")}
      description={t("description")}
      summary={summary}
      preview={preview}
      effect={t("effect")}
      canManage={canManage}
      dirty={dirty}
      state={state}
    >
      <div className="grid gap-4 sm:grid-cols-2">
        <NumberField
          id="password-min-length"
          name="minLength"
          label={t("minLength.label")}
          unit={t("minLength.unit")}
          hint={t("minLength.hint", POLICY_LIMITS.minLength)}
          value={values.minLength}
          onChange={set("minLength")}
          error={fieldError("minLength")}
        />
        <NumberField
          id="password-history"
          name="historyDepth"
          label={t("historyDepth.label")}
          unit={t("historyDepth.unit")}
          hint={t("historyDepth.hint", POLICY_LIMITS.historyDepth)}
          value={values.historyDepth}
          onChange={set("historyDepth")}
          error={fieldError("historyDepth")}
        />
      </div>
      <fieldset>
        <legend className="mb-2 text-sm font-medium text-neutral-800">{t("expires.legend")}</legend>
        <div className="flex flex-col gap-2">
          <Choice name="expires" value="after_days" checked={values.expires === "after_days"} onChange={(v) => set("expires")(v as Expires)} label={t("expires.after_days")}>
            <NumberField
              id="password-max-age"
              name="maxAgeDays"
              label={t("maxAgeDays.label")}
              unit={t("maxAgeDays.unit")}
              hint={t("maxAgeDays.hint", POLICY_LIMITS.maxAgeDays)}
              value={values.maxAgeDays}
              onChange={set("maxAgeDays")}
              error={fieldError("maxAgeDays")}
              disabled={values.expires !== "after_days"}
            />
          </Choice>
          <Choice name="expires" value="never" checked={values.expires === "never"} onChange={(v) => set("expires")(v as Expires)} label={t("expires.never")} />
        </div>
      </fieldset>
    </PolicyFormCard>
  );
}
