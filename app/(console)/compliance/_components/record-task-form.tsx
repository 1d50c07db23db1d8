"use client";
import { useState, useTransition } from "react";
import { useTranslations } from "next-intl";
import { Field, fieldAria, textareaClass } from "@/components/forms/field";
import { Button } from "@/components/ui/button";
import { DialogClose, DialogShell } from "@/components/ui/dialog-shell";
import { Input } from "@/components/ui/input";
import { useNotice } from "@/components/ui/notice";
import type { ActionResult } from "@/lib/server/action";
import { completeComplianceTaskAction, skipComplianceTaskAction } from "../actions";

/** An action's answer in words: the code under the field it names, anything else for the form as a whole. */
function useErrors() {
  const t = useTranslations("compliance.errors");
  const word = (...codes: (string | undefined)[]) => {
    const code = codes.find((c): c is string => c !== undefined && t.has(c));
    return code ? t(code) : t("unavailable");
  };
  return {
    field: (result: ActionResult<unknown> | null, field: string) => {
      const code = result && !result.ok ? result.fieldErrors?.[field] : undefined;
      return code ? word(code, "invalid") : undefined;
    },
    form: (result: ActionResult<unknown> | null, fields: string[]) => {
      if (!result || result.ok) return null;
      const named = Object.keys(result.fieldErrors ?? {});
      if (named.some((f) => fields.includes(f))) return null;
      return word(Object.values(result.fieldErrors ?? {})[0], result.message, result.code);
    },
  };
}

/**
 * Recording one recurring task: what was checked (required) and where the evidence is (optional); or not applicable
 * this period, with why. Closed until asked for, so the calendar stays a list; typed input stays on a refusal.
 */
export function RecordTaskForm({ taskId, kindName }: { taskId: string; kindName: string }) {
  const t = useTranslations("compliance.form");
  const errors = useErrors();
  const notice = useNotice();
  const [open, setOpen] = useState(false);
  const [note, setNote] = useState("");
  const [evidenceUrl, setEvidenceUrl] = useState("");
  const [result, setResult] = useState<ActionResult<unknown> | null>(null);
  const [skipOpen, setSkipOpen] = useState(false);
  const [reason, setReason] = useState("");
  const [skipResult, setSkipResult] = useState<ActionResult<unknown> | null>(null);
  const [pending, start] = useTransition();
  const id = (field: string) => `compliance-${taskId}-${field}`;

  if (!open) {
    return (
      <Button type="button" size="sm" variant="secondary" onClick={() => setOpen(true)} aria-expanded={false} aria-controls={id("form")}>
        {t("record")}
      </Button>
    );
  }

  const complete = () =>
    start(async () => {
      const r = await completeComplianceTaskAction(null, { id: taskId, note, evidenceUrl });
      setResult(r);
      if (r.ok) notice(t("done"));
    });
  const skip = () =>
    start(async () => {
      const r = await skipComplianceTaskAction(null, { id: taskId, note: reason });
      setSkipResult(r);
      if (r.ok) {
        setSkipOpen(false);
        notice(t("skipped"));
      }
    });
  const formError = errors.form(result, ["note", "evidenceUrl"]);

  return (
    <form
      id={id("form")}
      aria-label={`${kindName}: ${t("record")}`}
      className="mt-2 max-w-2xl space-y-3 rounded-md border border-neutral-200 bg-neutral-50 p-3"
      onSubmit={(e) => {
        e.preventDefault();
        complete();
      }}
    >
      <Field id={id("note")} label={t("note")} hint={t("noteHint")} error={errors.field(result, "note")}>
        <textarea
          id={id("note")}
          value={note}
          onChange={(e) => setNote(e.target.value)}
          rows={2}
          maxLength={1000}
          className={textareaClass}
          {...fieldAria(id("note"), errors.field(result, "note"), true)}
        />
      </Field>
      <Field id={id("url")} label={t("url")} hint={t("urlHint")} error={errors.field(result, "evidenceUrl")}>
        <Input
          id={id("url")}
          type="text"
          inputMode="url"
          value={evidenceUrl}
          onChange={(e) => setEvidenceUrl(e.target.value)}
          maxLength={2000}
          autoComplete="off"
          {...fieldAria(id("url"), errors.field(result, "evidenceUrl"), true)}
        />
      </Field>
      {formError ? (
        <p role="alert" className="text-sm text-red-700">
          {formError}
        </p>
      ) : null}
      <div className="flex flex-wrap items-center justify-end gap-2">
        <Button
          type="button"
          size="sm"
          variant="ghost"
          onClick={() => {
            setSkipResult(null);
            setSkipOpen(true);
          }}
        >
          {t("skip")}
        </Button>
        <Button type="button" size="sm" variant="secondary" onClick={() => setOpen(false)}>
          {t("cancel")}
        </Button>
        <Button type="submit" size="sm" disabled={pending}>
          {pending ? t("submitting") : t("submit")}
        </Button>
      </div>
      <DialogShell open={skipOpen} onOpenChange={setSkipOpen} title={t("skipTitle", { kind: kindName })} description={t("skipBody")}>
        <div className="mt-4 space-y-4">
          <Field id={id("reason")} label={t("skipReason")} hint={t("skipReasonHint")} error={errors.field(skipResult, "note")}>
            <textarea
              id={id("reason")}
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              rows={3}
              maxLength={500}
              className={textareaClass}
              {...fieldAria(id("reason"), errors.field(skipResult, "note"), true)}
            />
          </Field>
          {errors.form(skipResult, ["note"]) ? (
            <p role="alert" className="text-sm text-red-700">
              {errors.form(skipResult, ["note"])}
            </p>
          ) : null}
          <div className="flex justify-end gap-2">
            <DialogClose asChild>
              <Button type="button" variant="secondary">
                {t("cancel")}
              </Button>
            </DialogClose>
            <Button type="button" disabled={pending || reason.trim() === ""} onClick={skip}>
              {t("skipConfirm")}
            </Button>
          </div>
        </div>
      </DialogShell>
    </form>
  );
}
