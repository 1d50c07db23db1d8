"use client";
import { useState, useTransition } from "react";
import { useTranslations } from "next-intl";
import { Field, fieldAria, textareaClass } from "@/components/forms/field";
import { Button } from "@/components/ui/button";
import { DialogClose, DialogShell } from "@/components/ui/dialog-shell";
import { useNotice } from "@/components/ui/notice";
import type { AlertStatus, AlertTransition } from "@/lib/schemas/alerts";
import type { ActionResult } from "@/lib/server/action";
import { acknowledgeAlertAction, markAlertFalsePositiveAction, reopenAlertAction, resolveAlertAction } from "../actions";
import { useAlertErrors } from "./use-alert-errors";

type WithText = Exclude<AlertTransition, "acknowledge">;
const TEXT_FIELD: Record<WithText, "resolution" | "reason"> = { resolve: "resolution", falsePositive: "reason", reopen: "reason" };

// The workflow steps the alert's status allows; each that closes or reopens it asks for its reason in a dialog.
export function AlertWorkflow({ alertId, status, steps }: { alertId: string; status: AlertStatus; steps: AlertTransition[] }) {
  const t = useTranslations("alerts.actions");
  const errors = useAlertErrors();
  const notice = useNotice();
  const [open, setOpen] = useState<WithText | null>(null);
  const [text, setText] = useState("");
  const [result, setResult] = useState<ActionResult<unknown> | null>(null);
  const [pending, start] = useTransition();

  const acknowledge = () =>
    start(async () => {
      const r = await acknowledgeAlertAction(null, { id: alertId, expectedStatus: status });
      setResult(r);
      if (r.ok) notice(t("acknowledge.done"));
    });
  const submit = (step: WithText) =>
    start(async () => {
      const field = TEXT_FIELD[step];
      const input = { id: alertId, expectedStatus: status, [field]: text };
      const r =
        step === "resolve"
          ? await resolveAlertAction(null, input as Parameters<typeof resolveAlertAction>[1])
          : step === "falsePositive"
            ? await markAlertFalsePositiveAction(null, input as Parameters<typeof markAlertFalsePositiveAction>[1])
            : await reopenAlertAction(null, input as Parameters<typeof reopenAlertAction>[1]);
      setResult(r);
      if (r.ok) {
        notice(t(`${step}.done`));
        setOpen(null);
        setText("");
      }
    });

  const field = open ? TEXT_FIELD[open] : "reason";
  const fieldError = errors.field(result, field);
  const formError = errors.form(result, [field]);
  return (
    <div className="flex flex-col items-end gap-2">
      <div className="flex flex-wrap items-center justify-end gap-2">
        {steps.includes("acknowledge") ? (
          <Button size="sm" onClick={acknowledge} disabled={pending}>
            {t("acknowledge.button")}
          </Button>
        ) : null}
        {steps.includes("resolve") ? (
          <Button size="sm" variant={steps.includes("acknowledge") ? "secondary" : "primary"} onClick={() => (setResult(null), setOpen("resolve"))}>
            {t("resolve.button")}
          </Button>
        ) : null}
        {steps.includes("reopen") ? (
          <Button size="sm" variant="secondary" onClick={() => (setResult(null), setOpen("reopen"))}>
            {t("reopen.button")}
          </Button>
        ) : null}
        {steps.includes("falsePositive") ? (
          <>
            <span aria-hidden className="mx-1 h-6 w-px bg-neutral-300" />
            <Button size="sm" variant="dangerOutline" onClick={() => (setResult(null), setOpen("falsePositive"))}>
              {t("falsePositive.button")}
            </Button>
          </>
        ) : null}
      </div>
      {!open && formError ? (
        <p role="alert" className="max-w-md text-right text-sm text-red-700">
          {formError}
        </p>
      ) : null}
      <DialogShell
        open={open !== null}
        onOpenChange={(o) => {
          if (!o) setOpen(null);
        }}
        title={open ? t(`${open}.title`) : ""}
        description={open ? t(`${open}.consequence`) : ""}
      >
        {open ? (
          <form
            className="mt-4 space-y-4"
            onSubmit={(e) => {
              e.preventDefault();
              submit(open);
            }}
          >
            <Field id="alert-step-text" label={t(`${open}.field`)} hint={t(`${open}.hint`)} error={fieldError}>
              <textarea
                id="alert-step-text"
                value={text}
                onChange={(e) => setText(e.target.value)}
                rows={4}
                maxLength={1000}
                className={textareaClass}
                {...fieldAria("alert-step-text", fieldError, true)}
              />
            </Field>
            {formError ? (
              <p role="alert" className="text-sm text-red-700">
                {formError}
              </p>
            ) : null}
            <div className="flex justify-end gap-2">
              <DialogClose asChild>
                <Button type="button" variant="secondary">
                  {t("cancel")}
                </Button>
              </DialogClose>
              <Button type="submit" variant={open === "falsePositive" ? "danger" : "primary"} disabled={pending}>
                {t(`${open}.confirm`)}
              </Button>
            </div>
          </form>
        ) : null}
      </DialogShell>
    </div>
  );
}
