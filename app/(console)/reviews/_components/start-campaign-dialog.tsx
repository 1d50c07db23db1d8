"use client";
import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { Plus } from "lucide-react";
import { Field, fieldAria } from "@/components/forms/field";
import { Button } from "@/components/ui/button";
import { DialogClose, DialogShell } from "@/components/ui/dialog-shell";
import { Input, Select } from "@/components/ui/input";
import { useNotice } from "@/components/ui/notice";
import { formatNumber } from "@/lib/format";
import { UNDECIDED_OUTCOMES, type UndecidedOutcome } from "@/lib/policy/reviews";
import type { ActionResult } from "@/lib/server/action";
import { createCampaignAction } from "../actions";
import { quarterParts } from "./campaign-text";
import { useCampaignErrors } from "./use-campaign-errors";

export interface QuarterOption {
  key: string;
  defaultTitle: string;
  defaultDue: string;
}

const FIELDS = ["quarter", "title", "dueAt", "undecidedOutcome", "dormantDays", "fallbackReviewerLoginId"] as const;

// The list page's primary action: a dialog with the start form. An error keeps what was typed; success opens the campaign.
export function StartCampaignDialog({ quarters, current }: { quarters: QuarterOption[]; current: string }) {
  const t = useTranslations("campaigns.create");
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button onClick={() => setOpen(true)}>
        <Plus className="size-4" aria-hidden />
        {t("open")}
      </Button>
      <DialogShell open={open} onOpenChange={setOpen} title={t("title")} description={t("description")} className="w-[min(36rem,94vw)]">
        <StartCampaignForm quarters={quarters} current={current} />
      </DialogShell>
    </>
  );
}

function StartCampaignForm({ quarters, current }: { quarters: QuarterOption[]; current: string }) {
  const t = useTranslations("campaigns");
  const errors = useCampaignErrors();
  const notice = useNotice();
  const router = useRouter();
  const [values, setValues] = useState({ quarter: current, title: "", dueAt: "", dormantDays: "90", fallbackReviewerLoginId: "" });
  const [outcome, setOutcome] = useState<UndecidedOutcome>("no_change");
  const [result, setResult] = useState<ActionResult<{ id: string; itemCount: number }> | null>(null);
  const [pending, start] = useTransition();
  const set = (field: keyof typeof values) => (e: { target: { value: string } }) => setValues((v) => ({ ...v, [field]: e.target.value }));
  const error = (field: string) => errors.field(result, field);
  const formError = errors.form(result, FIELDS);
  const chosen = quarters.find((q) => q.key === values.quarter) ?? quarters[1]!;

  const submit = () =>
    start(async () => {
      const r = await createCampaignAction(null, { ...values, undecidedOutcome: outcome });
      setResult(r);
      if (r.ok) {
        notice(t("create.started", { count: formatNumber(r.data.itemCount) }));
        router.push(`/reviews/${r.data.id}`);
      }
    });

  return (
    <form
      noValidate
      className="mt-4 space-y-4"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      {formError ? (
        <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
          {formError}
        </p>
      ) : null}
      <div className="grid gap-4 sm:grid-cols-2">
        <Field id="campaign-quarter" label={t("create.quarter")} error={error("quarter")}>
          <Select id="campaign-quarter" value={values.quarter} onChange={set("quarter")} className="w-full" {...fieldAria("campaign-quarter", error("quarter"))}>
            {quarters.map((q) => (
              <option key={q.key} value={q.key}>
                {t("quarter", quarterParts(q.key))}
              </option>
            ))}
          </Select>
        </Field>
        <Field id="campaign-due" label={t("create.dueAt")} hint={t("create.dueAtHint", { date: chosen.defaultDue })} error={error("dueAt")}>
          <Input id="campaign-due" type="datetime-local" value={values.dueAt} onChange={set("dueAt")} className="num" {...fieldAria("campaign-due", error("dueAt"), true)} />
        </Field>
      </div>
      <Field id="campaign-title" label={t("create.titleField")} hint={t("create.titleHint", { title: chosen.defaultTitle })} error={error("title")}>
        <Input id="campaign-title" value={values.title} onChange={set("title")} maxLength={120} autoComplete="off" placeholder={chosen.defaultTitle} {...fieldAria("campaign-title", error("title"), true)} />
      </Field>
      <fieldset>
        <legend className="mb-1 text-sm font-medium text-neutral-800">{t("create.outcomeLegend")}</legend>
        <div className="space-y-2">
          {UNDECIDED_OUTCOMES.map((o) => (
            <label key={o} className="flex items-start gap-2 rounded-md border border-neutral-200 px-3 py-2 text-sm has-[:checked]:border-accent-600 has-[:checked]:bg-accent-50">
              <input type="radio" name="undecidedOutcome" value={o} checked={outcome === o} onChange={() => setOutcome(o)} className="mt-0.5 size-4 accent-accent-600" />
              <span>
                <span className="font-medium">{t(`outcome.${o}`)}</span>
                <span className="block text-xs text-neutral-700">{t(`create.outcomeHint.${o}`)}</span>
              </span>
            </label>
          ))}
        </div>
        {error("undecidedOutcome") ? <p className="mt-1 text-sm text-red-700">{error("undecidedOutcome")}</p> : null}
      </fieldset>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field id="campaign-dormant" label={t("create.dormantDays")} hint={t("create.dormantDaysHint")} error={error("dormantDays")}>
          <Input
            id="campaign-dormant"
            inputMode="numeric"
            value={values.dormantDays}
            onChange={set("dormantDays")}
            className="num w-28"
            {...fieldAria("campaign-dormant", error("dormantDays"), true)}
          />
        </Field>
        <Field id="campaign-fallback" label={t("create.fallbackReviewer")} hint={t("create.fallbackReviewerHint")} error={error("fallbackReviewerLoginId")}>
          <Input
            id="campaign-fallback"
            value={values.fallbackReviewerLoginId}
            onChange={set("fallbackReviewerLoginId")}
            autoComplete="off"
            spellCheck={false}
            {...fieldAria("campaign-fallback", error("fallbackReviewerLoginId"), true)}
          />
        </Field>
      </div>
      <div className="flex justify-end gap-2">
        <DialogClose asChild>
          <Button type="button" variant="secondary">
            {t("create.cancel")}
          </Button>
        </DialogClose>
        <Button type="submit" disabled={pending}>
          {pending ? t("create.submitting") : t("create.submit")}
        </Button>
      </div>
    </form>
  );
}
