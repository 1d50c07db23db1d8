"use client";
import { useState } from "react";
import { useTranslations } from "next-intl";
import { POLICY_LIMITS, updateSessionPolicySchema } from "@/lib/schemas/policies";
import type { SessionPolicyView } from "@/lib/server/policies/get-sign-in-policies";
import { updateSessionPolicyAction } from "../actions";
import { NumberField, PolicyFormCard, samePolicy, useDuration, useFieldError, usePolicyAction } from "./policy-form";

function formValues(p: SessionPolicyView) {
  return { idleMinutes: String(p.idleMinutes), absoluteHours: String(p.absoluteHours) };
}

export function SessionForm({ policy, canManage }: { policy: SessionPolicyView; canManage: boolean }) {
  const t = useTranslations("policies.session");
  const duration = useDuration();
  const state = usePolicyAction(updateSessionPolicyAction, policy);
  const fieldError = useFieldError("session", state.result);
  const [values, setValues] = useState(() => formValues(policy));
  const set = (key: keyof typeof values) => (value: string) => setValues((v) => ({ ...v, [key]: value }));

  const describe = (p: SessionPolicyView) => t("summary", { idle: duration(p.idleMinutes), absolute: duration(p.absoluteHours * 60) });
  const parsed = updateSessionPolicySchema.safeParse(values);
  const summary = describe(state.saved);
  const dirty = !parsed.success || !samePolicy(parsed.data, state.saved);
  const preview = parsed.success && dirty ? describe(parsed.data) : null;

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
          id="session-idle"
          name="idleMinutes"
          label={t("idleMinutes.label")}
          unit={t("idleMinutes.unit")}
          hint={t("idleMinutes.hint", POLICY_LIMITS.idleMinutes)}
          value={values.idleMinutes}
          onChange={set("idleMinutes")}
          error={fieldError("idleMinutes")}
        />
        <NumberField
          id="session-absolute"
          name="absoluteHours"
          label={t("absoluteHours.label")}
          unit={t("absoluteHours.unit")}
          hint={t("absoluteHours.hint", POLICY_LIMITS.absoluteHours)}
          value={values.absoluteHours}
          onChange={set("absoluteHours")}
          error={fieldError("absoluteHours")}
        />
      </div>
    </PolicyFormCard>
  );
}
