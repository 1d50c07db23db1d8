"use client";
import { useActionState, useId } from "react";
import { useLocale, useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { Input, Label } from "@/components/ui/input";
import { POLICY_LIMITS, type PolicyField } from "@/lib/schemas/policies";
import type { ActionResult } from "@/lib/server/action";

// The frame the three policy forms share: the card, the current-setting summary, fields with their errors,
// and the save row. The form keeps what was typed on an error; the summary follows what was last saved.

export type PolicyResult<P> = ActionResult<{ changed: boolean; policy: P }>;
type PolicyAction<P> = (previous: PolicyResult<P> | null, form: FormData) => Promise<PolicyResult<P>>;

/** The server action's last answer, and the policy as last saved (the page's value until a save succeeds). */
export function usePolicyAction<P>(serverAction: PolicyAction<P>, initial: P) {
  type State = { result: PolicyResult<P> | null; saved: P };
  const [state, formAction, pending] = useActionState<State, FormData>(
    async (previous, form) => {
      const result = await serverAction(null, form);
      return { result, saved: result.ok ? result.data.policy : previous.saved };
    },
    { result: null, saved: initial },
  );
  return { ...state, formAction, pending };
}

/** True when the form's values are the policy as saved. */
export function samePolicy<P extends object>(a: P, b: P): boolean {
  return (Object.keys(a) as (keyof P)[]).every((k) => a[k] === b[k]);
}

/** Minutes in the largest whole unit: "90 分", "2 時間". */
export function useDuration() {
  const t = useTranslations("policies.duration");
  return (minutes: number) => (minutes >= 60 && minutes % 60 === 0 ? t("hours", { n: minutes / 60 }) : t("minutes", { n: minutes }));
}

/** Sentences as one text: Japanese runs them together after 。, English puts a space between. */
export function useSentences() {
  const separator = useLocale() === "ja" ? "" : " ";
  return (sentences: string[]) => sentences.filter(Boolean).join(separator);
}

/** The words for a field's error code; the bounds come from the shared schema. */
export function useFieldError<P>(section: "lockout" | "password" | "session", result: PolicyResult<P> | null) {
  const t = useTranslations("policies");
  return (field: PolicyField): string | undefined => {
    const code = result && !result.ok ? result.fieldErrors?.[field] : undefined;
    if (!code) return undefined;
    if (code === "out_of_range") return t("errors.out_of_range", { ...POLICY_LIMITS[field], unit: t(`${section}.${field}.unit`) });
    return t.has(`errors.${code}`) ? t(`errors.${code}`) : t("errors.invalid");
  };
}

export function PolicyFormCard<P>({
  title,
  description,
  summary,
  preview,
  effect,
  canManage,
  dirty,
  state,
  children,
}: {
  title: string;
  description: string;
  summary: string;
  /** What the summary will say once saved; null while the form matches the saved policy or does not parse. */
  preview: string | null;
  effect: string;
  canManage: boolean;
  dirty: boolean;
  state: ReturnType<typeof usePolicyAction<P>>;
  children: React.ReactNode;
}) {
  const t = useTranslations("policies");
  const headingId = useId();
  const { result, formAction, pending } = state;
  const problem = result && !result.ok ? (t.has(`errors.${result.code}`) ? t(`errors.${result.code}`) : t("errors.unavailable")) : null;
  return (
    <Card className="flex flex-col" role="region" aria-labelledby={headingId}>
      <div className="border-b border-neutral-200 px-5 py-4">
        <h2 id={headingId} className="text-base font-semibold text-neutral-900">
          {title}
        </h2>
        <p className="mt-1 text-sm text-neutral-600">{description}</p>
      </div>
      <form action={formAction} noValidate className="flex flex-1 flex-col px-5 py-4">
        <div className="rounded-md border border-neutral-200 bg-neutral-50 px-3 py-2 text-sm" aria-live="polite">
          <p data-testid="policy-summary">
            <span className="mr-2 text-xs font-medium text-neutral-600">{t("current")}</span>
            {summary}
          </p>
          {preview ? (
            <p className="mt-1 text-accent-800">
              <span className="mr-2 text-xs font-medium">{t("preview")}</span>
              {preview}
            </p>
          ) : null}
        </div>
        <fieldset disabled={!canManage} className="mt-4 flex flex-col gap-4">
          {children}
        </fieldset>
        <p className="mt-4 mb-4 text-xs leading-relaxed text-neutral-600">{effect}</p>
        {canManage ? (
          <div className="mt-auto flex flex-wrap items-center justify-end gap-3 border-t border-neutral-100 pt-4">
            <p role="status" className={cn("mr-auto text-sm", problem ? "text-red-700" : "text-green-800")}>
              {problem ?? (result?.ok && !dirty ? t(result.data.changed ? "saved" : "unchanged") : null)}
            </p>
            <Button type="submit" disabled={pending}>
              {pending ? t("saving") : t("save")}
            </Button>
          </div>
        ) : null}
      </form>
    </Card>
  );
}

export function NumberField({
  id,
  name,
  label,
  unit,
  hint,
  value,
  onChange,
  error,
  disabled,
}: {
  id: string;
  name: string;
  label: string;
  unit: string;
  hint: string;
  value: string;
  onChange: (value: string) => void;
  error?: string;
  disabled?: boolean;
}) {
  return (
    <div>
      <Label htmlFor={id} className={cn(disabled && "text-neutral-500")}>
        {label}
      </Label>
      <div className="flex items-center gap-2">
        {/* Text, not type=number: Japanese input methods type full-width digits, which the server accepts. */}
        <Input
          id={id}
          name={name}
          type="text"
          inputMode="numeric"
          autoComplete="off"
          value={value}
          onChange={(e) => onChange(e.currentTarget.value)}
          disabled={disabled}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error ${id}-hint` : `${id}-hint`}
          className="num w-24 text-right disabled:bg-neutral-100 disabled:text-neutral-600"
        />
        <span className="text-sm text-neutral-700">{unit}</span>
      </div>
      {error ? (
        <p id={`${id}-error`} className="mt-1 text-sm text-red-700">
          {error}
        </p>
      ) : null}
      <p id={`${id}-hint`} className="mt-1 text-xs text-neutral-600">
        {hint}
      </p>
    </div>
  );
}

export function Choice({
  name,
  value,
  checked,
  onChange,
  label,
  children,
}: {
  name: string;
  value: string;
  checked: boolean;
  onChange: (value: string) => void;
  label: string;
  children?: React.ReactNode;
}) {
  const id = useId();
  return (
    <div>
      <div className="flex items-center gap-2">
        <input id={id} type="radio" name={name} value={value} checked={checked} onChange={() => onChange(value)} className="size-4 accent-accent-600" />
        <label htmlFor={id} className="text-sm text-neutral-800">
          {label}
        </label>
      </div>
      {children ? <div className="mt-2 pl-6">{children}</div> : null}
    </div>
  );
}
