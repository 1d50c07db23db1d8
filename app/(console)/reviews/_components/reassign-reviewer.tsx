"use client";
import { useRef, useState, useTransition } from "react";
import { useTranslations } from "next-intl";
import { Field, fieldAria } from "@/components/forms/field";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { useNotice } from "@/components/ui/notice";
import { formatNumber } from "@/lib/format";
import type { ActionResult } from "@/lib/server/action";
import { reassignReviewerAction } from "../actions";
import { useCampaignErrors } from "./use-campaign-errors";

// reviews:manage names a reviewer: a manager on leave hands their undecided items to someone, or the unassigned ones
// get one. By OCN ID, as the people in question may hold no role the console could list them by.
export function ReassignReviewer({ reviewId }: { reviewId: string }) {
  const t = useTranslations("campaigns.reassign");
  const errors = useCampaignErrors();
  const notice = useNotice();
  const formRef = useRef<HTMLFormElement>(null);
  const [result, setResult] = useState<ActionResult<{ moved: number; kept: number }> | null>(null);
  const [pending, start] = useTransition();
  const fromError = errors.field(result, "fromLoginId");
  const toError = errors.field(result, "toLoginId");
  const formError = errors.form(result, ["fromLoginId", "toLoginId"]);
  return (
    <details className="mb-3 rounded-lg border border-neutral-200 bg-white px-4 py-3 text-sm">
      <summary className="cursor-pointer font-medium text-accent-700">{t("title")}</summary>
      <p className="mt-1 text-neutral-700">{t("hint")}</p>
      <form
        ref={formRef}
        noValidate
        className="mt-3 flex flex-wrap items-start gap-3"
        onSubmit={(e) => {
          e.preventDefault();
          const form = new FormData(e.currentTarget);
          start(async () => {
            const r = await reassignReviewerAction(null, { reviewId, fromLoginId: String(form.get("fromLoginId") ?? ""), toLoginId: String(form.get("toLoginId") ?? "") });
            setResult(r);
            if (r.ok) {
              notice(t("done", { moved: formatNumber(r.data.moved), kept: formatNumber(r.data.kept) }));
              formRef.current?.reset();
            }
          });
        }}
      >
        <div className="w-72">
          <Field id="reassign-from" label={t("from")} hint={t("fromHint")} error={fromError}>
            <Input id="reassign-from" name="fromLoginId" autoComplete="off" {...fieldAria("reassign-from", fromError, true)} />
          </Field>
        </div>
        <div className="w-72">
          <Field id="reassign-to" label={t("to")} error={toError}>
            <Input id="reassign-to" name="toLoginId" autoComplete="off" required {...fieldAria("reassign-to", toError, false)} />
          </Field>
        </div>
        <div className="pt-6">
          <Button type="submit" variant="secondary" disabled={pending}>
            {pending ? t("moving") : t("submit")}
          </Button>
        </div>
        {formError ? (
          <p role="alert" className="basis-full text-sm text-red-700">
            {formError}
          </p>
        ) : null}
      </form>
    </details>
  );
}
