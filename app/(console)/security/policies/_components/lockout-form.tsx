"use client";
import { useState } from "react";
import { useTranslations } from "next-intl";
import { POLICY_LIMITS, updateLockoutPolicySchema } from "@/lib/schemas/policies";
import type { LockoutPolicyView } from "@/lib/server/policies/get-sign-in-policies";
import { updateLockoutPolicyAction } from "../actions";
import { Choice, NumberField, PolicyFormCard, samePolicy, useDuration, useFieldError, usePolicyAction, useSentences } from "./policy-form";

type LockEnds = "after_minutes" | "admin_unlocks";

function formValues(p: LockoutPolicyView) {
  return {
    threshold: String(p.threshold),
    windowMinutes: String(p.windowMinutes),
    lockEnds: (p.durationMinutes === null ? "admin_unlocks" : "after_minutes") as LockEnds,
    // Kept while "until an admin unlocks" is chosen, so switching back restores the last duration.
    durationMinutes: String(p.durationMinutes ?? 30),
    escalate: p.escalate,
  };
}

export function LockoutForm({ policy, canManage }: { policy: LockoutPolicyView; canManage: boolean }) {
  const t = useTranslations("policies.lockout");
  const duration = useDuration();
  const sentences = useSentences();
  const state = usePolicyAction(updateLockoutPolicyAction, policy);
  const fieldError = useFieldError("lockout", state.result);
  const [values, setValues] = useState(() => formValues(policy));
  const set = <K extends keyof typeof values>(key: K) => (value: (typeof values)[K]) => setValues((v) => ({ ...v, [key]: value }));

  const describe = (p: LockoutPolicyView) =>
    p.durationMinutes === null
      ? t("summaryUntilUnlocked", { threshold: p.threshold, window: duration(p.windowMinutes) })
      : sentences([
          t("summaryTimed", { threshold: p.threshold, window: duration(p.windowMinutes), duration: duration(p.durationMinutes) }),
          p.escalate ? t("summaryEscalate") : "",
        ]);
  const parsed = updateLockoutPolicySchema.safeParse({ ...values, durationMinutes: values.lockEnds === "after_minutes" ? values.durationMinutes : undefined });
  const next: LockoutPolicyView | null = parsed.success
    ? {
        threshold: parsed.data.threshold,
        windowMinutes: parsed.data.windowMinutes,
        durationMinutes: parsed.data.lockEnds === "admin_unlocks" ? null : parsed.data.durationMinutes!,
        escalate: parsed.data.escalate,
      }
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
          id="lockout-threshold"
          name="threshold"
          label={t("threshold.label")}
          unit={t("threshold.unit")}
          hint={t("threshold.hint", POLICY_LIMITS.threshold)}
          value={values.threshold}
          onChange={set("threshold")}
          error={fieldError("threshold")}
        />
        <NumberField
          id="lockout-window"
          name="windowMinutes"
          label={t("windowMinutes.label")}
          unit={t("windowMinutes.unit")}
          hint={t("windowMinutes.hint", POLICY_LIMITS.windowMinutes)}
          value={values.windowMinutes}
          onChange={set("windowMinutes")}
          error={fieldError("windowMinutes")}
        />
      </div>
      <fieldset>
        <legend className="mb-2 text-sm font-medium text-neutral-800">{t("lockEnds.legend")}</legend>
        <div className="flex flex-col gap-2">
          <Choice name="lockEnds" value="after_minutes" checked={values.lockEnds === "after_minutes"} onChange={(v) => set("lockEnds")(v as LockEnds)} label={t("lockEnds.after_minutes")}>
            <NumberField
              id="lockout-duration"
              name="durationMinutes"
              label={t("durationMinutes.label")}
              unit={t("durationMinutes.unit")}
              hint={t("durationMinutes.hint", POLICY_LIMITS.durationMinutes)}
              value={values.durationMinutes}
              onChange={set("durationMinutes")}
              error={fieldError("durationMinutes")}
              disabled={values.lockEnds !== "after_minutes"}
            />
          </Choice>
          <Choice name="lockEnds" value="admin_unlocks" checked={values.lockEnds === "admin_unlocks"} onChange={(v) => set("lockEnds")(v as LockEnds)} label={t("lockEnds.admin_unlocks")} />
        </div>
      </fieldset>
      <div className="flex items-start gap-2">
        {/* The box only edits the value; the hidden field sends it, also while the box is disabled. */}
        <input type="hidden" name="escalate" value={String(values.escalate)} />
        <input
          id="lockout-escalate"
          type="checkbox"
          checked={values.escalate}
          onChange={(e) => set("escalate")(e.currentTarget.checked)}
          disabled={values.lockEnds !== "after_minutes"}
          className="mt-0.5 size-4 accent-accent-600"
        />
        <label htmlFor="lockout-escalate" className="text-sm text-neutral-800">
          {t("escalate.label")}
        </label>
      </div>
    </PolicyFormCard>
  );
}
